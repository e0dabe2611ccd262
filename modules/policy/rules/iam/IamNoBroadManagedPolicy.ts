import { Finding, PolicyRule } from '../../engine';

const BROAD_MANAGED_POLICIES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];

export const IamNoBroadManagedPolicy: PolicyRule = {
  id: 'iam-no-broad-managed-policy',
  service: 'iam',
  level: 'error',
  description: `No role gets ${BROAD_MANAGED_POLICIES.join(', ')}.`,
  explanation: 'Administrator-like managed policies make any compromise of the role a compromise of the account.',
  references: { fsbp: 'IAM.1', cdkNag: 'AwsSolutions-IAM4', checkov: 'CKV_AWS_274' },
  check: (stack) =>
    stack.resources('aws_iam_role_policy_attachment').flatMap((a): Finding[] => {
      const arn = String(a.config.policy_arn ?? '');
      const broad = BROAD_MANAGED_POLICIES.find((p) => arn.endsWith(`:policy/${p}`));
      return broad === undefined ? [] : [{ resource: a, message: `role is attached the AWS managed policy ${broad}` }];
    }),
};
