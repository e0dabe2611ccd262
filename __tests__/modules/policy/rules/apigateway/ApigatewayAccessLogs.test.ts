import { ApigatewayAccessLogs } from '../../../../../modules/policy/rules/apigateway/ApigatewayAccessLogs';
import { findingsOf } from '../../../../support/policy-rules';

describe('apigateway-access-logs: ' + ApigatewayAccessLogs.description, () => {
  test('compliant: access logs with destination and format', () => {
    expect(
      findingsOf(ApigatewayAccessLogs, {
        resource: {
          aws_apigatewayv2_stage: {
            s: {
              name: '$default',
              access_log_settings: { destination_arn: '${aws_cloudwatch_log_group.g.arn}', format: '{}' },
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no access logs', () => {
    expect(
      findingsOf(ApigatewayAccessLogs, { resource: { aws_api_gateway_stage: { s: { stage_name: 'live' } } } }),
    ).toEqual(['aws_api_gateway_stage.s: stage has no access_log_settings with a destination and format']);
  });
});
