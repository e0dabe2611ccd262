/**
 * monitoring (per environment): the environment-wide view over the alarms of every layer.
 *
 * Provisions: the system-health composite alarm over the per-stack health composites of the watched stacks (each
 *   stack composes its own critical alarms, MonitoringHandles.healthAlarms), routed as critical; a second one in
 *   us-east-1 over the us-east-1 composites, routed to the alerting layer's us-east-1 topics, when there are any;
 *   the dashboards generated from the watched stacks' MonitoringHandles (a main one of every alarmed metric, one
 *   per area of the watched resources, and one per configured group of areas); the monthly cost budget notifying
 *   the warning topic at the forecast and actual thresholds.
 * Consumes: the alerting topics (AlertingHandles) and the MonitoringHandles of every stack that owns alarms.
 * Exposes: the composite alarms and the dashboards.
 *
 * It names only the per-stack composites, whose names never change, so removing an alarm (or a whole stack's
 * resources) never has to wait for this stack: the alarm's own stack updates its composite before deleting it.
 */
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { alertingRunbookUrl } from '../config/layers/alerting';
import { budgetLimitUsd } from '../config/layers/monitoring';
import type { Environment, PlatformConfig } from '../config/schema';
import type { CreatedAlarm } from '../modules/alarm-factory';
import { CostBudget } from '../modules/cost-budget';
import { PlatformDashboard } from '../modules/dashboard';
import { HealthAlarm, HealthComposite } from '../modules/health-composite';
import type { DashboardLink } from '../modules/monitoring/dashboard-body';
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
  /** The main dashboard first, then one per area, then the configured groups. */
  readonly dashboards: readonly PlatformDashboard[];
  readonly budget?: CostBudget;

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
    const { config, environment: env, alerting } = props;
    const runbookUrl = common.runbookUrl;

    // --- Dashboards, generated from the watched stacks' handles -------------------------------------------------
    const resources = props.watched.flatMap((h) => h.watchedResources);
    const alarms = props.watched.flatMap((h) => h.createdAlarms);
    const areas = [...new Set(resources.map((r) => r.area))];
    const groups = Object.entries(env.monitoring.dashboardGroups)
      .map(([id, g]) => ({ id, title: g.title, areas: g.areas.filter((a) => areas.includes(a)) }))
      .filter((g) => g.areas.length > 0);
    const main: DashboardLink = { name: this.naming.name('monitoring', 'dashboard'), title: 'Overview' };
    const perArea = areas.map((area) => ({ area, link: { name: this.naming.name(area, 'dashboard'), title: area } }));
    const perGroup = groups.map((g) => ({
      group: g,
      link: { name: this.naming.name(`${g.id}-monitoring`, 'dashboard'), title: g.title },
    }));
    const all = [main, ...perArea.map((a) => a.link), ...perGroup.map((g) => g.link)];
    const others = (self: DashboardLink) => all.filter((l) => l !== self);
    const dashboard = { region: this.region, alarms, runbookUrl };
    this.dashboards = [
      new PlatformDashboard(this, 'dashboard-main', {
        ...dashboard,
        dashboardName: main.name,
        title: `${config.service} ${env.name}: alarmed metrics`,
        resources,
        alarmedOnly: true,
        links: others(main),
      }),
      ...perArea.map(
        ({ area, link }) =>
          new PlatformDashboard(this, `dashboard-${area}`, {
            ...dashboard,
            dashboardName: link.name,
            title: `${config.service} ${env.name}: ${area}`,
            resources: resources.filter((r) => r.area === area),
            links: others(link),
          }),
      ),
      ...perGroup.map(
        ({ group, link }) =>
          new PlatformDashboard(this, `dashboard-group-${group.id}`, {
            ...dashboard,
            dashboardName: link.name,
            title: `${config.service} ${env.name}: ${group.title}`,
            resources: resources.filter((r) => group.areas.includes(r.area)),
            links: others(link),
          }),
      ),
    ];
    for (const d of this.dashboards) {
      new TerraformOutput(this, `${d.node.id}-url`, {
        value: `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=${d.dashboardName}`,
        description: `Console URL of the ${d.dashboardName} dashboard`,
      });
    }

    // --- Cost budget ----------------------------------------------------------------------------------------------
    const budget = env.monitoring.budget;
    if (budget.enabled) {
      this.budget = new CostBudget(this, 'budget', {
        budgetName: this.naming.name('monthly-cost', 'budget'),
        monthlyLimitUsd: budgetLimitUsd(env.monitoring, env),
        environment: env.name,
        topic: alerting.topics.warning,
        forecastThresholdPercent: budget.forecastThresholdPercent,
        actualThresholdPercent: budget.actualThresholdPercent,
      });
    }
  }
}
