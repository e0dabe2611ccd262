/** Data baseline: Kinesis encrypted with KMS; Redshift private, TLS-only, with its admin password managed by AWS. */
import { blocks, PolicyRule } from '../engine';

export const kinesisEncryption: PolicyRule = {
  id: 'kinesis-encryption',
  description: 'Every Kinesis stream is encrypted at rest with a KMS key.',
  check: (stack) =>
    stack
      .resources('aws_kinesis_stream')
      .filter((s) => s.config.encryption_type !== 'KMS' || typeof s.config.kms_key_id !== 'string')
      .map((s) => ({ resource: s, message: 'stream does not have encryption_type = "KMS" with a kms_key_id' })),
};

export const redshiftNotPublic: PolicyRule = {
  id: 'redshift-not-public',
  description: 'No Redshift workgroup or cluster is publicly accessible.',
  check: (stack) =>
    [...stack.resources('aws_redshiftserverless_workgroup'), ...stack.resources('aws_redshift_cluster')]
      .filter((r) => r.config.publicly_accessible !== false)
      .map((r) => ({ resource: r, message: 'publicly_accessible is not set to false' })),
};

export const redshiftManagedPassword: PolicyRule = {
  id: 'redshift-managed-password',
  description:
    'Redshift admin passwords are generated and kept in Secrets Manager by AWS; none is written in configuration or state.',
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

export const redshiftRequireTls: PolicyRule = {
  id: 'redshift-require-ssl',
  description: 'Every Redshift Serverless workgroup refuses connections without TLS (require_ssl = true).',
  check: (stack) =>
    stack
      .resources('aws_redshiftserverless_workgroup')
      .filter(
        (w) =>
          !blocks(w.config.config_parameter).some(
            (p) => p.parameter_key === 'require_ssl' && String(p.parameter_value) === 'true',
          ),
      )
      .map((w) => ({ resource: w, message: 'workgroup has no config_parameter require_ssl = "true"' })),
};

export const DATA_RULES: readonly PolicyRule[] = [
  kinesisEncryption,
  redshiftNotPublic,
  redshiftManagedPassword,
  redshiftRequireTls,
];
