/**
 * A WAFv2 web ACL for CloudFront distributions (scope CLOUDFRONT, so created in us-east-1 through the aliased
 * provider): the AWS managed common rule set, known bad inputs and Amazon IP reputation list, and a rate-based rule
 * per client IP. In `count` mode every rule only counts (to see false positives before blocking anyone); in `block`
 * mode they act. Requests are logged to a CloudWatch log group with retention, named `aws-waf-logs-...` as WAF
 * requires.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';
import { checkName } from './naming';

export const WAF_CLOUDFRONT_REGION = 'us-east-1';
/** WAF sends logs only to log groups whose name starts with this. */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

/** AWS managed rule groups every CloudFront web ACL of the platform runs, in priority order. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
] as const;

export const RATE_LIMIT_RULE = 'rate-limit-per-ip';

export interface CdnWebAclProps {
  /** Physical name of the web ACL (and, after the prefix, of its log group), from the naming helper. */
  readonly name: string;
  readonly mode: 'count' | 'block';
  /** Requests per 5 minutes from one IP address. */
  readonly rateLimit: number;
  readonly logRetentionDays: number;
  /** The AWS provider in us-east-1 (BaseStack.awsGlobal). */
  readonly globalProvider: AwsProvider;
}

export class CdnWebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly logGroup: CloudwatchLogGroup;
  /** The metric name of the web ACL's own visibility config (CloudWatch dimension `WebACL`). */
  readonly metricName: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: CdnWebAclProps) {
    super(scope, id);
    if (props.globalProvider.region !== WAF_CLOUDFRONT_REGION) {
      throw new Error(
        `CdnWebAcl ${props.name}: globalProvider must be in ${WAF_CLOUDFRONT_REGION} (CloudFront web ACLs live there), got ${props.globalProvider.region}`,
      );
    }
    if (!Number.isInteger(props.rateLimit) || props.rateLimit < 100 || props.rateLimit > 2_000_000_000) {
      throw new Error(
        `CdnWebAcl ${props.name}: rateLimit must be a whole number between 100 and 2000000000, got ${props.rateLimit}`,
      );
    }
    this.name = props.name;
    this.metricName = props.name;
    const block = props.mode === 'block';
    const visibility = (metricName: string) => ({
      cloudwatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const rules: Wafv2WebAclRule[] = MANAGED_RULE_GROUPS.map((group, i) => ({
      name: group,
      priority: i,
      // A rule group's own actions apply (none) or are all turned into counts.
      overrideAction: block ? { none: {} } : { count: {} },
      statement: { managed_rule_group_statement: { name: group, vendor_name: 'AWS' } },
      visibilityConfig: visibility(`${props.name}-${group}`),
    }));
    rules.push({
      name: RATE_LIMIT_RULE,
      priority: MANAGED_RULE_GROUPS.length,
      action: block ? { block: {} } : { count: {} },
      statement: { rate_based_statement: { limit: props.rateLimit, aggregate_key_type: 'IP' } },
      visibilityConfig: visibility(`${props.name}-${RATE_LIMIT_RULE}`),
    });
    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      provider: props.globalProvider,
      name: props.name,
      description: `CloudFront web ACL (${props.mode} mode)`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(this.metricName),
    });
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      provider: props.globalProvider,
      name: checkName(`${WAF_LOG_GROUP_PREFIX}${props.name}`, 'logGroup'),
      retentionInDays: props.logRetentionDays,
    });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      provider: props.globalProvider,
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
    });
  }
}
