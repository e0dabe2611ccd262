import { suppressPolicy } from '../../../../../modules/policy';
import { cloudfrontWafAttached } from '../../../../../modules/policy/rules/cloudfront';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-waf-attached', () => {
  test('a CdnDistribution with a web ACL passes', () => {
    expect(violatedRules(cdnFixture().stack, [cloudfrontWafAttached])).toEqual([]);
  });

  test('fails when a distribution has no web ACL', () => {
    const { stack } = cdnFixture({ webAclArn: undefined });
    expect(violatedRules(stack, [cloudfrontWafAttached])).toEqual(['cloudfront-waf-attached']);
  });

  test('a distribution whose WAF is off by configuration passes with a written suppression', () => {
    const { stack, distribution } = cdnFixture({ webAclArn: undefined });
    suppressPolicy(distribution.distribution, cloudfrontWafAttached.id, 'WAF is off by configuration');
    expect(violatedRules(stack, [cloudfrontWafAttached])).toEqual([]);
  });
});
