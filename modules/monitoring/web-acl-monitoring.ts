/**
 * What the platform watches on a CloudFront web ACL (cdk-monitoring-constructs' WafV2Monitoring): a spike of the
 * requests its rules stop. In block mode that is BlockedRequests (an attack, or a rule blocking real users); in
 * count mode, CountedRequests, what the rules would have blocked. WAF metrics of CLOUDFRONT-scoped web ACLs exist
 * only in us-east-1 and carry no Region dimension. Pure data.
 */
import type { MetricSpec } from '../../core/alarm-model';
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Monitoring } from './function-monitoring';

export const WAF_CLOUDFRONT_METRICS_REGION = 'us-east-1';

export interface WebAclMonitoringProps {
  /** Name component: the alarm is `<prefix>-<name>-blocked` (or `-counted` in count mode). */
  readonly name: string;
  /** Physical name of the web ACL (its `WebACL` dimension). */
  readonly webAclName: string;
  readonly mode: 'count' | 'block';
  /** Dashboard area. */
  readonly area: string;
  readonly thresholds: AlarmThresholds['webAcl'];
}

export function webAclMonitoring(props: WebAclMonitoringProps): Monitoring {
  const metric = (metricName: string): MetricSpec => ({
    namespace: 'AWS/WAFV2',
    metricName,
    dimensions: { WebACL: props.webAclName, Rule: 'ALL' },
    statistic: 'Sum',
  });
  const t = props.thresholds;
  const block = props.mode === 'block';
  return {
    resource: {
      kind: 'webAcl',
      title: props.webAclName,
      area: props.area,
      region: WAF_CLOUDFRONT_METRICS_REGION,
      metrics: [metric('AllowedRequests'), metric('BlockedRequests'), metric('CountedRequests')],
    },
    alarms: [
      {
        id: `${props.name}-${block ? 'blocked' : 'counted'}`,
        summary: block
          ? `Web ACL ${props.webAclName} blocked more than ${t.blockedRequests} requests in 5 minutes.`
          : `Web ACL ${props.webAclName} (count mode) would have blocked more than ${t.blockedRequests} requests in 5 minutes.`,
        metric: metric(block ? 'BlockedRequests' : 'CountedRequests'),
        threshold: t.blockedRequests,
        comparison: 'GreaterThanThreshold',
        periodSeconds: 300,
        evaluationPeriods: 1,
        severity: t.severity,
      },
    ],
  };
}
