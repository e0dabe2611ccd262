import { CloudfrontMinimumTls } from '../../../../../modules/policy/rules/cloudfront/CloudfrontMinimumTls';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-minimum-tls: ' + CloudfrontMinimumTls.description, () => {
  test('compliant: a CdnDistribution with a domain passes (TLSv1.2_2021), and one on the default certificate without aliases', () => {
    expect(violatedRules(cdnFixture().stack, [CloudfrontMinimumTls])).toEqual([]);
    expect(violatedRules(cdnFixture({ domain: undefined }).stack, [CloudfrontMinimumTls])).toEqual([]);
  });

  test('non-compliant: fails when a custom certificate allows TLS older than the 2021 policy', () => {
    const { stack, distribution } = cdnFixture();
    distribution.distribution.addOverride('viewer_certificate.minimum_protocol_version', 'TLSv1.2_2019');
    expect(violatedRules(stack, [CloudfrontMinimumTls])).toEqual(['cloudfront-minimum-tls']);
  });

  test('non-compliant: fails when a distribution with aliases uses the default certificate', () => {
    const { stack, distribution } = cdnFixture({ domain: undefined });
    distribution.distribution.addOverride('aliases', ['www.example.com']);
    expect(violatedRules(stack, [CloudfrontMinimumTls])).toEqual(['cloudfront-minimum-tls']);
  });
});
