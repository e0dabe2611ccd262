/**
 * What the platform watches on a job pipeline's own custom metrics (the code-generation worker's
 * GenerationSucceeded, GenerationFailed and GenerationDuration, published with Powertools Metrics in Embedded Metric
 * Format): the share of finished jobs that failed. Queue and function alarms see deliveries and invocations; only
 * these metrics see a job that ended `failed` without the invocation failing (a malformed request, a template that
 * does not render, a model that refused).
 */
import type { MetricSpec } from '../../core/alarm-model';
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Monitoring } from './function-monitoring';

export interface GenerationMetricNames {
  readonly succeeded: string;
  readonly failed: string;
  /** Milliseconds per job. */
  readonly duration: string;
}

export interface GenerationMonitoringProps {
  /** Name component: the alarm is `<prefix>-<name>-failures`. */
  readonly name: string;
  /** Title on dashboards, for example the worker function's name. */
  readonly title: string;
  /** Namespace the handler publishes to. */
  readonly namespace: string;
  /** Dimensions every datapoint carries (Powertools adds `service`). */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly metricNames: GenerationMetricNames;
  readonly area: string;
  readonly thresholds: AlarmThresholds['generation'];
  /** Finished jobs below which a period is not judged (one failure out of two is no trend). @default 5 */
  readonly minimumJobs?: number;
}

export function generationMonitoring(props: GenerationMonitoringProps): Monitoring {
  const metric = (metricName: string, statistic: MetricSpec['statistic']): MetricSpec => ({
    namespace: props.namespace,
    metricName,
    dimensions: { ...props.dimensions },
    statistic,
  });
  const t = props.thresholds;
  const minimum = props.minimumJobs ?? 5;
  const names = props.metricNames;
  return {
    resource: {
      kind: 'custom',
      title: props.title,
      area: props.area,
      metrics: [
        metric(names.succeeded, 'Sum'),
        metric(names.failed, 'Sum'),
        { ...metric(names.duration, 'p90'), label: 'Generation duration p90 (ms)' },
      ],
    },
    alarms: [
      {
        id: `${props.name}-failures`,
        summary: `More than ${t.failureRatePercent}% of the jobs of ${props.title} failed in 2 of 3 periods of 5 minutes (periods with at least ${minimum} jobs).`,
        metric: {
          // A period without one of the two series fills it with 0; one with too few jobs evaluates to 0 rather than
          // to a ratio of a handful of samples.
          expression: `IF((FILL(ok, 0) + FILL(failed, 0)) >= ${minimum}, 100 * FILL(failed, 0) / (FILL(ok, 0) + FILL(failed, 0)), 0)`,
          label: 'Failed jobs (%)',
          metrics: { ok: metric(names.succeeded, 'Sum'), failed: metric(names.failed, 'Sum') },
        },
        threshold: t.failureRatePercent,
        comparison: 'GreaterThanThreshold',
        periodSeconds: 300,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        severity: t.severity,
      },
    ],
  };
}
