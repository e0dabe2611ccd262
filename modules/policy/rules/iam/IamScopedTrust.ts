import { Finding, PolicyRule } from '../../engine';
import { asList, isAnonymous, parsePolicy, statementsOf } from '../../support/policy-json';

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

export const IamScopedTrust: PolicyRule = {
  id: 'iam-scoped-trust',
  service: 'iam',
  level: 'error',
  description:
    'Trust policies name their principals; GitHub OIDC trusts pin the audience and a repository subject without wildcards in the owner or repository.',
  explanation:
    'A trust policy decides who can become the role; an open principal or a wildcard GitHub subject lets other accounts or repositories assume it.',
  references: { checkov: 'CKV_AWS_358' },
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
