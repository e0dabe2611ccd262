import { PolicyRule } from '../../engine';

export const RedshiftNotPublic: PolicyRule = {
  id: 'redshift-not-public',
  service: 'redshift',
  level: 'error',
  description: 'No Redshift workgroup or cluster is publicly accessible.',
  explanation: 'A publicly accessible warehouse is reachable from the internet; only the VPC should reach it.',
  references: { fsbp: 'Redshift.1', cdkNag: 'NIST.800.53.R5-RedshiftClusterPublicAccess', checkov: 'CKV_AWS_87' },
  check: (stack) =>
    [...stack.resources('aws_redshiftserverless_workgroup'), ...stack.resources('aws_redshift_cluster')]
      .filter((r) => r.config.publicly_accessible !== false)
      .map((r) => ({ resource: r, message: 'publicly_accessible is not set to false' })),
};
