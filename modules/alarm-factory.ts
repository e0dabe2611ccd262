/**
 * The one construct that turns alarm definitions (core/alarm-model.ts) into CloudWatch alarms, in the manner of
 * cdk-monitoring-constructs' AlarmFactory: names from the naming helper, a description that carries the runbook
 * link, actions routed by severity to the alerting topics (OK actions where the severity wants them), and an
 * explicit record of every alarm it made and every resource it watches, which the stack exposes on its handles.
 *
 * Metrics that exist only in us-east-1 (CloudFront, WAF for CloudFront, billing) are alarmed there, through the
 * stack's aliased provider, and routed to the alerting layer's us-east-1 topics of the same severity.
 */
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { alarmDescription, MAX_ALARM_DESCRIPTION_LENGTH } from '../core/alarm-description';
import {
  AlarmDefinition,
  alarmDefinitionProblems,
  isMetricMath,
  MetricSpec,
  WatchedResource,
} from '../core/alarm-model';
import { notifiesOnOk, Severity, SEVERITY_TAG } from '../core/severity';
import { HealthAlarm, HealthComposite } from './health-composite';
import type { Monitoring } from './monitoring/function-monitoring';
import type { Naming } from './naming';
import { allowSilentAlarm } from './policy/support/alarms';
import type { AlarmTopics } from './severity';

/** An alarm the factory made, as composites, dashboards and routing tests see it. */
export interface CreatedAlarm {
  readonly alarmName: string;
  readonly severity: Severity;
  readonly definition: AlarmDefinition;
  readonly resource: CloudwatchMetricAlarm;
  /** Region the alarm lives in. */
  readonly region: string;
}

/** The us-east-1 side of a stack: its aliased provider and the alerting layer's topics there. */
export interface GlobalAlarmTarget {
  readonly provider: AwsProvider;
  readonly region: string;
  /** @default none: us-east-1 alarms carry their severity and no actions */
  readonly topics?: AlarmTopics;
}

export interface AlarmFactoryProps {
  readonly naming: Naming;
  /** Region of the stack (where alarms live unless they are global). */
  readonly region: string;
  /** Runbook linked from every alarm that names none of its own. */
  readonly runbookUrl: string;
  /** The alerting layer's topics in the stack's region. @default none: alarms carry their severity and no actions */
  readonly topics?: AlarmTopics;
  /** Where us-east-1-only metrics are alarmed. @default none: a global alarm is an error */
  readonly global?: GlobalAlarmTarget;
  /**
   * Why alarms without topics notify no one (the environment's `alerting.reason`); it becomes their suppression of
   * cloudwatch-alarm-actions. @default none: an alarm without topics is an error
   */
  readonly silentReason?: string;
}

export interface AddAlarmOptions {
  /** Alarm in us-east-1 through the global target (for metrics that exist only there). @default false */
  readonly global?: boolean;
}

export class AlarmFactory extends Construct {
  private readonly props: AlarmFactoryProps;
  private readonly alarms: CreatedAlarm[] = [];
  private readonly resources: WatchedResource[] = [];
  private health?: readonly HealthAlarm[];

  constructor(scope: Construct, id: string, props: AlarmFactoryProps) {
    super(scope, id);
    this.props = props;
  }

  /** Records a watched resource (for dashboards) and creates its alarms. */
  watch(resource: WatchedResource, alarms: readonly AlarmDefinition[], options: AddAlarmOptions = {}): CreatedAlarm[] {
    this.resources.push(resource);
    return alarms.map((def) => this.addAlarm(def, options));
  }

  /** `watch` for each builder result (modules/monitoring/), in order; the alarms of all of them. */
  watchAll(monitoring: readonly Monitoring[], options: AddAlarmOptions = {}): CreatedAlarm[] {
    return monitoring.flatMap((m) => this.watch(m.resource, m.alarms, options));
  }

