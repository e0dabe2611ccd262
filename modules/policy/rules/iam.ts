/** IAM baseline: no wildcard actions, resources scoped, no administrator policies, trust policies scoped. */
import { blocks, Finding, PolicyRule, StackView, SynthResource } from '../engine';
import { asList, isAnonymous, parsePolicy, PolicyStatementJson, statementsOf } from './policy-json';

/** Actions that AWS authorizes only on `Resource: "*"` (they have no resource-level permissions). */
export const ACTIONS_WITHOUT_RESOURCE_SCOPE: ReadonlySet<string> = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  'cloudwatch:PutMetricData',
  'cloudwatch:GetMetricData',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'ecr:GetAuthorizationToken',
  'sts:GetCallerIdentity',
]);

/** Every permission policy in the stack with the resource that carries it. */
function permissionPolicies(stack: StackView): { resource: SynthResource; document: unknown; raw: unknown }[] {
  const direct = [...stack.resources('aws_iam_role_policy'), ...stack.resources('aws_iam_policy')].map((r) => ({
    resource: r,
    raw: r.config.policy,
    document: parsePolicy(r.config.policy),
  }));
  const inline = stack.resources('aws_iam_role').flatMap((r) =>
    blocks(r.config.inline_policy)
      .filter((p) => p.policy !== undefined)
      .map((p) => ({ resource: r, raw: p.policy, document: parsePolicy(p.policy) })),
  );
  return [...direct, ...inline];
}

function allowStatements(stack: StackView): { resource: SynthResource; statement: PolicyStatementJson }[] {
  return permissionPolicies(stack).flatMap(({ resource, document }) =>
    statementsOf(document)
      .filter((s) => s.Effect === 'Allow')
      .map((statement) => ({ resource, statement })),
  );
}

export const iamLiteralPolicies: PolicyRule = {
  id: 'iam-literal-policy',
  description: 'Permission policies are literal JSON built from objects, so that they can be checked.',
  check: (stack) =>
    permissionPolicies(stack)
      .filter(({ document }) => document === undefined)
      .map(({ resource }) => ({ resource, message: 'policy is not literal JSON; build it with policyDocument()' })),
};

export const iamNoWildcardActions: PolicyRule = {
  id: 'iam-no-wildcard-actions',
  description: 'No Allow statement grants "*" or "<service>:*", nor uses NotAction.',
  check: (stack) =>
    allowStatements(stack).flatMap(({ resource, statement }): Finding[] => {
      if (statement.NotAction !== undefined) return [{ resource, message: 'Allow statement uses NotAction' }];
      const wild = asList(statement.Action).filter((a) => a === '*' || a.endsWith(':*'));
      return wild.length === 0
        ? []
        : [{ resource, message: `Allow statement grants wildcard action(s) ${wild.join(', ')}` }];
    }),
};

export const iamScopedResources: PolicyRule = {
  id: 'iam-scoped-resources',
  description: 'Allow statements name their resources; "*" only for actions that have no resource-level permissions.',
  check: (stack) =>
    allowStatements(stack).flatMap(({ resource, statement }): Finding[] => {
      if (!asList(statement.Resource).includes('*')) return [];
      const scopable = asList(statement.Action).filter((a) => !ACTIONS_WITHOUT_RESOURCE_SCOPE.has(a));
      return scopable.length === 0
        ? []
        : [{ resource, message: `Allow statement grants ${scopable.join(', ')} on Resource "*"` }];
    }),
};

const BROAD_MANAGED_POLICIES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];

export const iamNoBroadManagedPolicies: PolicyRule = {
  id: 'iam-no-broad-managed-policy',
  description: `No role gets ${BROAD_MANAGED_POLICIES.join(', ')}.`,
  check: (stack) =>
    stack.resources('aws_iam_role_policy_attachment').flatMap((a): Finding[] => {
      const arn = String(a.config.policy_arn ?? '');
      const broad = BROAD_MANAGED_POLICIES.find((p) => arn.endsWith(`:policy/${p}`));
      return broad === undefined ? [] : [{ resource: a, message: `role is attached the AWS managed policy ${broad}` }];
    }),
};

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

export const iamScopedTrust: PolicyRule = {
  id: 'iam-scoped-trust',
  description:
    'Trust policies name their principals; GitHub OIDC trusts pin the audience and a repository subject without wildcards in the owner or repository.',
  check: (stack) =>
    stack.resources('aws_iam_role').flatMap((role): Finding[] => {
      const statements = statementsOf(parsePolicy(role.config.assume_role_policy)).filter((s) => s.Effect === 'Allow');
      return statements.flatMap((s): Finding[] => {
        if (isAnonymous(s.Principal)) {
          return [{ resource: role, message: 'trust policy allows any principal ("*")' }];
        }
        const federated = asList((s.Principal as { Federated?: string | string[] })?.Federated);
        if (!federated.some((f) => f.includes(GITHUB_ISSUER))) return [];
        const conditions = Object.values(s.Condition ?? {});
        const value = (key: string) => conditions.flatMap((c) => asList(c[key] as string | string[] | undefined));
        const subjects = value(`${GITHUB_ISSUER}:sub`);
        if (!value(`${GITHUB_ISSUER}:aud`).includes('sts.amazonaws.com')) {
          return [{ resource: role, message: 'GitHub OIDC trust does not pin the audience sts.amazonaws.com' }];
        }
        if (subjects.length === 0 || subjects.some((sub) => !/^repo:[^*/:]+\/[^*/:]+:/.test(sub))) {
          return [
            {
              resource: role,
              message: `GitHub OIDC trust subject must name one repository, got ${JSON.stringify(subjects)}`,
            },
          ];
        }
        return [];
      });
    }),
};

export const IAM_RULES: readonly PolicyRule[] = [
  iamLiteralPolicies,
  iamNoWildcardActions,
  iamScopedResources,
  iamNoBroadManagedPolicies,
  iamScopedTrust,
];
