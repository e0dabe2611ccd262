import { IamScopedTrust } from '../../../../../modules/policy/rules/iam/IamScopedTrust';
import { findingsOf, policy, StackJson } from '../../../../support/policy-rules';

/** Role `r` trusting GitHub's OIDC provider under the given conditions. */
const roleTrustingGithub = (condition: StackJson) => ({
  resource: {
    aws_iam_role: {
      r: {
        assume_role_policy: policy({
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: condition,
        }),
      },
    },
  },
});

const AUDIENCE = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };

describe('iam-scoped-trust: ' + IamScopedTrust.description, () => {
  test('compliant: GitHub OIDC trust pinned to one repository', () => {
    const pinned = {
      StringEquals: { ...AUDIENCE, 'token.actions.githubusercontent.com:sub': 'repo:org/app:environment:prod' },
    };
    expect(findingsOf(IamScopedTrust, roleTrustingGithub(pinned))).toEqual([]);
  });

  test('non-compliant: a wildcard repository', () => {
    const wildcard = {
      StringEquals: AUDIENCE,
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*:*' },
    };
    expect(findingsOf(IamScopedTrust, roleTrustingGithub(wildcard))).toEqual([
      'aws_iam_role.r: GitHub OIDC trust subject must name one repository, got ["repo:org/*:*"]',
    ]);
  });
});
