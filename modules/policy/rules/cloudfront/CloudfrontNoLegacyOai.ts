import { blocks, type PolicyRule } from '../../engine';
import { distributions } from '../../support/cloudfront';

export const CloudfrontNoLegacyOai: PolicyRule = {
  id: 'cloudfront-no-legacy-oai',
  service: 'cloudfront',
  level: 'error',
  description: 'No legacy origin access identity: neither the resource nor an origin that uses one (OAC replaces it).',
  explanation:
    'Origin access identities do not support SSE-KMS buckets, newer regions or all HTTP methods, and AWS recommends migrating to origin access control.',
  references: {},
  check: (stack) => [
    ...stack.resources('aws_cloudfront_origin_access_identity').map((r) => ({
      resource: r,
      message: 'origin access identities are legacy; use aws_cloudfront_origin_access_control',
    })),
    ...distributions(stack).flatMap((d) =>
      blocks(d.config.origin)
        .filter((o) =>
          blocks(o.s3_origin_config).some(
            (c) => typeof c.origin_access_identity === 'string' && c.origin_access_identity !== '',
          ),
        )
        .map((o) => ({ resource: d, message: `origin ${o.origin_id} uses a legacy origin access identity` })),
    ),
  ],
};
