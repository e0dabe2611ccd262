import { LambdaTracing } from '../../../../../modules/policy/rules/lambda/LambdaTracing';
import { findingsOf } from '../../../../support/policy-rules';

describe('lambda-tracing: ' + LambdaTracing.description, () => {
  test('compliant: active tracing', () => {
    expect(
      findingsOf(LambdaTracing, {
        resource: { aws_lambda_function: { f: { function_name: 'f', tracing_config: { mode: 'Active' } } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: pass-through tracing', () => {
    expect(
      findingsOf(LambdaTracing, {
        resource: { aws_lambda_function: { f: { function_name: 'f', tracing_config: { mode: 'PassThrough' } } } },
      }),
    ).toEqual(['aws_lambda_function.f: function does not have tracing_config.mode = "Active"']);
  });
});
