import { LambdaNoFunctionUrl } from '../../../../../modules/policy/rules/lambda/LambdaNoFunctionUrl';
import { findingsOf } from '../../../../support/policy-rules';

describe('lambda-no-function-url: ' + LambdaNoFunctionUrl.description, () => {
  test('compliant: no function URL', () => {
    expect(
      findingsOf(LambdaNoFunctionUrl, { resource: { aws_lambda_function: { f: { function_name: 'f' } } } }),
    ).toEqual([]);
  });

  test('non-compliant: a function URL', () => {
    expect(
      findingsOf(LambdaNoFunctionUrl, {
        resource: { aws_lambda_function_url: { u: { function_name: 'f', authorization_type: 'NONE' } } },
      }),
    ).toEqual(['aws_lambda_function_url.u: function URL bypasses API Gateway (and is public with auth NONE)']);
  });
});
