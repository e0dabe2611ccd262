import { PolicyRule } from '../../engine';
import { eachBucket } from '../../support/s3';

export const S3PublicAccessBlock: PolicyRule = {
  id: 's3-public-access-block',
  service: 's3',
  level: 'error',
  description: 'Every bucket has a public access block with all four flags on.',
  explanation:
    'A bucket without all four flags can be made public by one ACL or policy change; the block makes that impossible for the bucket.',
  references: { fsbp: 'S3.8', cdkNag: 'AwsSolutions-S2', checkov: 'CKV2_AWS_6' },
  check: (stack) =>
    eachBucket(stack, (bucket) => {
      const blocksOn = stack
        .referencing('aws_s3_bucket_public_access_block', 'bucket', bucket, 'bucket')
        .some(
          (b) =>
            b.config.block_public_acls === true &&
            b.config.block_public_policy === true &&
            b.config.ignore_public_acls === true &&
            b.config.restrict_public_buckets === true,
        );
      return blocksOn ? undefined : 'bucket has no public access block with all four flags set to true';
    }),
};
