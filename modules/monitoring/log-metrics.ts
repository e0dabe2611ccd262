/**
 * The log-derived metrics of the platform: what a metric filter on every function log group counts or measures,
 * and the alarm on each metric. The patterns match what the platform's functions write: Powertools Logger JSON lines
 * (`level`, `message`, `data_quality_issue`), the Node.js runtime's error lines, and Lambda's own REPORT and timeout
 * lines, so they hold for functions whose code lives elsewhere too. Pure data: the observability stack applies them.
 */
import type { AlarmDefinition, AlarmStatistic, WatchedResource } from '../../core/alarm-model';
import type { Severity } from '../../core/severity';

/** The field a handler logs to report a data-quality issue: `logger.warn('...', { data_quality_issue: 'rule' })`. */
export const DATA_QUALITY_FIELD = 'data_quality_issue';

export interface LogMetric {
  /** Name component of the filters and the alarm. */
  readonly id: 'errors' | 'latency' | 'data-quality';
  readonly metricName: string;
  /** CloudWatch Logs filter pattern. */
  readonly pattern: string;
  /** `1` to count, or a `$field` of the pattern to measure. */
  readonly value: string;
  readonly unit: 'Count' | 'Milliseconds';
  /** Published when nothing matches, so that a quiet period reads 0 rather than missing. @default none */
  readonly defaultValue?: number;
}

export const LOG_METRICS: readonly LogMetric[] = [
  {
    id: 'errors',
    metricName: 'LogErrors',
    // Term patterns match anywhere in the line: the Powertools level ("level":"ERROR"), the runtime's ERROR column,
    // and Lambda's timeout report.
    pattern: '?ERROR ?CRITICAL ?"Task timed out"',
    value: '1',
    unit: 'Count',
    defaultValue: 0,
  },
  {
    id: 'latency',
    metricName: 'InvocationDuration',
    pattern:
      '[report="REPORT", request_label="RequestId:", request_id, duration_label="Duration:", duration, unit="ms", ...]',
    value: '$duration',
    unit: 'Milliseconds',
  },
  {
    id: 'data-quality',
    metricName: 'DataQualityIssues',
    pattern: `{ $.${DATA_QUALITY_FIELD} = * }`,
    value: '1',
    unit: 'Count',
    defaultValue: 0,
  },
];

export interface LogAlarmSettings {
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly severity: Severity;
  /** @default 'Sum' */
  readonly statistic?: AlarmStatistic;
}

export interface LogMetricsMonitoringProps {
  /** Namespace of the log metrics, `<service>/<env>`. */
  readonly namespace: string;
  /** What the filters cover, for the summaries, for example `the functions of concert-dev`. */
  readonly scope: string;
  readonly errors: LogAlarmSettings;
  readonly latency: LogAlarmSettings;
  readonly dataQuality: LogAlarmSettings;
  /** @default 'logs' */
  readonly area?: string;
}

export function logMetricsMonitoring(props: LogMetricsMonitoringProps): {
  resource: WatchedResource;
  alarms: AlarmDefinition[];
} {
  const metric = (m: LogMetric, statistic: AlarmStatistic) => ({
    namespace: props.namespace,
    metricName: m.metricName,
    statistic,
  });
  const [errors, latency, dataQuality] = LOG_METRICS;
  const alarm = (m: LogMetric, s: LogAlarmSettings, summary: string): AlarmDefinition => ({
    id: `logs-${m.id}`,
    summary,
    metric: metric(m, s.statistic ?? 'Sum'),
    threshold: s.threshold,
    comparison: 'GreaterThanThreshold',
    periodSeconds: s.periodSeconds,
    evaluationPeriods: s.evaluationPeriods,
    severity: s.severity,
  });
  const window = (s: LogAlarmSettings) => `${s.evaluationPeriods} periods of ${s.periodSeconds} s`;
  return {
    resource: {
      kind: 'custom',
      title: `Logs of ${props.scope}`,
      area: props.area ?? 'logs',
      metrics: [
        { ...metric(errors, 'Sum'), label: 'Error lines' },
        { ...metric(latency, 'p99'), label: 'Duration p99 (REPORT)' },
        { ...metric(dataQuality, 'Sum'), label: 'Data-quality issues' },
      ],
    },
    alarms: [
      alarm(
        errors,
        props.errors,
        `More than ${props.errors.threshold} error lines in the logs of ${props.scope} in each of ${window(props.errors)}.`,
      ),
      alarm(
        latency,
        props.latency,
        `${props.latency.statistic ?? 'Sum'} invocation duration of ${props.scope} above ${props.latency.threshold} ms in ${window(props.latency)}.`,
      ),
      alarm(
        dataQuality,
        props.dataQuality,
        `More than ${props.dataQuality.threshold} data-quality issues logged by ${props.scope} in ${window(props.dataQuality)}.`,
      ),
    ],
  };
}
