import { cloudfrontViewerHttps } from '../../../../../modules/policy/rules/cloudfront';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-viewer-https', () => {
  test('a CdnDistribution passes: every behaviour redirects to HTTPS', () => {
    expect(violatedRules(cdnFixture().stack, [cloudfrontViewerHttps])).toEqual([]);
  });

  test('fails when the default behaviour allows plain HTTP', () => {
    const { stack, distribution } = cdnFixture();
    distribution.distribution.addOverride('default_cache_behavior.viewer_protocol_policy', 'allow-all');
    expect(violatedRules(stack, [cloudfrontViewerHttps])).toEqual(['cloudfront-viewer-https']);
  });

  test('fails when a path behaviour allows plain HTTP', () => {
    const { stack, distribution } = cdnFixture({ pathBehaviours: [{ pathPattern: '/packages/*', cache: 'assets' }] });
    distribution.distribution.addOverride('ordered_cache_behavior.1.viewer_protocol_policy', 'allow-all');
    expect(violatedRules(stack, [cloudfrontViewerHttps])).toEqual(['cloudfront-viewer-https']);
  });
});
