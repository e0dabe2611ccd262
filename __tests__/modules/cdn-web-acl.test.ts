import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CdnWebAcl, MANAGED_RULE_GROUPS } from '../../modules/cdn-web-acl';
import { onlyResource, testStack } from '../support/stacks';

function webAcl(mode: 'count' | 'block', region = 'us-east-1', rateLimit = 2000) {
  const stack = testStack();
  const globalProvider = new AwsProvider(stack, 'global', { alias: 'global', region });
  new CdnWebAcl(stack, 'waf', { name: 'svc-dev-cdn', mode, rateLimit, logRetentionDays: 14, globalProvider });
  return stack;
}

describe('CdnWebAcl', () => {
  test('scope CLOUDFRONT in us-east-1: managed common, bad-inputs and IP reputation groups, then a rate rule', () => {
    const acl = onlyResource(webAcl('block'), 'aws_wafv2_web_acl');
    expect(acl).toMatchObject({ scope: 'CLOUDFRONT', provider: 'aws.global', default_action: { allow: {} } });
    expect(acl.rule.map((r: { name: string }) => r.name)).toEqual([...MANAGED_RULE_GROUPS, 'rate-limit-per-ip']);
    expect(acl.rule[0]).toMatchObject({
      override_action: { none: {} },
      statement: { managed_rule_group_statement: { name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' } },
    });
    expect(acl.rule[3]).toMatchObject({
      action: { block: {} },
      statement: { rate_based_statement: { limit: 2000, aggregate_key_type: 'IP' } },
    });
  });

  test('count mode only counts, in every rule', () => {
    const acl = onlyResource(webAcl('count'), 'aws_wafv2_web_acl');
    for (const rule of acl.rule.slice(0, 3)) expect(rule.override_action).toEqual({ count: {} });
    expect(acl.rule[3].action).toEqual({ count: {} });
  });

  test('logs to aws-waf-logs-<name> in us-east-1 with retention', () => {
    const stack = webAcl('block');
    expect(onlyResource(stack, 'aws_cloudwatch_log_group')).toMatchObject({
      name: 'aws-waf-logs-svc-dev-cdn',
      retention_in_days: 14,
      provider: 'aws.global',
    });
    expect(onlyResource(stack, 'aws_wafv2_web_acl_logging_configuration')).toMatchObject({
      provider: 'aws.global',
      log_destination_configs: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}$/)],
    });
  });

  describe('fails when', () => {
    test('the provider is not in us-east-1', () => {
      expect(() => webAcl('block', 'eu-west-1')).toThrow(
        'globalProvider must be in us-east-1 (CloudFront web ACLs live there), got eu-west-1',
      );
    });
    test('the rate limit is out of range', () => {
      expect(() => webAcl('block', 'us-east-1', 10)).toThrow(
        'rateLimit must be a whole number between 100 and 2000000000, got 10',
      );
    });
  });
});
