import { suppressPolicy } from '../../../../../modules/policy';
import { CloudfrontWafAttached } from '../../../../../modules/policy/rules/cloudfront/CloudfrontWafAttached';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-waf-attached: ' + CloudfrontWafAttached.description, () => {
  test('compliant: a CdnDistribution with a web ACL passes', () => {
    expect(violatedRules(cdnFixture().stack, [CloudfrontWafAttached])).toEqual([]);
  });

  test('non-compliant: fails when a distribution has no web ACL', () => {
    const { stack } = cdnFixture({ webAclArn: undefined });
    expect(violatedRules(stack, [CloudfrontWafAttached])).toEqual(['cloudfront-waf-attached']);
  });

  test('compliant: a distribution whose WAF is off by configuration passes with a written suppression', () => {
    const { stack, distribution } = cdnFixture({ webAclArn: undefined });
    suppressPolicy(distribution.distribution, CloudfrontWafAttached.id, 'WAF is off by configuration');
    expect(violatedRules(stack, [CloudfrontWafAttached])).toEqual([]);
  });
});
