import { PolicyRule } from '../../engine';
import { hasAccessLogs } from '../../support/apigateway';

export const ApigatewayAccessLogs: PolicyRule = {
  id: 'apigateway-access-logs',
  service: 'apigateway',
  level: 'error',
  description: 'Every API Gateway stage (REST and HTTP) writes access logs.',
  explanation:
    'Access logs are the record of who called what and with which result; without them an incident cannot be reconstructed.',
  references: { fsbp: 'APIGateway.9', cdkNag: 'AwsSolutions-APIG1', checkov: 'CKV_AWS_76, CKV_AWS_95' },
  check: (stack) =>
    [...stack.resources('aws_api_gateway_stage'), ...stack.resources('aws_apigatewayv2_stage')]
      .filter((s) => !hasAccessLogs(s))
      .map((s) => ({ resource: s, message: 'stage has no access_log_settings with a destination and format' })),
};
