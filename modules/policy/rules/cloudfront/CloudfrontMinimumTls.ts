import { blocks, type PolicyRule } from '../../engine';
import { distributions, MODERN_VIEWER_TLS_POLICIES } from '../../support/cloudfront';

export const CloudfrontMinimumTls: PolicyRule = {
  id: 'cloudfront-minimum-tls',
  service: 'cloudfront',
  level: 'error',
  description:
    'A distribution with a custom certificate requires TLS 1.2 (2021 policy) or newer, and one with aliases does not use the default certificate.',
  explanation:
    'Older security policies accept TLS 1.0/1.1 and weak ciphers that viewers can be downgraded to; the default certificate does not cover custom aliases.',
  references: { cdkNag: 'AwsSolutions-CFR4', checkov: 'CKV_AWS_174' },
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
