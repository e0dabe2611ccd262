/**
 * monitoring (per environment): the environment-wide view over the alarms of every layer.
 *
 * Provisions: the system-health composite alarm over the per-stack health composites of the watched stacks (each
 * stack composes its own critical alarms, MonitoringHandles.healthAlarms), routed as critical; a second one in
 * us-east-1 over the us-east-1 composites, routed to the alerting layer's us-east-1 topics, when there are any.
 * Consumes: the alerting topics (AlertingHandles) and the MonitoringHandles of every stack that owns alarms.
 * Exposes: the composite alarms.
 *
 * It names only the per-stack composites, whose names never change, so removing an alarm (or a whole stack's
 * resources) never has to wait for this stack: the alarm's own stack updates its composite before deleting it.
 */
import { Construct } from 'constructs';
import { alertingRunbookUrl } from '../config/layers/alerting';
import type { Environment, PlatformConfig } from '../config/schema';
import type { CreatedAlarm } from '../modules/alarm-factory';
import { HealthAlarm, HealthComposite } from '../modules/health-composite';
import { BaseStack, GLOBAL_REGION } from './base-stack';
import type { AlertingHandles, MonitoringHandles } from './layer-handles';

export interface MonitoringStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** The environment's alerting stack: the composites notify its critical topics. */
  readonly alerting: AlertingHandles & BaseStack;
  /** Every stack of the environment that owns alarms; their health composites are composed. */
  readonly watched: readonly MonitoringHandles[];
}

export class MonitoringStack extends BaseStack {
  /** The per-stack health composites the system-health alarms name, in stack order. */
  readonly composed: readonly HealthAlarm[];
  /** In the environment's region. */
  readonly systemHealth: HealthComposite;
  /** In us-east-1, when some stack has critical us-east-1 alarms and the environment's region is another. */
  readonly globalSystemHealth?: HealthComposite;
  /** Every alarm of the watched stacks, for dashboards. */
  readonly watchedAlarms: readonly CreatedAlarm[];

  constructor(scope: Construct, props: MonitoringStackProps) {
    super(scope, { config: props.config, environment: props.environment, layer: 'monitoring' });
    this.addDependency(props.alerting);
    this.composed = props.watched.flatMap((stack) => stack.healthAlarms);
    this.watchedAlarms = props.watched.flatMap((stack) => stack.createdAlarms);
    const common = {
      naming: this.naming,
      severity: 'critical' as const,
      summary: `A critical alarm of ${props.config.service} ${props.environment.name} is in ALARM.`,
      runbookUrl: alertingRunbookUrl(props.config.repository),
    };
    this.systemHealth = new HealthComposite(this, 'system-health', {
      ...common,
      name: 'system-health',
      children: this.composed.filter((c) => c.region === this.region),
      region: this.region,
      topics: props.alerting.topics,
    });
    const global = this.composed.filter((c) => c.region === GLOBAL_REGION && c.region !== this.region);
    if (global.length > 0) {
      if (props.alerting.globalTopics === undefined) {
        throw new Error(
          `MonitoringStack: ${global.map((c) => c.alarmName).join(', ')} live in ${GLOBAL_REGION}, but the alerting stack has no globalTopics there (needsGlobalAlarms)`,
        );
      }
      this.globalSystemHealth = new HealthComposite(this, 'system-health-global', {
        ...common,
        name: 'system-health-global',
        children: global,
        region: GLOBAL_REGION,
        topics: props.alerting.globalTopics,
        provider: this.awsGlobal,
      });
    }
  }
}
