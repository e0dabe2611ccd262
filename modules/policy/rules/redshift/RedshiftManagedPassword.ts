import { PolicyRule } from '../../engine';

export const RedshiftManagedPassword: PolicyRule = {
  id: 'redshift-managed-password',
  service: 'redshift',
  level: 'error',
  description:
    'Redshift admin passwords are generated and kept in Secrets Manager by AWS; none is written in configuration or state.',
  explanation:
    'A password set in configuration ends up in state and in the plan; AWS-managed passwords never leave Secrets Manager.',
  references: {},
  check: (stack) => [
    ...stack
      .resources('aws_redshiftserverless_namespace')
      .filter(
        (n) =>
          n.config.admin_user_password !== undefined ||
          n.config.admin_user_password_wo !== undefined ||
          (n.config.admin_username !== undefined && n.config.manage_admin_password !== true),
      )
      .map((n) => ({
        resource: n,
        message: 'namespace sets an admin password instead of manage_admin_password = true',
      })),
    ...stack
      .resources('aws_redshift_cluster')
      .filter(
        (c) =>
          c.config.master_password !== undefined ||
          c.config.master_password_wo !== undefined ||
          c.config.manage_master_password !== true,
      )
      .map((c) => ({
        resource: c,
        message: 'cluster sets a master password instead of manage_master_password = true',
      })),
  ],
};
