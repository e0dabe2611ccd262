/**
 * The two alarms that judge a function's new version: error rate (errors as a percentage of invocations) and
 * latency (a duration percentile or the average). They watch the `live` alias, so during a CodeDeploy traffic shift
 * they see the new version's share of traffic, and CodeDeploy rolls back when either fires. Each routes by severity
 * to the alerting layer's topics (modules/severity.ts), which also registers it for the composite health alarm.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { Naming } from './naming';
import { AlertTopics, alarmDescription, RegisteredAlarm, routeBySeverity, Severity } from './severity';
import { allowSilentAlarm } from './policy/rules/cloudwatch/alarm-actions';

export type LatencyStatistic = 'p99' | 'p95' | 'p90' | 'Average';

export interface FunctionAlarmsProps {
  readonly naming: Naming;
  /** Component of the function's name: alarms are `<service>-<env>-<name>-errors` and `-latency`. */
  readonly name: string;
  /** Physical function name. */
  readonly functionName: string;
  /** Alias whose metrics are watched (`<function>:<alias>` is the Resource dimension). @default the whole function */
  readonly aliasName?: string;
  /** @default 5 */
  readonly errorRatePercent?: number;
  /** @default 'warning' */
  readonly errorSeverity?: Severity;
  readonly latencyThresholdMs: number;
  /** @default 'p99' */
  readonly latencyStatistic?: LatencyStatistic;
  /** @default 'warning' */
  readonly latencySeverity?: Severity;
  /** @default 60 */
  readonly periodSeconds?: number;
  /** @default 3 */
  readonly evaluationPeriods?: number;
  /** @default 2 */
  readonly datapointsToAlarm?: number;
  /** The alerting layer's topics; without them the alarms carry their severity and no actions. @default none */
  readonly topics?: AlertTopics;
}

export class FunctionAlarms extends Construct {
  readonly errors: CloudwatchMetricAlarm;
  readonly latency: CloudwatchMetricAlarm;
  readonly registered: readonly RegisteredAlarm[];

  constructor(scope: Construct, id: string, props: FunctionAlarmsProps) {
    super(scope, id);
    const period = props.periodSeconds ?? 60;
    const evaluationPeriods = props.evaluationPeriods ?? 3;
    const datapointsToAlarm = props.datapointsToAlarm ?? 2;
    if (datapointsToAlarm > evaluationPeriods) {
      throw new Error(
        `${props.functionName}: datapointsToAlarm (${datapointsToAlarm}) exceeds evaluationPeriods (${evaluationPeriods})`,
      );
    }
    const errorRate = props.errorRatePercent ?? 5;
    const errorSeverity = props.errorSeverity ?? 'warning';
    const latencySeverity = props.latencySeverity ?? 'warning';
    const statistic = props.latencyStatistic ?? 'p99';
    const dimensions: Record<string, string> = { FunctionName: props.functionName };
    if (props.aliasName) dimensions.Resource = `${props.functionName}:${props.aliasName}`;
    const watched = props.aliasName ? `${props.functionName}:${props.aliasName}` : props.functionName;
    const metric = (metricName: string) => ({ namespace: 'AWS/Lambda', metricName, period, stat: 'Sum', dimensions });

    const errorsName = props.naming.name(`${props.name}-errors`, 'cloudwatchAlarm');
    const latencyName = props.naming.name(`${props.name}-latency`, 'cloudwatchAlarm');
    const errorRouting = routeBySeverity(errorSeverity, props.topics);
    this.errors = new CloudwatchMetricAlarm(this, 'errors', {
      alarmName: errorsName,
      alarmDescription: alarmDescription(
        `More than ${errorRate}% of invocations of ${watched} failed in ${datapointsToAlarm} of ${evaluationPeriods} periods of ${period} s.`,
      ),
      comparisonOperator: 'GreaterThanThreshold',
      threshold: errorRate,
      evaluationPeriods,
      datapointsToAlarm,
      // No invocations is no evidence of failure.
      treatMissingData: 'notBreaching',
      metricQuery: [
        { id: 'errors', metric: metric('Errors'), returnData: false },
        { id: 'invocations', metric: metric('Invocations'), returnData: false },
        { id: 'rate', expression: '100 * errors / invocations', label: 'Error rate (%)', returnData: true },
      ],
      alarmActions: errorRouting.alarmActions,
      okActions: errorRouting.okActions,
      tags: errorRouting.tags,
    });

    const latencyRouting = routeBySeverity(latencySeverity, props.topics);
    this.latency = new CloudwatchMetricAlarm(this, 'latency', {
      alarmName: latencyName,
      alarmDescription: alarmDescription(
        `${statistic} duration of ${watched} above ${props.latencyThresholdMs} ms in ${datapointsToAlarm} of ${evaluationPeriods} periods of ${period} s.`,
      ),
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions,
      period,
      ...(statistic === 'Average' ? { statistic: 'Average' } : { extendedStatistic: statistic }),
      comparisonOperator: 'GreaterThanThreshold',
      threshold: props.latencyThresholdMs,
      evaluationPeriods,
      datapointsToAlarm,
      treatMissingData: 'notBreaching',
      alarmActions: latencyRouting.alarmActions,
      okActions: latencyRouting.okActions,
      tags: latencyRouting.tags,
    });

    if (props.topics === undefined) [this.errors, this.latency].forEach(allowSilentAlarm);

    this.registered = [
      { alarmName: errorsName, severity: errorSeverity, resource: this.errors },
      { alarmName: latencyName, severity: latencySeverity, resource: this.latency },
    ];
  }

  /** Both alarms, for CodeDeploy's rollback configuration. */
  get all(): readonly CloudwatchMetricAlarm[] {
    return [this.errors, this.latency];
  }
}
