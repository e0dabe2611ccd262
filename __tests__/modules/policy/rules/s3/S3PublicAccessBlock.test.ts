import { S3PublicAccessBlock } from '../../../../../modules/policy/rules/s3/S3PublicAccessBlock';
import { findingsOf } from '../../../../support/policy-rules';

/** Bucket `b` with a public access block whose block_public_policy flag is given, the other three on. */
const bucketWithBlock = (blockPublicPolicy: boolean) => ({
  resource: {
    aws_s3_bucket: { b: { bucket: 'b' } },
    aws_s3_bucket_public_access_block: {
      p: {
        bucket: '${aws_s3_bucket.b.id}',
        block_public_acls: true,
        block_public_policy: blockPublicPolicy,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    },
  },
});

describe('s3-public-access-block: ' + S3PublicAccessBlock.description, () => {
  test('compliant: all four flags on', () => {
    expect(findingsOf(S3PublicAccessBlock, bucketWithBlock(true))).toEqual([]);
  });

  test('non-compliant: one flag off', () => {
    expect(findingsOf(S3PublicAccessBlock, bucketWithBlock(false))).toEqual([
      'aws_s3_bucket.b: bucket has no public access block with all four flags set to true',
    ]);
  });
});
