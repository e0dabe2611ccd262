import type { PolicyRule } from '../../engine';
import { cacheBehaviours, distributions } from './distributions';

const ALLOWED = ['redirect-to-https', 'https-only'];

export const cloudfrontViewerHttps: PolicyRule = {
  id: 'cloudfront-viewer-https',
  description: 'Every cache behaviour of a distribution redirects viewers to HTTPS or accepts HTTPS only.',
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
