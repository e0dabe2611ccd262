import { blocks, type PolicyRule } from '../../engine';
import { distributions } from './distributions';

export const cloudfrontNoLegacyOai: PolicyRule = {
  id: 'cloudfront-no-legacy-oai',
  description: 'No legacy origin access identity: neither the resource nor an origin that uses one (OAC replaces it).',
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
