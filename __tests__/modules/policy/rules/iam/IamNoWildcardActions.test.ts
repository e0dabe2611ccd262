import { IamNoWildcardActions } from '../../../../../modules/policy/rules/iam/IamNoWildcardActions';
import { findingsOf, policy } from '../../../../support/policy-rules';

describe('iam-no-wildcard-actions: ' + IamNoWildcardActions.description, () => {
  test('compliant: named actions', () => {
    expect(
      findingsOf(IamNoWildcardActions, {
        resource: {
          aws_iam_role_policy: {
            p: {
              role: 'r',
              policy: policy({
                Effect: 'Allow',
                Action: ['sqs:SendMessage'],
                Resource: 'arn:aws:sqs:eu-west-1:111111111111:q',
              }),
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: a service wildcard', () => {
    expect(
      findingsOf(IamNoWildcardActions, {
        resource: {
          aws_iam_role_policy: {
            p: {
              role: 'r',
              policy: policy({ Effect: 'Allow', Action: ['sqs:*'], Resource: 'arn:aws:sqs:eu-west-1:111111111111:q' }),
            },
          },
        },
      }),
    ).toEqual(['aws_iam_role_policy.p: Allow statement grants wildcard action(s) sqs:*']);
  });
});
