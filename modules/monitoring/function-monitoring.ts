/**
 * What the platform watches on a Lambda function (cdk-monitoring-constructs' LambdaFunctionMonitoring): the error
 * rate, throttles, and the longest duration against the function's timeout, plus an optional latency objective.
 * Pure data: the stack hands the result to its AlarmFactory.
 */
import {
  type AlarmDefinition,
  type AlarmStatistic,
  describeWindow,
  metricsOf,
  type WatchedResource,
} from '../../core/alarm-model';
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Severity } from '../../core/severity';

export interface FunctionMonitoringProps {
  /** Name component of the function: alarms are `<prefix>-<name>-errors`, `-throttles`, `-duration`, `-latency`. */
  readonly name: string;
  readonly functionName: string;
  readonly timeoutSeconds: number;
  /** Dashboard area. */
  readonly area: string;
  readonly thresholds: AlarmThresholds['function'];
  /** Alias whose metrics are watched (`<function>:<alias>` is the Resource dimension). @default the whole function */
  readonly aliasName?: string;
  /** @default thresholds.severity */
  readonly errorSeverity?: Severity;
  /** A latency objective (CodeDeploy rolls back on it with the error alarm). @default none */
  readonly latency?: { readonly thresholdMs: number; readonly statistic: AlarmStatistic; readonly severity: Severity };
  /** @default 60 */
  readonly periodSeconds?: number;
  /** @default 3 */
  readonly evaluationPeriods?: number;
  /** @default 2 */
  readonly datapointsToAlarm?: number;
}

export interface Monitoring {
  readonly resource: WatchedResource;
  readonly alarms: AlarmDefinition[];
}

export function functionMonitoring(props: FunctionMonitoringProps): Monitoring {
  const dimensions: Record<string, string> = { FunctionName: props.functionName };
  if (props.aliasName) dimensions.Resource = `${props.functionName}:${props.aliasName}`;
  const watched = props.aliasName ? `${props.functionName}:${props.aliasName}` : props.functionName;
  const metric = metricsOf('AWS/Lambda', dimensions);
  const t = props.thresholds;
  const timing = {
    periodSeconds: props.periodSeconds ?? 60,
    evaluationPeriods: props.evaluationPeriods ?? 3,
    datapointsToAlarm: props.datapointsToAlarm ?? 2,
  };
  const window = describeWindow(timing);
  const timeoutMs = props.timeoutSeconds * 1000;
  const alarms: AlarmDefinition[] = [
    {
      id: `${props.name}-errors`,
      summary: `More than ${t.errorRatePercent}% of invocations of ${watched} failed in ${window}.`,
      metric: {
        expression: '100 * errors / invocations',
        label: 'Error rate (%)',
        metrics: { errors: metric('Errors', 'Sum'), invocations: metric('Invocations', 'Sum') },
      },
      threshold: t.errorRatePercent,
      comparison: 'GreaterThanThreshold',
      ...timing,
      severity: props.errorSeverity ?? t.severity,
    },
    {
      id: `${props.name}-throttles`,
      summary: `Invocations of ${watched} were throttled (more than ${t.throttles} per period) in ${window}.`,
      metric: metric('Throttles', 'Sum'),
      threshold: t.throttles,
      comparison: 'GreaterThanThreshold',
      ...timing,
      severity: t.severity,
    },
    {
      id: `${props.name}-duration`,
      summary: `The longest invocation of ${watched} took over ${t.durationPercentOfTimeout}% of its ${props.timeoutSeconds} s timeout in ${window}.`,
      metric: metric('Duration', 'Maximum'),
      threshold: Math.round((timeoutMs * t.durationPercentOfTimeout) / 100),
      comparison: 'GreaterThanThreshold',
      ...timing,
      severity: t.severity,
    },
  ];
  if (props.latency) {
    alarms.push({
      id: `${props.name}-latency`,
      summary: `${props.latency.statistic} duration of ${watched} above ${props.latency.thresholdMs} ms in ${window}.`,
      metric: metric('Duration', props.latency.statistic),
      threshold: props.latency.thresholdMs,
      comparison: 'GreaterThanThreshold',
      ...timing,
      severity: props.latency.severity,
    });
  }
  return {
    resource: {
      kind: 'function',
      title: watched,
      area: props.area,
      metrics: [
        metric('Invocations', 'Sum'),
        metric('Errors', 'Sum'),
        metric('Throttles', 'Sum'),
        metric('Duration', 'p99', { label: 'Duration p99' }),
        metric('ConcurrentExecutions', 'Maximum'),
      ],
    },
    alarms,
  };
}
