import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import type { App } from 'cdktf';
import type { Severity } from '../../core/severity';
import { AlarmFactory } from '../../modules/alarm-factory';
import { Naming } from '../../modules/naming';
import { checkTerraformStack } from '../../modules/policy';
import { AlertingStack } from '../../stacks/alerting-stack';
import type { AlertTopics } from '../../modules/severity';
import type { MonitoringHandles } from '../../stacks/layer-handles';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { OncallStack } from '../../stacks/oncall-stack';
import { environmentOf, prepareApp, presetConfig, testDefinition } from '../support/alerting';
import { synthJson } from '../support/stacks';
import { SILENT_ALERTING } from '../support/config';

/** A layer stack that owns alarms, as every layer stack does: one factory, its own health composite. */
class LayerStack extends TerraformStack implements MonitoringHandles {
  readonly factory: AlarmFactory;
  readonly healthAlarms;
  constructor(
    app: App,
    name: string,
    alarms: readonly [string, Severity][],
    topics: AlertTopics,
    options: { region?: string; globalTopics?: AlertTopics; globalAlarms?: readonly string[] } = {},
  ) {
    super(app, `platform-dev-${name}`);
    const region = options.region ?? 'us-east-1';
    new AwsProvider(this, 'aws', { region });
    const provider = new AwsProvider(this, 'aws-global', { region: 'us-east-1', alias: 'global' });
    this.factory = new AlarmFactory(this, 'alarms', {
      naming: new Naming('platform', 'dev'),
      region,
      runbookUrl: 'https://example.com/rb',
      topics,
      global: { provider, region: 'us-east-1', topics: options.globalTopics },
      silentReason: SILENT_ALERTING.reason,
    });
    for (const [id, severity] of alarms) {
      this.factory.addAlarm(testDefinition(id, severity));
    }
    for (const id of options.globalAlarms ?? []) {
      this.factory.addAlarm(testDefinition(id, 'critical'), { global: true });
    }
    this.healthAlarms = this.factory.composeHealth(`${name}-health`, `${name} is unhealthy.`);
  }
  get createdAlarms() {
    return this.factory.createdAlarms();
  }
  get watchedResources() {
    return this.factory.watchedResources();
  }
}

/** The alerting stack of dev and a layer stack whose alarms route through it. */
function setUp(layerAlarms: readonly [string, Severity][] = []) {
  const config = presetConfig('platform');
  const environment = environmentOf(config, 'dev');
  const app = Testing.app();
  const oncall = new OncallStack(app, { config });
  const alerting = new AlertingStack(app, { config, environment, escalationPolicy: oncall.escalationPolicy });
  const layer = new LayerStack(app, 'layer', layerAlarms, alerting.topics);
  return { app, config, environment, alerting, layer };
}

function compositeOf(stack: MonitoringStack) {
  return synthJson(stack).resource?.aws_cloudwatch_composite_alarm?.['system-health_alarm_9034D438'];
}

