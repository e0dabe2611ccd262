import { LambdaNoPublicInvoke } from '../../../../../modules/policy/rules/lambda/LambdaNoPublicInvoke';
import { findingsOf } from '../../../../support/policy-rules';

/** Invoke permission `p` of function `f` for a service principal and source. */
const permission = (principal: string, sourceArn: string) => ({
  resource: { aws_lambda_permission: { p: { function_name: 'f', principal, source_arn: sourceArn } } },
});

describe('lambda-no-public-invoke: ' + LambdaNoPublicInvoke.description, () => {
  test('compliant: one principal and a concrete source', () => {
    expect(
      findingsOf(
        LambdaNoPublicInvoke,
        permission('apigateway.amazonaws.com', 'arn:aws:execute-api:eu-west-1:111111111111:abc123/*/GET/health'),
      ),
    ).toEqual([]);
  });

  test('non-compliant: a wildcard account in source_arn', () => {
    expect(
      findingsOf(LambdaNoPublicInvoke, permission('events.amazonaws.com', 'arn:aws:events:eu-west-1:*:rule/x')),
    ).toEqual([
      'aws_lambda_permission.p: source_arn arn:aws:events:eu-west-1:*:rule/x has a wildcard region, account or resource',
    ]);
  });
});
