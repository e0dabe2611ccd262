import { S3TlsOnly } from '../../../../../modules/policy/rules/s3/S3TlsOnly';
import { findingsOf, policy } from '../../../../support/policy-rules';

describe('s3-tls-only: ' + S3TlsOnly.description, () => {
  test('compliant: policy denies aws:SecureTransport false', () => {
    expect(
      findingsOf(S3TlsOnly, {
        resource: {
          aws_s3_bucket: { b: { bucket: 'b' } },
          aws_s3_bucket_policy: {
            p: {
              bucket: '${aws_s3_bucket.b.id}',
              policy: policy({
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: '*',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no TLS statement', () => {
    expect(
      findingsOf(S3TlsOnly, {
        resource: {
          aws_s3_bucket: { b: { bucket: 'b' } },
          aws_s3_bucket_policy: {
            p: {
              bucket: '${aws_s3_bucket.b.id}',
              policy: policy({
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111111111111:root' },
                Action: 's3:GetObject',
                Resource: '*',
              }),
            },
          },
        },
      }),
    ).toEqual(['aws_s3_bucket.b: bucket has no policy denying aws:SecureTransport = false']);
  });
});
