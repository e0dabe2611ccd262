import { IamScopedTrust } from '../../../../../modules/policy/rules/iam/IamScopedTrust';
import { findingsOf, policy } from '../../../../support/policy-rules';

describe('iam-scoped-trust: ' + IamScopedTrust.description, () => {
  test('compliant: GitHub OIDC trust pinned to one repository', () => {
    expect(
      findingsOf(IamScopedTrust, {
        resource: {
          aws_iam_role: {
            r: {
              assume_role_policy: policy({
                Effect: 'Allow',
                Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                  StringEquals: {
                    'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                    'token.actions.githubusercontent.com:sub': 'repo:org/app:environment:prod',
                  },
                },
              }),
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: a wildcard repository', () => {
    expect(
      findingsOf(IamScopedTrust, {
        resource: {
          aws_iam_role: {
            r: {
              assume_role_policy: policy({
                Effect: 'Allow',
                Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                  StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                  StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*:*' },
                },
              }),
            },
          },
        },
      }),
    ).toEqual(['aws_iam_role.r: GitHub OIDC trust subject must name one repository, got ["repo:org/*:*"]']);
  });
});
