import { CloudfrontOriginAccessIdentity } from '@cdktf/provider-aws/lib/cloudfront-origin-access-identity';
import { CloudfrontNoLegacyOai } from '../../../../../modules/policy/rules/cloudfront/CloudfrontNoLegacyOai';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-no-legacy-oai: ' + CloudfrontNoLegacyOai.description, () => {
  test('compliant: a CdnDistribution passes: no origin access identity anywhere', () => {
    expect(violatedRules(cdnFixture().stack, [CloudfrontNoLegacyOai])).toEqual([]);
  });

  test('non-compliant: fails when the stack creates an origin access identity', () => {
    const { stack } = cdnFixture();
    new CloudfrontOriginAccessIdentity(stack, 'oai', { comment: 'legacy' });
    expect(violatedRules(stack, [CloudfrontNoLegacyOai])).toEqual(['cloudfront-no-legacy-oai']);
  });

  test('non-compliant: fails when an origin uses an origin access identity', () => {
    const { stack, distribution } = cdnFixture();
    distribution.distribution.addOverride(
      'origin.0.s3_origin_config.origin_access_identity',
      'origin-access-identity/cloudfront/E2EXAMPLE',
    );
    expect(violatedRules(stack, [CloudfrontNoLegacyOai])).toEqual(['cloudfront-no-legacy-oai']);
  });
});
