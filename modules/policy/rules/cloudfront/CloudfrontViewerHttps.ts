import type { PolicyRule } from '../../engine';
import { cacheBehaviours, distributions } from '../../support/cloudfront';

const ALLOWED = ['redirect-to-https', 'https-only'];

export const CloudfrontViewerHttps: PolicyRule = {
  id: 'cloudfront-viewer-https',
  service: 'cloudfront',
  level: 'error',
  description: 'Every cache behaviour of a distribution redirects viewers to HTTPS or accepts HTTPS only.',
  explanation:
    'A behaviour that allows plain HTTP lets content and cookies travel unencrypted between viewer and edge, open to reading and tampering.',
  references: { fsbp: 'CloudFront.3', checkov: 'CKV_AWS_34' },
  check: (stack) =>
    distributions(stack).flatMap((d) =>
      cacheBehaviours(d)
        .filter((b) => !ALLOWED.includes(b.viewer_protocol_policy))
        .map((b) => ({
          resource: d,
          message: `cache behaviour ${b.path_pattern ?? '(default)'} has viewer_protocol_policy ${JSON.stringify(b.viewer_protocol_policy)}; must be one of ${ALLOWED.join(', ')}`,
        })),
    ),
};
