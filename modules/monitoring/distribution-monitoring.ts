/**
 * What the platform watches on a CloudFront distribution (cdk-monitoring-constructs' CloudFrontDistributionMonitoring):
 * the 5xx error rate and the origin latency. CloudFront publishes its metrics only in us-east-1 (dimension
 * `Region=Global`), so the stack creates these alarms there (`global: true`). OriginLatency exists only with the
 * distribution's additional metrics subscription (CdnDistribution `additionalMetrics`). Pure data.
 */
import type { AlarmStatistic, MetricSpec } from '../../core/alarm-model';
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Monitoring } from './function-monitoring';

export const CLOUDFRONT_METRICS_REGION = 'us-east-1';

export interface DistributionMonitoringProps {
  /** Name component: alarms are `<prefix>-<name>-5xx-rate` and `-origin-latency`. */
  readonly name: string;
  readonly distributionId: string;
  /** Human-readable title (the site and its domain). */
  readonly title: string;
  /** Dashboard area. */
  readonly area: string;
  readonly thresholds: AlarmThresholds['distribution'];
  /** Whether the distribution has the additional metrics subscription: without it there is no origin latency. */
  readonly additionalMetrics: boolean;
  /** @default 300 */
  readonly periodSeconds?: number;
  /** @default 3 */
  readonly evaluationPeriods?: number;
  /** @default 2 */
  readonly datapointsToAlarm?: number;
}

export function distributionMonitoring(props: DistributionMonitoringProps): Monitoring {
  const metric = (metricName: string, statistic: AlarmStatistic, label?: string): MetricSpec => ({
    namespace: 'AWS/CloudFront',
    metricName,
    dimensions: { DistributionId: props.distributionId, Region: 'Global' },
    statistic,
    label,
  });
  const t = props.thresholds;
  const timing = {
    periodSeconds: props.periodSeconds ?? 300,
    evaluationPeriods: props.evaluationPeriods ?? 3,
    datapointsToAlarm: props.datapointsToAlarm ?? 2,
  };
  const window = `${timing.datapointsToAlarm} of ${timing.evaluationPeriods} periods of ${timing.periodSeconds} s`;
  const alarms: Monitoring['alarms'] = [
    {
      id: `${props.name}-5xx-rate`,
      summary: `More than ${t.serverErrorRatePercent}% of requests to ${props.title} answered 5xx in ${window}.`,
      metric: metric('5xxErrorRate', 'Average'),
      threshold: t.serverErrorRatePercent,
      comparison: 'GreaterThanThreshold',
      ...timing,
      severity: t.severity,
    },
  ];
  if (props.additionalMetrics) {
    alarms.push({
      id: `${props.name}-origin-latency`,
      summary: `p90 origin latency of ${props.title} above ${t.originLatencyMs} ms in ${window}.`,
      metric: metric('OriginLatency', 'p90'),
      threshold: t.originLatencyMs,
      comparison: 'GreaterThanThreshold',
      ...timing,
      severity: t.severity,
    });
  }
  return {
    resource: {
      kind: 'distribution',
      title: props.title,
      area: props.area,
      region: CLOUDFRONT_METRICS_REGION,
      metrics: [
        metric('Requests', 'Sum'),
        metric('4xxErrorRate', 'Average', '4xx rate (%)'),
        metric('5xxErrorRate', 'Average', '5xx rate (%)'),
        metric('BytesDownloaded', 'Sum'),
        ...(props.additionalMetrics
          ? [
              metric('CacheHitRate', 'Average', 'Cache hit rate (%)'),
              metric('OriginLatency', 'p90', 'Origin latency p90'),
            ]
          : []),
      ],
    },
    alarms,
  };
}
