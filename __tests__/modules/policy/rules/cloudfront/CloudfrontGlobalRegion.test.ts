import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { CloudfrontGlobalRegion } from '../../../../../modules/policy/rules/cloudfront/CloudfrontGlobalRegion';
import { checkTerraformStack } from '../../../../../modules/policy';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-global-region: ' + CloudfrontGlobalRegion.description, () => {
  test('compliant: the CDN constructs pass: certificate, validation, web ACL and its log group use the us-east-1 provider', () => {
    expect(violatedRules(cdnFixture().stack, [CloudfrontGlobalRegion])).toEqual([]);
  });

  test('non-compliant: fails when the certificate a distribution uses is created in another region', () => {
    const { stack, regional, distribution } = cdnFixture();
    const elsewhere = new AcmCertificate(stack, 'elsewhere', {
      provider: regional,
      domainName: 'www.example.com',
      validationMethod: 'DNS',
    });
    distribution.distribution.addOverride('viewer_certificate.acm_certificate_arn', elsewhere.arn);
    const violations = checkTerraformStack(stack, [CloudfrontGlobalRegion]);
    expect(violations.map((v) => v.resource)).toEqual([expect.stringMatching(/^aws_acm_certificate\.elsewhere/)]);
    expect(violations[0].message).toContain('created in eu-west-1');
  });

  test('non-compliant: fails when a literal certificate ARN is outside us-east-1', () => {
    const { stack, distribution } = cdnFixture();
    distribution.distribution.addOverride(
      'viewer_certificate.acm_certificate_arn',
      'arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
    );
    expect(violatedRules(stack, [CloudfrontGlobalRegion])).toEqual(['cloudfront-global-region']);
  });

  test('non-compliant: fails when a CLOUDFRONT web ACL and its log group use the regional provider', () => {
    const { stack, webAcl } = cdnFixture();
    webAcl.webAcl.addOverride('provider', 'aws');
    webAcl.logGroup.addOverride('provider', 'aws');
    expect(violatedRules(stack, [CloudfrontGlobalRegion])).toEqual([
      'cloudfront-global-region',
      'cloudfront-global-region',
    ]);
  });

  test('non-compliant: fails when the WAF log group is not named aws-waf-logs-...', () => {
    const { stack, webAcl } = cdnFixture();
    webAcl.logGroup.addOverride('name', 'waf-logs');
    expect(violatedRules(stack, [CloudfrontGlobalRegion])).toEqual(['cloudfront-global-region']);
  });
});
