import type { PolicyRule } from '../../engine';
import { distributions } from './distributions';

export const cloudfrontWafAttached: PolicyRule = {
  id: 'cloudfront-waf-attached',
  description: 'Every distribution is protected by a WAF web ACL (web_acl_id).',
  check: (stack) =>
    distributions(stack)
      .filter((d) => typeof d.config.web_acl_id !== 'string' || d.config.web_acl_id === '')
      .map((d) => ({ resource: d, message: 'distribution has no web_acl_id' })),
};
