import { IamNoWildcardActions } from '../../../../../modules/policy/rules/iam/IamNoWildcardActions';
import { findingsOf, policy } from '../../../../support/policy-rules';

/** Role policy `p` allowing the actions on one queue. */
const allowing = (actions: string[]) => ({
  resource: {
    aws_iam_role_policy: {
      p: {
        role: 'r',
        policy: policy({ Effect: 'Allow', Action: actions, Resource: 'arn:aws:sqs:eu-west-1:111111111111:q' }),
      },
    },
  },
});

describe('iam-no-wildcard-actions: ' + IamNoWildcardActions.description, () => {
  test('compliant: named actions', () => {
    expect(findingsOf(IamNoWildcardActions, allowing(['sqs:SendMessage']))).toEqual([]);
  });

  test('non-compliant: a service wildcard', () => {
    expect(findingsOf(IamNoWildcardActions, allowing(['sqs:*']))).toEqual([
      'aws_iam_role_policy.p: Allow statement grants wildcard action(s) sqs:*',
    ]);
  });
});
