import { blocks, type PolicyRule } from '../../engine';
import { distributions } from '../../support/cloudfront';

/** An S3 origin: a bucket's domain-name attribute, or a literal `*.s3.*amazonaws.com` name (not a website endpoint). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function isS3Origin(origin: Record<string, any>): boolean {
  const domain = String(origin.domain_name ?? '');
  return (
    /\$\{aws_s3_bucket\.[^}]+\.bucket(_regional)?_domain_name\}/.test(domain) ||
    /\.s3(\.[a-z0-9-]+)?\.amazonaws\.com$/.test(domain)
  );
}

export const CloudfrontOriginAccessControl: PolicyRule = {
  id: 'cloudfront-origin-access-control',
  service: 'cloudfront',
  level: 'error',
  description: 'Every S3 origin of a distribution is reached through origin access control (the bucket stays private).',
  explanation:
    'Without origin access control the bucket must be readable by anyone for CloudFront to fetch from it, which bypasses the WAF, the TLS policy and the logs of the distribution.',
  references: { fsbp: 'CloudFront.13', cdkNag: 'AwsSolutions-CFR7' },
  check: (stack) =>
    distributions(stack).flatMap((d) =>
      blocks(d.config.origin)
        .filter((o) => isS3Origin(o) && typeof o.origin_access_control_id !== 'string')
        .map((o) => ({ resource: d, message: `S3 origin ${o.origin_id} has no origin_access_control_id` })),
    ),
};
