import { CdnAccessLogBucket, CLOUDFRONT_LOG_DELIVERY_CANONICAL_ID } from '../../modules/cdn-access-log-bucket';
import { BASELINE_RULES } from '../../modules/policy';
import { onlyResource, testStack, violatedRules } from '../support/stacks';

describe('CdnAccessLogBucket', () => {
  const stack = testStack();
  new CdnAccessLogBucket(stack, 'logs', { bucketName: 'svc-dev-cdn-logs', retentionDays: 30, protect: true });

  test('passes the bucket baseline: private, encrypted, versioned, TLS-only', () => {
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });

  test('ACLs enabled as CloudFront standard logging needs: BucketOwnerPreferred and a grant to the log delivery account', () => {
    expect(onlyResource(stack, 'aws_s3_bucket_ownership_controls').rule).toEqual({
      object_ownership: 'BucketOwnerPreferred',
    });
    const acl = onlyResource(stack, 'aws_s3_bucket_acl');
    expect(acl.access_control_policy.grant).toContainEqual({
      grantee: { id: CLOUDFRONT_LOG_DELIVERY_CANONICAL_ID, type: 'CanonicalUser' },
      permission: 'FULL_CONTROL',
    });
    expect(acl.depends_on).toEqual(
      expect.arrayContaining([expect.stringContaining('aws_s3_bucket_ownership_controls.')]),
    );
    expect(onlyResource(stack, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
  });

  test('logs expire after the retention; protected buckets cannot be destroyed', () => {
    expect(onlyResource(stack, 'aws_s3_bucket_lifecycle_configuration').rule[0]).toMatchObject({
      status: 'Enabled',
      expiration: [{ days: 30 }],
    });
    expect(onlyResource(stack, 'aws_s3_bucket')).toMatchObject({
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('fails when the retention is not a positive whole number', () => {
    expect(() => new CdnAccessLogBucket(testStack(), 'x', { bucketName: 'svc-dev-x', retentionDays: 0 })).toThrow(
      'CdnAccessLogBucket svc-dev-x: retentionDays must be a whole number of at least 1, got 0',
    );
  });
});
