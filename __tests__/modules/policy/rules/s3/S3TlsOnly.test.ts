import { S3TlsOnly } from '../../../../../modules/policy/rules/s3/S3TlsOnly';
import { findingsOf, policy, StackJson } from '../../../../support/policy-rules';

/** Bucket `b` with a bucket policy of one statement. */
const bucketWithPolicy = (statement: StackJson) => ({
  resource: {
    aws_s3_bucket: { b: { bucket: 'b' } },
    aws_s3_bucket_policy: { p: { bucket: '${aws_s3_bucket.b.id}', policy: policy(statement) } },
  },
});

describe('s3-tls-only: ' + S3TlsOnly.description, () => {
  test('compliant: policy denies aws:SecureTransport false', () => {
    const deny = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    expect(findingsOf(S3TlsOnly, bucketWithPolicy(deny))).toEqual([]);
  });

  test('non-compliant: no TLS statement', () => {
    const allow = {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
      Action: 's3:GetObject',
      Resource: '*',
    };
    expect(findingsOf(S3TlsOnly, bucketWithPolicy(allow))).toEqual([
      'aws_s3_bucket.b: bucket has no policy denying aws:SecureTransport = false',
    ]);
  });
});
