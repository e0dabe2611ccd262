/**
 * Alarms as data. A layer describes what it watches as `WatchedResource`s (the metrics a dashboard shows) and
 * `AlarmDefinition`s (what pages or notifies whom); one construct, modules/alarm-factory.ts, turns definitions into
 * CloudWatch alarms, and the dashboards are generated from the same records. Nothing here knows about providers or
 * stacks, so config, constructs and handlers may all use it.
 */
import type { Severity } from './severity';

/** Statistics CloudWatch accepts on a metric alarm: the five simple ones or a percentile such as `p99`. */
export type AlarmStatistic = 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount' | `p${number}`;

export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'notBreaching' | 'breaching' | 'ignore' | 'missing';

/** One CloudWatch metric. */
export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly statistic: AlarmStatistic;
  /** @default the alarm's (or dashboard's) period */
  readonly periodSeconds?: number;
  /** Label on dashboards. @default the metric name */
  readonly label?: string;
}

/** A metric math expression over named metrics (ids are lower-case identifiers used in the expression). */
export interface MetricMathSpec {
  readonly expression: string;
  readonly label: string;
  readonly metrics: Readonly<Record<string, MetricSpec>>;
}

export function isMetricMath(metric: MetricSpec | MetricMathSpec): metric is MetricMathSpec {
  return 'expression' in metric;
}

/** What one alarm watches, when it fires, and whom it tells. */
export interface AlarmDefinition {
  /**
   * Name component, unique in the environment: the alarm is `<service>-<env>-<id>` and its construct id is `id`.
   * Changing it replaces the alarm.
   */
  readonly id: string;
  /** One sentence for the description: what is wrong, on which resource. */
  readonly summary: string;
  readonly metric: MetricSpec | MetricMathSpec;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  /** @default 60 */
  readonly periodSeconds?: number;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** @default 'notBreaching': no data (no traffic) is no evidence of a fault */
  readonly treatMissingData?: TreatMissingData;
  readonly severity: Severity;
  /** @default the factory's runbook */
  readonly runbookUrl?: string;
}

/** Metrics of one namespace and set of dimensions, by name and statistic (the builders' shorthand). */
export function metricsOf(
  namespace: string,
  dimensions?: Readonly<Record<string, string>>,
): (metricName: string, statistic: AlarmStatistic, extra?: Pick<MetricSpec, 'label' | 'periodSeconds'>) => MetricSpec {
  return (metricName, statistic, extra) => ({ namespace, metricName, dimensions, statistic, ...extra });
}

/** When an alarm fires: `datapointsToAlarm` breaching periods of the last `evaluationPeriods`. */
export interface AlarmWindow {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/** A sustained problem: 2 of 3 periods of 5 minutes, what most resource alarms wait for. */
export const SUSTAINED_WINDOW: AlarmWindow = { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 };

/** `2 of 3 periods of 300 s`, for summaries. */
export function describeWindow(window: AlarmWindow): string {
  return `${window.datapointsToAlarm} of ${window.evaluationPeriods} periods of ${window.periodSeconds} s`;
}

/** An alarm that fires when `metric` is above `threshold` in `window` (the default comparison of the builders). */
export function alarmAbove(
  def: Pick<AlarmDefinition, 'id' | 'summary' | 'metric' | 'threshold' | 'severity'>,
  window: AlarmWindow = SUSTAINED_WINDOW,
): AlarmDefinition {
  return { ...def, comparison: 'GreaterThanThreshold', ...window };
}

/** Kinds of resource the platform watches; thresholds are keyed by them. */
export const WATCHED_KINDS = [
  'function',
  'httpApi',
  'restApi',
  'queue',
  'deadLetterQueue',
  'stream',
  'table',
  'bucket',
  'redshift',
  'natGateway',
  'distribution',
  'webAcl',
  'cache',
  'custom',
] as const;
export type WatchedKind = (typeof WATCHED_KINDS)[number];

/**
 * A resource as monitoring sees it: what it is, where its metrics live, and the metrics a dashboard shows for it.
 * `area` groups resources into per-area dashboards (for example `codegen`, `cdn`, `api`, `data`).
 */
export interface WatchedResource {
  readonly kind: WatchedKind;
  /** Human-readable title, for example the physical name. */
  readonly title: string;
  /** Dashboard area. */
  readonly area: string;
  /** Region of the metrics. @default the stack's region */
  readonly region?: string;
  /** Metrics worth a dashboard widget, in display order. */
  readonly metrics: readonly MetricSpec[];
}

/** CloudWatch limits the model respects. */
export const CLOUDWATCH_LIMITS = {
  /** Alarms a composite alarm rule may name (AlarmRule expression limit). */
  compositeChildren: 100,
  /** Characters in a composite alarm rule. */
  alarmRuleLength: 10240,
  /** Metrics in one metric-math alarm. */
  metricsPerAlarm: 10,
} as const;

/** Problems of a definition that CloudWatch would reject at apply time, as `<field>: <rule>, got <value>`. */
export function alarmDefinitionProblems(def: AlarmDefinition): string[] {
  const problems: string[] = [];
  const evaluation = def.evaluationPeriods ?? 1;
  const datapoints = def.datapointsToAlarm ?? evaluation;
  const period = def.periodSeconds ?? 60;
  if (!Number.isInteger(evaluation) || evaluation < 1) {
    problems.push(`evaluationPeriods: must be a whole number of at least 1, got ${evaluation}`);
  }
  if (!Number.isInteger(datapoints) || datapoints < 1 || datapoints > evaluation) {
    problems.push(`datapointsToAlarm: must be between 1 and evaluationPeriods (${evaluation}), got ${datapoints}`);
  }
  if (![10, 30].includes(period) && (period < 60 || period % 60 !== 0)) {
    problems.push(`periodSeconds: must be 10, 30 or a multiple of 60, got ${period}`);
  }
  if (period * evaluation > 86400 * 7) {
    problems.push(`periodSeconds × evaluationPeriods: must be at most 7 days, got ${period * evaluation} s`);
  }
  if (isMetricMath(def.metric) && Object.keys(def.metric.metrics).length > CLOUDWATCH_LIMITS.metricsPerAlarm) {
    problems.push(
      `metric.metrics: a metric-math alarm may use at most ${CLOUDWATCH_LIMITS.metricsPerAlarm} metrics, got ${Object.keys(def.metric.metrics).length}`,
    );
  }
  if (!Number.isFinite(def.threshold)) problems.push(`threshold: must be a finite number, got ${def.threshold}`);
  return problems;
}
