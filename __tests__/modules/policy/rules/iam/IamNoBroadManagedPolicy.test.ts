import { IamNoBroadManagedPolicy } from '../../../../../modules/policy/rules/iam/IamNoBroadManagedPolicy';
import { findingsOf } from '../../../../support/policy-rules';

describe('iam-no-broad-managed-policy: ' + IamNoBroadManagedPolicy.description, () => {
  test('compliant: a narrow managed policy', () => {
    expect(
      findingsOf(IamNoBroadManagedPolicy, {
        resource: {
          aws_iam_role_policy_attachment: {
            a: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: AdministratorAccess', () => {
    expect(
      findingsOf(IamNoBroadManagedPolicy, {
        resource: {
          aws_iam_role_policy_attachment: {
            a: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
          },
        },
      }),
    ).toEqual(['aws_iam_role_policy_attachment.a: role is attached the AWS managed policy AdministratorAccess']);
  });
});
