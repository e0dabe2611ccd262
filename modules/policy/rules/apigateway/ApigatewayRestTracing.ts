import { PolicyRule } from '../../engine';

export const ApigatewayRestTracing: PolicyRule = {
  id: 'apigateway-rest-tracing',
  service: 'apigateway',
  level: 'error',
  description: 'Every REST API stage has X-Ray tracing.',
  explanation: 'Tracing the stage connects API latency to the function and AWS calls behind it.',
  references: { fsbp: 'APIGateway.3', cdkNag: 'NIST.800.53.R5-APIGWXrayEnabled', checkov: 'CKV_AWS_73' },
  check: (stack) =>
    stack
      .resources('aws_api_gateway_stage')
      .filter((s) => s.config.xray_tracing_enabled !== true)
      .map((s) => ({ resource: s, message: 'stage does not have xray_tracing_enabled = true' })),
};