describe('MonitoringStack', () => {
  test('names the health composite of every watched stack, and nothing else, routed as critical', () => {
    const { app, config, environment, alerting, layer } = setUp([
      ['api-errors', 'critical'],
      ['api-latency', 'warning'],
      ['queue-age', 'critical'],
    ]);
    const monitoring = new MonitoringStack(app, {
      config,
      environment,
      alerting,
      watched: [alerting, layer],
    });
    prepareApp(app);
    expect(monitoring.stackName).toBe('platform-dev-monitoring');
    expect(compositeOf(monitoring)).toMatchObject({
      alarm_name: 'platform-dev-system-health',
      alarm_rule: 'ALARM("platform-dev-alerting-health") OR ALARM("platform-dev-layer-health")',
      alarm_actions: [
        '${data.terraform_remote_state.cross-stack-reference-input-platform-dev-alerting.outputs.cross-stack-output-aws_sns_topictopics_critical_8EEA22BEarn}',
      ],
      tags: { Severity: 'critical' },
      alarm_description: expect.stringContaining('Runbook: https://github.com/example-org/serverless-platform/'),
    });
    // The child alarms are composed in their own stack.
    const layerComposite = Object.values(synthJson(layer).resource.aws_cloudwatch_composite_alarm)[0];
    expect(layerComposite).toMatchObject({
      alarm_rule: 'ALARM("platform-dev-api-errors") OR ALARM("platform-dev-queue-age")',
    });
    expect(monitoring.watchedAlarms.map((a) => a.alarmName)).toContain('platform-dev-api-latency');
  });

  test('deploys after alerting and after every stack whose composites it names', () => {
    const { app, config, environment, alerting, layer } = setUp([['api-errors', 'critical']]);
    const monitoring = new MonitoringStack(app, { config, environment, alerting, watched: [layer] });
    expect(monitoring.dependencies).toEqual([alerting, layer]);
    expect(alerting.dependencies).not.toContain(monitoring);
  });

  test('the layers whose alarms route to the topics deploy after alerting', () => {
    const { app, layer, alerting } = setUp([['api-errors', 'critical']]);
    prepareApp(app);
    expect(layer.dependencies).toEqual([alerting]);
  });

  test('stacks without critical alarms are not named; none at all produces no composite', () => {
    const { app, config, environment, alerting, layer } = setUp([['api-latency', 'warning']]);
    expect(layer.healthAlarms).toEqual([]);
    const monitoring = new MonitoringStack(app, { config, environment, alerting, watched: [layer] });
    prepareApp(app);
    expect(monitoring.systemHealth.health).toBeUndefined();
    expect(compositeOf(monitoring)).toBeUndefined();
    expect(monitoring.dependencies).toEqual([alerting]);
  });

  test('us-east-1 health composites are named by a system-health composite there, routed to the us-east-1 topics', () => {
    const config = presetConfig('platform', (d) => void (d.region = 'eu-west-1'));
    const environment = environmentOf(config, 'dev');
    const app = Testing.app();
    const oncall = new OncallStack(app, { config });
    const alerting = new AlertingStack(app, { config, environment, escalationPolicy: oncall.escalationPolicy });
    const layer = new LayerStack(app, 'cdn', [['origin-errors', 'critical']], alerting.topics, {
      region: 'eu-west-1',
      globalTopics: alerting.globalTopics,
      globalAlarms: ['edge-5xx'],
    });
    expect(layer.healthAlarms.map((h) => [h.alarmName, h.region])).toEqual([
      ['platform-dev-cdn-health', 'eu-west-1'],
      ['platform-dev-cdn-health-global', 'us-east-1'],
    ]);
    const monitoring = new MonitoringStack(app, { config, environment, alerting, watched: [alerting, layer] });
    prepareApp(app);
    const composites = Object.values(synthJson(monitoring).resource.aws_cloudwatch_composite_alarm) as {
      alarm_name: string;
      alarm_rule: string;
      provider?: string;
      alarm_actions: string[];
    }[];
    expect(composites.map((c) => [c.alarm_name, c.alarm_rule, c.provider])).toEqual([
      [
        'platform-dev-system-health',
        'ALARM("platform-dev-alerting-health") OR ALARM("platform-dev-cdn-health")',
        undefined,
      ],
      ['platform-dev-system-health-global', 'ALARM("platform-dev-cdn-health-global")', 'aws.global'],
    ]);
    expect(composites[1].alarm_actions[0]).toMatch(/global-topics_critical/);
  });

  test('without us-east-1 topics, no us-east-1 composite is made or named', () => {
    const config = presetConfig('platform', (d) => {
      d.region = 'eu-west-1';
      d.environments.dev.cdn = { enabled: false };
    });
    const environment = environmentOf(config, 'dev');
    const app = Testing.app();
    const oncall = new OncallStack(app, { config });
    const alerting = new AlertingStack(app, { config, environment, escalationPolicy: oncall.escalationPolicy });
    const layer = new LayerStack(app, 'cdn', [], alerting.topics, { region: 'eu-west-1', globalAlarms: ['edge-5xx'] });
    // Nothing could notify a us-east-1 health composite, so the layer composes none and the system health names none.
    expect(layer.healthAlarms.map((h) => h.region)).toEqual([]);
    const monitoring = new MonitoringStack(app, { config, environment, alerting, watched: [layer] });
    expect(monitoring.globalSystemHealth).toBeUndefined();
  });

  test('passes the policy check', () => {
    const { app, config, environment, alerting, layer } = setUp([['api-errors', 'critical']]);
    const monitoring = new MonitoringStack(app, { config, environment, alerting, watched: [layer] });
    prepareApp(app);
    expect(checkTerraformStack(monitoring)).toEqual([]);
  });
});
