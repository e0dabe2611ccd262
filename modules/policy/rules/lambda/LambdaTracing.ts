import { blocks, PolicyRule } from '../../engine';

export const LambdaTracing: PolicyRule = {
  id: 'lambda-tracing',
  service: 'lambda',
  level: 'error',
  description: 'Every function has X-Ray active tracing.',
  explanation:
    'Active tracing is what makes a slow or failing request traceable across API Gateway, functions and AWS calls.',
  references: { cdkNag: 'Serverless-LambdaTracing', checkov: 'CKV_AWS_50' },
  check: (stack) =>
    stack
      .resources('aws_lambda_function')
      .filter((f) => !blocks(f.config.tracing_config).some((t) => t.mode === 'Active'))
      .map((f) => ({ resource: f, message: 'function does not have tracing_config.mode = "Active"' })),
};
