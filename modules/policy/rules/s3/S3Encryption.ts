import { blocks, PolicyRule } from '../../engine';
import { eachBucket } from '../../support/s3';

export const S3Encryption: PolicyRule = {
  id: 's3-encryption',
  service: 's3',
  level: 'error',
  description: 'Every bucket has default server-side encryption.',
  explanation:
    'An explicit default encryption configuration keeps the key choice in code and reviewable, rather than whatever the account default is.',
  references: { fsbp: 'S3.4', cdkNag: 'NIST.800.53.R5-S3DefaultEncryptionKMS', checkov: 'CKV_AWS_19' },
  check: (stack) =>
    eachBucket(stack, (bucket) => {
      const encrypted = stack
        .referencing('aws_s3_bucket_server_side_encryption_configuration', 'bucket', bucket, 'bucket')
        .some((c) =>
          blocks(c.config.rule).some((r) =>
            blocks(r.apply_server_side_encryption_by_default).some((d) => typeof d.sse_algorithm === 'string'),
          ),
        );
      return encrypted ? undefined : 'bucket has no default server-side encryption configuration';
    }),
};
