import { PolicyRule } from '../../engine';

/** The admin names AWS and its examples use by default. */
const DEFAULT_ADMIN_NAMES = ['admin', 'awsuser'];

export const RedshiftAdminUsername: PolicyRule = {
  id: 'redshift-admin-username',
  service: 'redshift',
  level: 'error',
  description: 'No Redshift namespace or cluster uses a default admin user name (admin, awsuser).',
  explanation:
    'A default admin name is the first one tried against a warehouse; a chosen name leaves only the password.',
  references: { fsbp: 'RedshiftServerless.5, Redshift.8' },
  check: (stack) => [
    ...stack
      .resources('aws_redshiftserverless_namespace')
      .filter((n) => n.config.admin_username === undefined || DEFAULT_ADMIN_NAMES.includes(n.config.admin_username))
      .map((n) => ({
        resource: n,
        message: `admin_username is a default name (${n.config.admin_username ?? 'unset'})`,
      })),
    ...stack
      .resources('aws_redshift_cluster')
      .filter((c) => DEFAULT_ADMIN_NAMES.includes(c.config.master_username))
      .map((c) => ({ resource: c, message: `master_username is a default name (${c.config.master_username})` })),
  ],
};
