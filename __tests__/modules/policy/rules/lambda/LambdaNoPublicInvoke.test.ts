import { LambdaNoPublicInvoke } from '../../../../../modules/policy/rules/lambda/LambdaNoPublicInvoke';
import { findingsOf } from '../../../../support/policy-rules';

describe('lambda-no-public-invoke: ' + LambdaNoPublicInvoke.description, () => {
  test('compliant: one principal and a concrete source', () => {
    expect(
      findingsOf(LambdaNoPublicInvoke, {
        resource: {
          aws_lambda_permission: {
            p: {
              function_name: 'f',
              principal: 'apigateway.amazonaws.com',
              source_arn: 'arn:aws:execute-api:eu-west-1:111111111111:abc123/*/GET/health',
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: a wildcard account in source_arn', () => {
    expect(
      findingsOf(LambdaNoPublicInvoke, {
        resource: {
          aws_lambda_permission: {
            p: {
              function_name: 'f',
              principal: 'events.amazonaws.com',
              source_arn: 'arn:aws:events:eu-west-1:*:rule/x',
            },
          },
        },
      }),
    ).toEqual([
      'aws_lambda_permission.p: source_arn arn:aws:events:eu-west-1:*:rule/x has a wildcard region, account or resource',
    ]);
  });
});
