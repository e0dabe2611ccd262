import { ApigatewayRestTracing } from '../../../../../modules/policy/rules/apigateway/ApigatewayRestTracing';
import { findingsOf } from '../../../../support/policy-rules';

describe('apigateway-rest-tracing: ' + ApigatewayRestTracing.description, () => {
  test('compliant: tracing on', () => {
    expect(
      findingsOf(ApigatewayRestTracing, {
        resource: { aws_api_gateway_stage: { s: { stage_name: 'live', xray_tracing_enabled: true } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: tracing off', () => {
    expect(
      findingsOf(ApigatewayRestTracing, { resource: { aws_api_gateway_stage: { s: { stage_name: 'live' } } } }),
    ).toEqual(['aws_api_gateway_stage.s: stage does not have xray_tracing_enabled = true']);
  });
});
