import { blocks, type PolicyRule, type SynthResource } from '../../engine';
import { CLOUDFRONT_GLOBAL_REGION, distributions, providerRegion, referencedResources } from '../../support/cloudfront';

/**
 * CloudFront takes certificates and web ACLs only from us-east-1: a certificate a distribution uses (directly, or
 * through its validation), a CLOUDFRONT-scoped web ACL and its log group must all be created there, and a literal
 * certificate ARN must name that region.
 */
export const CloudfrontGlobalRegion: PolicyRule = {
  id: 'cloudfront-global-region',
  service: 'cloudfront',
  level: 'error',
  description: 'Certificates of distributions and CLOUDFRONT-scoped web ACLs (and their log groups) live in us-east-1.',
  explanation:
    'CloudFront rejects certificates and CLOUDFRONT-scoped web ACLs from any other region, so the apply fails half-way; WAF logs only to log groups in that region named aws-waf-logs-.',
  references: {},
  check: (stack) => {
    const findings: { resource: SynthResource; message: string }[] = [];
    const outside = (r: SynthResource) => {
      const region = providerRegion(stack, r);
      return region !== CLOUDFRONT_GLOBAL_REGION ? (region ?? '(unknown)') : undefined;
    };
    for (const d of distributions(stack)) {
      const arn = blocks(d.config.viewer_certificate)[0]?.acm_certificate_arn;
      if (typeof arn !== 'string') continue;
      if (arn.startsWith('arn:') && arn.split(':')[3] !== CLOUDFRONT_GLOBAL_REGION) {
        findings.push({ resource: d, message: `viewer certificate ${arn} is not in ${CLOUDFRONT_GLOBAL_REGION}` });
      }
      const validations = referencedResources(stack, 'aws_acm_certificate_validation', arn);
      const certificates = [
        ...referencedResources(stack, 'aws_acm_certificate', arn),
        ...validations.flatMap((v) => referencedResources(stack, 'aws_acm_certificate', v.config.certificate_arn)),
      ];
      for (const r of [...certificates, ...validations]) {
        const region = outside(r);
        if (region)
          findings.push({
            resource: r,
            message: `is used by ${d.address} but created in ${region}, not ${CLOUDFRONT_GLOBAL_REGION}`,
          });
      }
    }
    for (const acl of stack.resources('aws_wafv2_web_acl').filter((a) => a.config.scope === 'CLOUDFRONT')) {
      const region = outside(acl);
      if (region)
        findings.push({
          resource: acl,
          message: `CLOUDFRONT-scoped web ACL created in ${region}, not ${CLOUDFRONT_GLOBAL_REGION}`,
        });
      for (const logging of stack.referencing('aws_wafv2_web_acl_logging_configuration', 'resource_arn', acl)) {
        const destinations: unknown[] = Array.isArray(logging.config.log_destination_configs)
          ? logging.config.log_destination_configs
          : [];
        for (const group of destinations.flatMap((dest) =>
          referencedResources(stack, 'aws_cloudwatch_log_group', dest),
        )) {
          const groupRegion = outside(group);
          if (groupRegion)
            findings.push({
              resource: group,
              message: `logs of a CLOUDFRONT web ACL must be in ${CLOUDFRONT_GLOBAL_REGION}, got ${groupRegion}`,
            });
          if (!String(group.config.name ?? '').startsWith('aws-waf-logs-')) {
            findings.push({ resource: group, message: 'WAF logs only to log groups named aws-waf-logs-...' });
          }
        }
      }
    }
    return findings;
  },
};
