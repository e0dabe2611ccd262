import { blocks, type PolicyRule } from '../../engine';
import { distributions, referencedResources } from '../../support/cloudfront';

/**
 * Logging where configured: a distribution logs, or carries a suppression that says logging is off by
 * configuration; and a log bucket of the stack must accept CloudFront's ACL-based delivery (ownership other than
 * BucketOwnerEnforced) and expire what it receives.
 */
export const CloudfrontAccessLogging: PolicyRule = {
  id: 'cloudfront-access-logging',
  service: 'cloudfront',
  level: 'error',
  description:
    'Every distribution writes standard access logs to a bucket that accepts CloudFront delivery and expires them (or is suppressed where logging is off by configuration).',
  explanation:
    'Without access logs there is no record of who requested what at the edge, for incident response or abuse analysis; a bucket that cannot take ACL delivery silently receives nothing, and one that never expires keeps viewer data forever.',
  references: { fsbp: 'CloudFront.5', cdkNag: 'AwsSolutions-CFR3', checkov: 'CKV_AWS_86' },
  check: (stack) =>
    distributions(stack).flatMap((d) => {
      const logging = blocks(d.config.logging_config)[0];
      if (!logging || typeof logging.bucket !== 'string') {
        return [{ resource: d, message: 'distribution has no logging_config' }];
      }
      const buckets = referencedResources(stack, 'aws_s3_bucket', logging.bucket);
      return buckets.flatMap((bucket) => {
        const ownership = stack
          .referencing('aws_s3_bucket_ownership_controls', 'bucket', bucket, 'bucket')
          .flatMap((o) => blocks(o.config.rule))
          .map((r) => r.object_ownership);
        const expires = stack
          .referencing('aws_s3_bucket_lifecycle_configuration', 'bucket', bucket, 'bucket')
          .some((l) => blocks(l.config.rule).some((r) => r.status === 'Enabled' && blocks(r.expiration).length > 0));
        const problems: string[] = [];
        if (ownership.length === 0 || ownership.includes('BucketOwnerEnforced')) {
          problems.push(
            `log bucket ${bucket.address} must have object ownership BucketOwnerPreferred (CloudFront delivers with ACLs)`,
          );
        }
        if (!expires) problems.push(`log bucket ${bucket.address} has no lifecycle rule expiring its logs`);
        return problems.map((message) => ({ resource: d, message }));
      });
    }),
};
