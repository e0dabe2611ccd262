import { ApigatewayThrottling } from '../../../../../modules/policy/rules/apigateway/ApigatewayThrottling';
import { findingsOf } from '../../../../support/policy-rules';

describe('apigateway-throttling: ' + ApigatewayThrottling.description, () => {
  test('compliant: REST stage with throttled method settings', () => {
    expect(
      findingsOf(ApigatewayThrottling, {
        resource: {
          aws_api_gateway_stage: { s: { stage_name: 'live' } },
          aws_api_gateway_method_settings: {
            m: {
              stage_name: '${aws_api_gateway_stage.s.stage_name}',
              method_path: '*/*',
              settings: { throttling_rate_limit: 50, throttling_burst_limit: 100 },
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: HTTP stage without default route throttling', () => {
    expect(
      findingsOf(ApigatewayThrottling, { resource: { aws_apigatewayv2_stage: { s: { name: '$default' } } } }),
    ).toEqual(['aws_apigatewayv2_stage.s: stage has no default_route_settings throttling rate and burst']);
  });
});
