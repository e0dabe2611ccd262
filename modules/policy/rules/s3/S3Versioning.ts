import { blocks, PolicyRule } from '../../engine';
import { eachBucket } from '../../support/s3';

export const S3Versioning: PolicyRule = {
  id: 's3-versioning',
  service: 's3',
  level: 'error',
  description: 'Every bucket has versioning enabled.',
  explanation: 'Without versioning an overwrite or delete is unrecoverable; state and artifacts must survive mistakes.',
  references: { fsbp: 'S3.14', cdkNag: 'NIST.800.53.R5-S3BucketVersioningEnabled', checkov: 'CKV_AWS_21' },
  check: (stack) =>
    eachBucket(stack, (bucket) => {
      const enabled = stack
        .referencing('aws_s3_bucket_versioning', 'bucket', bucket, 'bucket')
        .some((v) => blocks(v.config.versioning_configuration).some((c) => c.status === 'Enabled'));
      return enabled ? undefined : 'bucket versioning is not enabled';
    }),
};
