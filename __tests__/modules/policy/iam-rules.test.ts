import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { policyDocument, PolicyStatement, serviceTrustPolicy } from '../../../modules/iam-policy';
import { IamLiteralPolicy } from '../../../modules/policy/rules/iam/IamLiteralPolicy';
import { IamNoBroadManagedPolicy } from '../../../modules/policy/rules/iam/IamNoBroadManagedPolicy';
import { IamNoWildcardActions } from '../../../modules/policy/rules/iam/IamNoWildcardActions';
import { IamScopedResources } from '../../../modules/policy/rules/iam/IamScopedResources';
import { IamScopedTrust } from '../../../modules/policy/rules/iam/IamScopedTrust';
import { testStack, violatedRules } from '../../support/stacks';

function stackWithRolePolicy(statements: PolicyStatement[]) {
  const stack = testStack();
  const role = new IamRole(stack, 'role', { name: 'r', assumeRolePolicy: serviceTrustPolicy('lambda.amazonaws.com') });
  new IamRolePolicy(stack, 'policy', { role: role.id, policy: policyDocument(statements) });
  return stack;
}

const rules = [IamNoWildcardActions, IamScopedResources];

describe('IAM rules', () => {
  test('scoped actions on named resources pass', () => {
    const stack = stackWithRolePolicy([{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }]);
    expect(violatedRules(stack, rules)).toEqual([]);
  });

  test('fails when an action is a wildcard', () => {
    expect(violatedRules(stackWithRolePolicy([{ actions: ['s3:*'], resources: ['arn:aws:s3:::b'] }]), rules)).toEqual([
      'iam-no-wildcard-actions',
    ]);
    expect(violatedRules(stackWithRolePolicy([{ actions: ['*'], resources: ['arn:aws:s3:::b'] }]), rules)).toEqual([
      'iam-no-wildcard-actions',
    ]);
  });

  test('fails when a scopable action is granted on Resource "*"', () => {
    const stack = stackWithRolePolicy([{ actions: ['dynamodb:GetItem'], resources: ['*'] }]);
    expect(violatedRules(stack, rules)).toEqual(['iam-scoped-resources']);
  });

  test('actions without resource-level permissions may use "*"', () => {
    const stack = stackWithRolePolicy([
      { actions: ['xray:PutTraceSegments', 'cloudwatch:PutMetricData'], resources: ['*'] },
    ]);
    expect(violatedRules(stack, rules)).toEqual([]);
  });

  test('Deny statements are not held to the Allow rules', () => {
    const stack = stackWithRolePolicy([{ effect: 'Deny', actions: ['*'], resources: ['*'] }]);
    expect(violatedRules(stack, rules)).toEqual([]);
  });

  test('fails when a policy is not literal JSON', () => {
    const stack = testStack();
    new IamPolicy(stack, 'opaque', { name: 'opaque', policy: '${data.aws_iam_policy_document.x.json}' });
    expect(violatedRules(stack, [IamLiteralPolicy])).toEqual(['iam-literal-policy']);
  });

  test('fails when a role is attached AdministratorAccess; read-only passes', () => {
    const stack = testStack();
    new IamRolePolicyAttachment(stack, 'admin', {
      role: 'r',
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    new IamRolePolicyAttachment(stack, 'ro', { role: 'r', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(violatedRules(stack, [IamNoBroadManagedPolicy])).toEqual(['iam-no-broad-managed-policy']);
  });

  describe('trust policies', () => {
    const oidc = (sub: string[], aud = ['sts.amazonaws.com']) => {
      const stack = testStack();
      new IamRole(stack, 'deploy', {
        name: 'deploy',
        assumeRolePolicy: policyDocument([
          {
            actions: ['sts:AssumeRoleWithWebIdentity'],
            principals: [
              { type: 'Federated', identifiers: ['arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com'] },
            ],
            conditions: [
              { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: aud },
              { test: 'StringLike', variable: 'token.actions.githubusercontent.com:sub', values: sub },
            ],
          },
        ]),
      });
      return violatedRules(stack, [IamScopedTrust]);
    };

    test('a GitHub trust pinned to one repository and environment passes', () => {
      expect(oidc(['repo:org/app:environment:prod'])).toEqual([]);
    });

    test('fails when the GitHub subject has a wildcard repository', () => {
      expect(oidc(['repo:org/*:environment:prod'])).toEqual(['iam-scoped-trust']);
      expect(oidc(['repo:*'])).toEqual(['iam-scoped-trust']);
    });

    test('fails when the audience is not pinned', () => {
      expect(oidc(['repo:org/app:pull_request'], [])).toEqual(['iam-scoped-trust']);
    });

    test('fails when anyone may assume the role', () => {
      const stack = testStack();
      new IamRole(stack, 'open', {
        assumeRolePolicy: policyDocument([
          { actions: ['sts:AssumeRole'], principals: [{ type: '*', identifiers: ['*'] }] },
        ]),
      });
      expect(violatedRules(stack, [IamScopedTrust])).toEqual(['iam-scoped-trust']);
    });
  });
});
