import { blocks, Finding, PolicyRule } from '../../engine';

export const ApigatewayRestExecutionLogging: PolicyRule = {
  id: 'apigateway-rest-execution-logging',
  service: 'apigateway',
  level: 'error',
  description: 'Every REST API stage logs execution at ERROR or INFO level (method settings for "*/*").',
  explanation:
    'Access logs say that a request failed; execution logs say why (authorizer, integration, mapping errors), which an incident needs.',
  references: { fsbp: 'APIGateway.1', cdkNag: 'AwsSolutions-APIG6', checkov: 'CKV2_AWS_4' },
  check: (stack) =>
    stack.resources('aws_api_gateway_stage').flatMap((s): Finding[] => {
      const logged = stack
        .referencing('aws_api_gateway_method_settings', 'stage_name', s, 'stage_name')
        .some((m) => blocks(m.config.settings).some((r) => r.logging_level === 'ERROR' || r.logging_level === 'INFO'));
      return logged ? [] : [{ resource: s, message: 'stage has no method settings with logging_level ERROR or INFO' }];
    }),
};
