import { PolicyRule } from '../../engine';

export const LambdaNoFunctionUrl: PolicyRule = {
  id: 'lambda-no-function-url',
  service: 'lambda',
  level: 'error',
  description: 'No function URL: functions are reached through API Gateway, which logs, throttles and authorizes.',
  explanation: 'A function URL is a second, unthrottled and (with auth NONE) public entry point beside the API.',
  references: { fsbp: 'Lambda.1', checkov: 'CKV_AWS_258' },
  check: (stack) =>
    stack
      .resources('aws_lambda_function_url')
      .map((u) => ({ resource: u, message: 'function URL bypasses API Gateway (and is public with auth NONE)' })),
};
