import type { PolicyRule } from '../../engine';
import { distributions } from '../../support/cloudfront';

export const CloudfrontWafAttached: PolicyRule = {
  id: 'cloudfront-waf-attached',
  service: 'cloudfront',
  level: 'error',
  description: 'Every distribution is protected by a WAF web ACL (web_acl_id).',
  explanation:
    'A distribution without a web ACL has no rate limiting or managed rules against common exploits and bots in front of its origins.',
  references: { fsbp: 'CloudFront.6', cdkNag: 'AwsSolutions-CFR2', checkov: 'CKV_AWS_68' },
  check: (stack) =>
    distributions(stack)
      .filter((d) => typeof d.config.web_acl_id !== 'string' || d.config.web_acl_id === '')
      .map((d) => ({ resource: d, message: 'distribution has no web_acl_id' })),
};