  addAlarm(def: AlarmDefinition, options: AddAlarmOptions = {}): CreatedAlarm {
    const problems = alarmDefinitionProblems(def);
    if (problems.length > 0) throw new Error(`alarm ${def.id}: ${problems.join('; ')}`);
    if (this.health !== undefined && def.severity === 'critical') {
      throw new Error(
        `alarm ${def.id}: critical alarms must be made before composeHealth, which has already composed this stack's`,
      );
    }
    const global = options.global ?? false;
    if (global && this.props.global === undefined) {
      throw new Error(
        `alarm ${def.id}: a us-east-1 alarm needs the factory's global target (AlarmFactoryProps.global)`,
      );
    }
    const alarmName = this.props.naming.name(def.id, 'cloudwatchAlarm');
    if (this.alarms.some((a) => a.alarmName === alarmName)) {
      throw new Error(`alarm ${def.id}: ${alarmName} is already an alarm of this factory; ids are unique in a stack`);
    }
    const description = alarmDescription(def.summary, def.runbookUrl ?? this.props.runbookUrl);
    if (description.length > MAX_ALARM_DESCRIPTION_LENGTH) {
      throw new Error(
        `alarm ${def.id}: description must be at most ${MAX_ALARM_DESCRIPTION_LENGTH} characters, got ${description.length}`,
      );
    }
    const topics = global ? this.props.global!.topics : this.props.topics;
    const actions = topics ? [topics[def.severity].arn] : [];
    const period = def.periodSeconds ?? 60;
    const evaluationPeriods = def.evaluationPeriods ?? 1;
    const config: CloudwatchMetricAlarmConfig = {
      alarmName,
      alarmDescription: description,
      comparisonOperator: def.comparison,
      threshold: def.threshold,
      evaluationPeriods,
      datapointsToAlarm: def.datapointsToAlarm ?? evaluationPeriods,
      treatMissingData: def.treatMissingData ?? 'notBreaching',
      ...metricProperties(def.metric, period),
      actionsEnabled: true,
      alarmActions: actions,
      okActions: notifiesOnOk(def.severity) ? [...actions] : [],
      tags: { [SEVERITY_TAG]: def.severity },
      provider: global ? this.props.global!.provider : undefined,
    };
    const resource = new CloudwatchMetricAlarm(this, def.id, config);
    if (actions.length === 0) {
      const reason = this.props.silentReason;
      if (reason === undefined || reason.trim() === '') {
        throw new Error(
          `alarm ${def.id}: ${alarmName} has no topics to notify; give the alerting layer's topics, or silentReason ` +
            "(the environment's alerting.reason) saying why nobody is told",
        );
      }
      allowSilentAlarm(resource, reason);
    }
    const created: CreatedAlarm = {
      alarmName,
      severity: def.severity,
      definition: def,
      resource,
      region: global ? this.props.global!.region : this.props.region,
    };
    this.alarms.push(created);
    return created;
  }

  /**
   * Composes every critical alarm of this factory into the stack's health composite `<prefix>-<name>` (chunked
   * beyond CLOUDWATCH_LIMITS.compositeChildren; us-east-1 alarms into `<prefix>-<name>-global` there, since a
   * composite names alarms of its own region only). The composites route as `info`: the alarms they compose page
   * themselves, and the environment's system-health composite, which names these, pages once for all. Call it once,
   * after the stack's last critical alarm. Returns the composites, for MonitoringHandles.healthAlarms.
   */
  composeHealth(name: string, summary: string): readonly HealthAlarm[] {
    if (this.health !== undefined) throw new Error(`AlarmFactory: composeHealth(${name}) called twice`);
    const critical = this.alarms.filter((a) => a.severity === 'critical');
    const global = this.props.global;
    const sides = [
      { id: 'health', name, region: this.props.region, topics: this.props.topics, provider: undefined },
      ...(global && global.region !== this.props.region
        ? [
            {
              id: 'health-global',
              name: `${name}-global`,
              region: global.region,
              topics: global.topics,
              provider: global.provider,
            },
          ]
        : []),
    ];
    // Without alert topics there is no alerting layer, hence no monitoring stack to name a health composite.
    this.health = sides.flatMap((side) => {
      if (side.topics === undefined) return [];
      const composite = new HealthComposite(this, side.id, {
        naming: this.props.naming,
        name: side.name,
        children: critical.filter((a) => a.region === side.region),
        severity: 'info',
        summary,
        runbookUrl: this.props.runbookUrl,
        region: side.region,
        topics: side.topics,
        provider: side.provider,
      });
      return composite.health ? [composite.health] : [];
    });
    return this.health;
  }

  /** Every alarm this factory made, in creation order. */
  createdAlarms(): readonly CreatedAlarm[] {
    return [...this.alarms];
  }

  /** Every resource recorded with `watch`, in order. */
  watchedResources(): readonly WatchedResource[] {
    return [...this.resources];
  }
}

function metricProperties(
  metric: AlarmDefinition['metric'],
  period: number,
): Pick<
  CloudwatchMetricAlarmConfig,
  'namespace' | 'metricName' | 'dimensions' | 'period' | 'statistic' | 'extendedStatistic' | 'metricQuery'
> {
  if (isMetricMath(metric)) {
    return {
      metricQuery: [
        ...Object.entries(metric.metrics).map(([id, m]) => ({
          id,
          returnData: false,
          metric: {
            namespace: m.namespace,
            metricName: m.metricName,
            dimensions: m.dimensions ? { ...m.dimensions } : undefined,
            period: m.periodSeconds ?? period,
            stat: m.statistic,
          },
        })),
        { id: 'result', expression: metric.expression, label: metric.label, returnData: true },
      ],
    };
  }
  return {
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: metric.dimensions ? { ...metric.dimensions } : undefined,
    period: metric.periodSeconds ?? period,
    ...statisticProperty(metric),
  };
}

function statisticProperty(metric: MetricSpec): { statistic?: string; extendedStatistic?: string } {
  return /^p\d/.test(metric.statistic) ? { extendedStatistic: metric.statistic } : { statistic: metric.statistic };
}
