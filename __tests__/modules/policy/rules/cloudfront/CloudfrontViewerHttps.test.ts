import { CloudfrontViewerHttps } from '../../../../../modules/policy/rules/cloudfront/CloudfrontViewerHttps';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-viewer-https: ' + CloudfrontViewerHttps.description, () => {
  test('compliant: a CdnDistribution passes: every behaviour redirects to HTTPS', () => {
    expect(violatedRules(cdnFixture().stack, [CloudfrontViewerHttps])).toEqual([]);
  });

  test('non-compliant: fails when the default behaviour allows plain HTTP', () => {
    const { stack, distribution } = cdnFixture();
    distribution.distribution.addOverride('default_cache_behavior.viewer_protocol_policy', 'allow-all');
    expect(violatedRules(stack, [CloudfrontViewerHttps])).toEqual(['cloudfront-viewer-https']);
  });

  test('non-compliant: fails when a path behaviour allows plain HTTP', () => {
    const { stack, distribution } = cdnFixture({ pathBehaviours: [{ pathPattern: '/packages/*', cache: 'assets' }] });
    distribution.distribution.addOverride('ordered_cache_behavior.1.viewer_protocol_policy', 'allow-all');
    expect(violatedRules(stack, [CloudfrontViewerHttps])).toEqual(['cloudfront-viewer-https']);
  });
});
