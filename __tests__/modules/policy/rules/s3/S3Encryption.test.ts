import { S3Encryption } from '../../../../../modules/policy/rules/s3/S3Encryption';
import { findingsOf } from '../../../../support/policy-rules';

describe('s3-encryption: ' + S3Encryption.description, () => {
  test('compliant: default encryption with KMS', () => {
    expect(
      findingsOf(S3Encryption, {
        resource: {
          aws_s3_bucket: { b: { bucket: 'b' } },
          aws_s3_bucket_server_side_encryption_configuration: {
            e: {
              bucket: '${aws_s3_bucket.b.id}',
              rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }],
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no encryption configuration', () => {
    expect(findingsOf(S3Encryption, { resource: { aws_s3_bucket: { b: { bucket: 'b' } } } })).toEqual([
      'aws_s3_bucket.b: bucket has no default server-side encryption configuration',
    ]);
  });
});
