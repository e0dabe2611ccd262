/**
 * monitoring (per environment): the environment-wide view over the alarms of every layer.
 *
 * Provisions: the system-health composite alarm over every critical alarm the watched stacks route with
 * `routeBySeverity` (none when there is none), itself routed as critical.
 * Consumes: the alerting topics (AlertingHandles) and the stacks whose alarms it composes.
 * Exposes: the composite alarm.
 *
 * A composite alarm may only name alarms that already exist, so this stack deploys after alerting and after every
 * stack whose alarms it composes (the opposite of the alerting stack, which the alarms' stacks depend on).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { alertingRunbookUrl } from '../config/layers/alerting';
import type { Environment, PlatformConfig } from '../config/schema';
import { CompositeHealthAlarm } from '../modules/composite-health-alarm';
import { alarmDescription, RegisteredAlarm, routedAlarms } from '../modules/severity';
import { BaseStack } from './base-stack';
import type { AlertingStack } from './alerting-stack';

export interface MonitoringStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** The environment's alerting stack: the composite notifies its critical topic. */
  readonly alerting: AlertingStack;
  /** The environment's other stacks; their routed alarms are composed. */
  readonly watched: readonly TerraformStack[];
}

export class MonitoringStack extends BaseStack {
  /** Every routed alarm of the watched stacks; the health alarm composes the critical ones. */
  readonly registeredAlarms: readonly RegisteredAlarm[];
  readonly systemHealth: CompositeHealthAlarm;

  constructor(scope: Construct, props: MonitoringStackProps) {
    super(scope, { config: props.config, environment: props.environment, layer: 'monitoring' });
    this.addDependency(props.alerting);
    this.registeredAlarms = props.watched.flatMap((stack) => routedAlarms(stack));
    this.systemHealth = new CompositeHealthAlarm(this, 'system-health', {
      alarmName: this.naming.name('system-health', 'cloudwatchAlarm'),
      alarms: this.registeredAlarms,
      topics: props.alerting.topics,
      description: alarmDescription(
        `A critical alarm of ${props.config.service} ${props.environment.name} is in ALARM.`,
        alertingRunbookUrl(props.config.repository),
      ),
    });
  }
}
