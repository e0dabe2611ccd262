import { blocks, type PolicyRule } from '../../engine';
import { distributions } from './distributions';

/** Viewer security policies of TLS 1.2 with the 2021 cipher suites or newer. */
export const MODERN_VIEWER_TLS_POLICIES = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

export const cloudfrontMinimumTls: PolicyRule = {
  id: 'cloudfront-minimum-tls',
  description:
    'A distribution with a custom certificate requires TLS 1.2 (2021 policy) or newer, and one with aliases does not use the default certificate.',
  check: (stack) =>
    distributions(stack).flatMap((d) => {
      const certificate = blocks(d.config.viewer_certificate)[0] ?? {};
      const aliases = Array.isArray(d.config.aliases) ? d.config.aliases : [];
      if (certificate.cloudfront_default_certificate === true) {
        return aliases.length > 0
          ? [{ resource: d, message: 'has aliases but uses the default *.cloudfront.net certificate' }]
          : [];
      }
      return MODERN_VIEWER_TLS_POLICIES.includes(certificate.minimum_protocol_version)
        ? []
        : [
            {
              resource: d,
              message: `viewer_certificate.minimum_protocol_version must be one of ${MODERN_VIEWER_TLS_POLICIES.join(', ')}, got ${JSON.stringify(certificate.minimum_protocol_version)}`,
            },
          ];
    }),
};
