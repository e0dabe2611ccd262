/**
 * X-Ray for one environment: a sampling rule for its functions (their X-Ray service names start with the
 * environment's prefix) and groups with insights over their traces, one for all of them and one for slow ones.
 */
import { XraySamplingRule } from '@cdktf/provider-aws/lib/xray-sampling-rule';
import { XrayGroup } from '@cdktf/provider-aws/lib/xray-group';
import { createHash } from 'crypto';
import { Construct } from 'constructs';
import { checkName, Naming } from './naming';

/** X-Ray allows 32 characters in group and sampling rule names. */
const XRAY_NAME_MAX = 32;

/**
 * `<prefix>-<suffix>`, or, when that is longer than X-Ray allows (a 20-character service and a 10-character
 * environment leave one character), the prefix shortened and made unique again by a hash of it.
 */
export function xrayName(naming: Naming, suffix: string): string {
  const full = `${naming.prefix}-${suffix}`;
  if (full.length <= XRAY_NAME_MAX) return checkName(full, 'xrayName');
  const hash = createHash('sha256').update(naming.prefix).digest('hex').slice(0, 6);
  const keep = XRAY_NAME_MAX - suffix.length - hash.length - 2;
  return checkName(`${naming.prefix.slice(0, keep)}-${hash}-${suffix}`, 'xrayName');
}

export interface XrayTracingProps {
  readonly naming: Naming;
  /** Fraction of requests sampled beyond the reservoir, 0 to 1. */
  readonly fixedRate: number;
  /** Requests per second sampled before the fixed rate applies. */
  readonly reservoirSize: number;
  /** X-Ray service names of the environment's functions (their function names). */
  readonly serviceNames: readonly string[];
  /** Response time in seconds above which a trace belongs to the slow group. */
  readonly slowThresholdSeconds: number;
  /** Rule priority, 1 (first) to 9999; the default rule comes last. @default 100 */
  readonly priority?: number;
}

export class XrayTracing extends Construct {
  readonly samplingRule: XraySamplingRule;
  readonly group: XrayGroup;
  readonly slowGroup: XrayGroup;

  constructor(scope: Construct, id: string, props: XrayTracingProps) {
    super(scope, id);
    if (!(props.fixedRate >= 0 && props.fixedRate <= 1)) {
      throw new Error(`XrayTracing: fixedRate must be between 0 and 1, got ${props.fixedRate}`);
    }
    if (props.serviceNames.length === 0) throw new Error('XrayTracing: serviceNames must name at least one service');
    this.samplingRule = new XraySamplingRule(this, 'sampling', {
      ruleName: xrayName(props.naming, 'sampling'),
      priority: props.priority ?? 100,
      version: 1,
      reservoirSize: props.reservoirSize,
      fixedRate: props.fixedRate,
      serviceName: `${props.naming.prefix}-*`,
      serviceType: '*',
      host: '*',
      httpMethod: '*',
      urlPath: '*',
      resourceArn: '*',
    });
    const services = props.serviceNames.map((name) => `service("${name}")`).join(' OR ');
    const insights = { insightsEnabled: true, notificationsEnabled: true };
    this.group = new XrayGroup(this, 'group', {
      groupName: xrayName(props.naming, 'traces'),
      filterExpression: services,
      insightsConfiguration: insights,
    });
    this.slowGroup = new XrayGroup(this, 'slow-group', {
      groupName: xrayName(props.naming, 'slow'),
      filterExpression: `(${services}) AND responsetime > ${props.slowThresholdSeconds}`,
      insightsConfiguration: insights,
    });
  }
}
