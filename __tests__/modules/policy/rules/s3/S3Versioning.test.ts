import { S3Versioning } from '../../../../../modules/policy/rules/s3/S3Versioning';
import { findingsOf } from '../../../../support/policy-rules';

describe('s3-versioning: ' + S3Versioning.description, () => {
  test('compliant: versioning enabled', () => {
    expect(
      findingsOf(S3Versioning, {
        resource: {
          aws_s3_bucket: { b: { bucket: 'b' } },
          aws_s3_bucket_versioning: {
            v: { bucket: '${aws_s3_bucket.b.id}', versioning_configuration: { status: 'Enabled' } },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: versioning suspended', () => {
    expect(
      findingsOf(S3Versioning, {
        resource: {
          aws_s3_bucket: { b: { bucket: 'b' } },
          aws_s3_bucket_versioning: {
            v: { bucket: '${aws_s3_bucket.b.id}', versioning_configuration: { status: 'Suspended' } },
          },
        },
      }),
    ).toEqual(['aws_s3_bucket.b: bucket versioning is not enabled']);
  });
});
