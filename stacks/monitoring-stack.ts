/**
 * monitoring (per environment): the environment-wide view over the alarms of every layer.
 *
 * Provisions: the system-health composite alarm over every critical alarm of the watched stacks (none when there is
 *   none), itself routed as critical; the dashboards generated from the watched stacks' MonitoringHandles (a main
 *   one of every alarmed metric, one per area of the watched resources, and one per configured group of areas); the
 *   monthly cost budget notifying the warning topic at the forecast and actual thresholds.
 * Consumes: the alerting topics (AlertingHandles) and the stacks whose alarms it composes and shows.
 * Exposes: the composite alarm and the dashboards.
 *
 * A composite alarm may only name alarms that already exist, so this stack deploys after alerting and after every
 * stack whose alarms it composes (the opposite of the alerting stack, which the alarms' stacks depend on).
 * Dashboards and the budget only name metrics, so they order nothing.
 */
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { alertingRunbookUrl } from '../config/layers/alerting';
import { budgetLimitUsd } from '../config/layers/monitoring';
import type { Environment, PlatformConfig } from '../config/schema';
import { CompositeHealthAlarm } from '../modules/composite-health-alarm';
import { CostBudget } from '../modules/cost-budget';
import { PlatformDashboard } from '../modules/dashboard';
import type { DashboardLink } from '../modules/monitoring/dashboard-body';
import { alarmDescription, RegisteredAlarm, routedAlarms } from '../modules/severity';
import { BaseStack } from './base-stack';
import type { AlertingStack } from './alerting-stack';
import type { MonitoringHandles } from './layer-handles';

export interface MonitoringStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** The environment's alerting stack: the composite notifies its critical topic, the budget its warning topic. */
  readonly alerting: AlertingStack;
  /** The environment's stacks as MonitoringHandles: their alarms and watched resources. */
  readonly watched: readonly MonitoringHandles[];
  /**
   * Stacks whose alarms are still routed with `routeBySeverity` rather than made by an AlarmFactory; their critical
   * alarms join the composite. @default none
   */
  readonly routed?: readonly TerraformStack[];
}

export class MonitoringStack extends BaseStack {
  /** Every alarm of the watched stacks; the health alarm composes the critical ones. */
  readonly registeredAlarms: readonly RegisteredAlarm[];
  readonly systemHealth: CompositeHealthAlarm;
  /** The main dashboard first, then one per area, then the configured groups. */
  readonly dashboards: readonly PlatformDashboard[];
  readonly budget?: CostBudget;

  constructor(scope: Construct, props: MonitoringStackProps) {
    super(scope, { config: props.config, environment: props.environment, layer: 'monitoring' });
    const { config, environment: env, alerting } = props;
    const runbookUrl = alertingRunbookUrl(config.repository);
    this.addDependency(alerting);

    const routed = (props.routed ?? []).flatMap((stack) => routedAlarms(stack));
    const created = props.watched.flatMap((h) =>
      h.createdAlarms.map((a) => ({ alarmName: a.alarmName, severity: a.severity, resource: a.resource })),
    );
    const names = new Set(routed.map((a) => a.alarmName));
    this.registeredAlarms = [...routed, ...created.filter((a) => !names.has(a.alarmName))];
    this.systemHealth = new CompositeHealthAlarm(this, 'system-health', {
      alarmName: this.naming.name('system-health', 'cloudwatchAlarm'),
      alarms: this.registeredAlarms,
      topics: alerting.topics,
      description: alarmDescription(`A critical alarm of ${config.service} ${env.name} is in ALARM.`, runbookUrl),
    });

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
    const common = { region: this.region, alarms, runbookUrl };
    this.dashboards = [
      new PlatformDashboard(this, 'dashboard-main', {
        ...common,
        dashboardName: main.name,
        title: `${config.service} ${env.name}: alarmed metrics`,
        resources,
        alarmedOnly: true,
        links: others(main),
      }),
      ...perArea.map(
        ({ area, link }) =>
          new PlatformDashboard(this, `dashboard-${area}`, {
            ...common,
            dashboardName: link.name,
            title: `${config.service} ${env.name}: ${area}`,
            resources: resources.filter((r) => r.area === area),
            links: others(link),
          }),
      ),
      ...perGroup.map(
        ({ group, link }) =>
          new PlatformDashboard(this, `dashboard-group-${group.id}`, {
            ...common,
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
        monthlyLimitUsd: budgetLimitUsd(env.monitoring, env.name),
        environment: env.name,
        topic: alerting.topics.warning,
        forecastThresholdPercent: budget.forecastThresholdPercent,
        actualThresholdPercent: budget.actualThresholdPercent,
      });
    }
  }
}
