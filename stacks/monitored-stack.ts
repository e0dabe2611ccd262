/**
 * The base of every stack that owns alarms: one AlarmFactory (construct id `alarms`) whose alarms route to the
 * alerting layer's topics by severity (us-east-1 ones through `awsGlobal` to its us-east-1 topics), the
 * environment's thresholds, and MonitoringHandles read from the factory, so that no stack keeps a second list.
 * A subclass makes its alarms with `this.alarms`, then calls `composeHealth` once, after its last critical alarm.
 */
import { Construct } from 'constructs';
import { readmeRunbookUrl } from '../config/layers/alerting';
import type { Environment, PlatformConfig } from '../config/schema';
import type { WatchedResource } from '../core/alarm-model';
import { AlarmThresholds, mergeAlarmThresholds } from '../core/alarm-thresholds';
import { AlarmFactory, CreatedAlarm } from '../modules/alarm-factory';
import type { DynamoTable } from '../modules/dynamodb-table';
import type { HealthAlarm } from '../modules/health-composite';
import type { AlarmTopics } from '../modules/severity';
import { severityTopicArns } from '../modules/severity-topics';
import { tableMonitoring } from '../modules/monitoring/table-monitoring';
import { BaseStack, GLOBAL_REGION } from './base-stack';
import type { AlertingHandles, MonitoringHandles } from './layer-handles';

export interface MonitoredStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  readonly layer: string;
  /** README section the layer's alarms link to as their runbook (its anchor, for example `app-layer`). */
  readonly runbookSection: string;
  /** Topics the alarms notify by severity. @default alarms without actions */
  readonly alerting?: AlertingHandles;
}

export class MonitoredStack extends BaseStack implements MonitoringHandles {
  /** The environment's alarm thresholds: the platform's defaults with `environments.<env>.alarms` applied. */
  readonly alarmThresholds: AlarmThresholds;
  private readonly runbookUrl: string;
  private readonly routing?: AlertingHandles;
  /** The environment's alerting.reason: why its alarms notify no one when the alerting layer is off. */
  private readonly silentReason?: string;
  private factory?: AlarmFactory;
  private composedHealth?: readonly HealthAlarm[];

  constructor(scope: Construct, props: MonitoredStackProps) {
    super(scope, { config: props.config, environment: props.environment, layer: props.layer });
    this.alarmThresholds = mergeAlarmThresholds(props.environment.alarms);
    this.runbookUrl = readmeRunbookUrl(props.config.repository, props.runbookSection);
    this.routing = props.alerting;
    this.silentReason = props.environment.alerting.reason;
  }

  /** The stack's AlarmFactory, made on first use (so that the alerting stack can route to topics it made). */
  protected get alarms(): AlarmFactory {
    if (this.factory === undefined) {
      const { topics, globalTopics } = this.alarmTopics();
      this.factory = new AlarmFactory(this, 'alarms', {
        naming: this.naming,
        region: this.region,
        runbookUrl: this.runbookUrl,
        topics,
        global: { provider: this.awsGlobal, region: GLOBAL_REGION, topics: globalTopics },
        silentReason: this.silentReason,
      });
    }
    return this.factory;
  }

  /**
   * The topics this stack's alarms notify. The alerting stack routes to its own topic objects; every other layer
   * reaches the same topics by name (severityTopicArns), so owning alarms does not make it depend on the alerting
   * stack.
   */
  private alarmTopics(): { topics?: AlarmTopics; globalTopics?: AlarmTopics } {
    const routing = this.alarmRouting();
    if (routing === undefined) return {};
    if (routing === (this as unknown)) return { topics: routing.topics, globalTopics: routing.globalTopics };
    const topics = severityTopicArns(this, 'alert-topics', this.naming, this.region);
    if (routing.globalTopics === undefined) return { topics };
    const globalTopics =
      this.region === GLOBAL_REGION
        ? topics
        : severityTopicArns(this, 'global-alert-topics', this.naming, GLOBAL_REGION);
    return { topics, globalTopics };
  }

  /** Where the alarms route: the alerting layer given in props (the alerting stack routes to itself). */
  protected alarmRouting(): AlertingHandles | undefined {
    return this.routing;
  }

  /** Alarms on the layer's DynamoDB tables (throttles, system errors), `<prefix>-<name>-table-...`. */
  protected watchTables(tables: Readonly<Record<string, DynamoTable>>, area: string): void {
    for (const [name, table] of Object.entries(tables)) {
      this.alarms.watchAll([
        tableMonitoring({
          name: `${name}-table`,
          tableName: table.tableName,
          area,
          thresholds: this.alarmThresholds.table,
        }),
      ]);
    }
  }

  /** Composes the stack's critical alarms into `<prefix>-<layer>-health` (AlarmFactory.composeHealth). */
  protected composeHealth(): void {
    const layer = this.stackName.slice(this.naming.prefix.length + 1);
    this.composedHealth = this.alarms.composeHealth(
      `${layer}-health`,
      `A critical alarm of the ${layer} layer of ${this.naming.prefix} is in ALARM.`,
    );
  }

  get healthAlarms(): readonly HealthAlarm[] {
    if (this.composedHealth === undefined) {
      throw new Error(`${this.stackName}: read healthAlarms after the stack called composeHealth`);
    }
    return this.composedHealth;
  }

  get createdAlarms(): readonly CreatedAlarm[] {
    return this.factory?.createdAlarms() ?? [];
  }

  get watchedResources(): readonly WatchedResource[] {
    return this.factory?.watchedResources() ?? [];
  }
}
