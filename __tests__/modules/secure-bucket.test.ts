import { SecureBucket } from '../../modules/secure-bucket';
import { onlyResource, resourcesOf, testStack } from '../support/stacks';

describe('SecureBucket', () => {
  test('is private, owner-enforced, encrypted, versioned and expires old versions', () => {
    const stack = testStack();
    new SecureBucket(stack, 'b', { bucketName: 'svc-dev-raw' });
    expect(onlyResource(stack, 'aws_s3_bucket')).toMatchObject({ bucket: 'svc-dev-raw', force_destroy: true });
    expect(onlyResource(stack, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyResource(stack, 'aws_s3_bucket_ownership_controls').rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
    expect(onlyResource(stack, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: false },
    ]);
    expect(onlyResource(stack, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(onlyResource(stack, 'aws_s3_bucket_lifecycle_configuration').rule[0]).toMatchObject({
      id: 'expire-noncurrent-versions',
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });

  test('denies plain HTTP and accepts further statements', () => {
    const stack = testStack();
    const bucket = new SecureBucket(stack, 'b', { bucketName: 'svc-dev-origin' });
    bucket.addToResourcePolicy({
      sid: 'CloudFrontRead',
      actions: ['s3:GetObject'],
      resources: [bucket.objectsArn()],
      principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
    });
    const statements = JSON.parse(onlyResource(stack, 'aws_s3_bucket_policy').policy).Statement;
    expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual(['DenyInsecureTransport', 'CloudFrontRead']);
    expect(statements[0]).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  test('protected buckets survive terraform destroy and never force-delete objects', () => {
    const stack = testStack();
    new SecureBucket(stack, 'b', { bucketName: 'svc-prod-raw', protect: true });
    expect(onlyResource(stack, 'aws_s3_bucket')).toMatchObject({
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('uses SSE-KMS with a bucket key when given a key, and logs access when given a log bucket', () => {
    const stack = testStack();
    const logs = new SecureBucket(stack, 'logs', { bucketName: 'svc-dev-logs' });
    new SecureBucket(stack, 'b', {
      bucketName: 'svc-dev-raw',
      kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc',
      accessLogBucket: logs,
    });
    const encryption = Object.values(resourcesOf(stack, 'aws_s3_bucket_server_side_encryption_configuration'));
    expect(encryption.map((e) => e.rule[0].apply_server_side_encryption_by_default.sse_algorithm).sort()).toEqual([
      'AES256',
      'aws:kms',
    ]);
    expect(onlyResource(stack, 'aws_s3_bucket_logging')).toMatchObject({ target_prefix: 'svc-dev-raw/' });
  });
});
