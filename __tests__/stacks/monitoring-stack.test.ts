import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { checkTerraformStack } from '../../modules/policy';
import { routeBySeverity, Severity } from '../../modules/severity';
import { AlertingStack } from '../../stacks/alerting-stack';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { OncallStack } from '../../stacks/oncall-stack';
import { environmentOf, prepareApp, presetConfig, testAlarm } from '../support/alerting';
import { synthJson } from '../support/stacks';

/** The alerting stack of dev and a layer stack whose alarms route through it. */
function setUp(layerAlarms: readonly [string, Severity][] = []) {
  const config = presetConfig('platform');
  const environment = environmentOf(config, 'dev');
  const app = Testing.app();
  const oncall = new OncallStack(app, { config });
  const alerting = new AlertingStack(app, { config, environment, escalationPolicy: oncall.escalationPolicy });
  const layer = new TerraformStack(app, 'platform-dev-layer');
  new AwsProvider(layer, 'aws', { region: 'us-east-1' });
  for (const [name, severity] of layerAlarms) {
    testAlarm(layer, name, { alarmName: `platform-dev-${name}`, ...routeBySeverity(severity, alerting.topics) });
  }
  return { app, config, environment, alerting, layer };
}

function compositeOf(stack: MonitoringStack) {
  return synthJson(stack).resource?.aws_cloudwatch_composite_alarm?.['system-health_alarm_9034D438'];
}

describe('MonitoringStack', () => {
  test('composes every critical alarm of the watched stacks into the system-health alarm, routed as critical', () => {
    const { app, config, environment, alerting, layer } = setUp([
      ['api-errors', 'critical'],
      ['api-latency', 'warning'],
      ['queue-age', 'critical'],
    ]);
    const monitoring = new MonitoringStack(app, {
      config,
      environment,
      alerting,
      watched: [],
      routed: [alerting, layer],
    });
    prepareApp(app);
    expect(monitoring.stackName).toBe('platform-dev-monitoring');
    expect(compositeOf(monitoring)).toMatchObject({
      alarm_name: 'platform-dev-system-health',
      alarm_rule:
        'ALARM("platform-dev-alert-processor-failures") OR ALARM("platform-dev-api-errors") OR ALARM("platform-dev-queue-age")',
      alarm_actions: [
        '${data.terraform_remote_state.cross-stack-reference-input-platform-dev-alerting.outputs.cross-stack-output-aws_sns_topictopics_critical_8EEA22BEarn}',
      ],
      tags: { Severity: 'critical' },
      alarm_description: expect.stringContaining('Runbook: https://github.com/example-org/serverless-platform/'),
    });
    expect(monitoring.registeredAlarms.map((a) => a.severity)).toEqual([
      'warning',
      'critical',
      'warning',
      'info',
      'critical',
      'warning',
      'critical',
    ]);
  });

  test('deploys after alerting and after every stack whose alarms it composes', () => {
    const { app, config, environment, alerting, layer } = setUp([['api-errors', 'critical']]);
    const monitoring = new MonitoringStack(app, {
      config,
      environment,
      alerting,
      watched: [],
      routed: [alerting, layer],
    });
    expect(monitoring.dependencies).toEqual([alerting, layer]);
    expect(alerting.dependencies).not.toContain(monitoring);
  });

  test('the layers whose alarms route to the topics deploy after alerting', () => {
    const { app, layer, alerting } = setUp([['api-errors', 'critical']]);
    prepareApp(app);
    expect(layer.dependencies).toEqual([alerting]);
  });

  test('an empty set of critical alarms produces no composite alarm', () => {
    const { app, config, environment, alerting, layer } = setUp([['api-latency', 'warning']]);
    const monitoring = new MonitoringStack(app, { config, environment, alerting, watched: [], routed: [layer] });
    prepareApp(app);
    expect(monitoring.systemHealth.alarm).toBeUndefined();
    expect(compositeOf(monitoring)).toBeUndefined();
    expect(monitoring.dependencies).toEqual([alerting]);
  });

  test('passes the policy check', () => {
    const { app, config, environment, alerting, layer } = setUp([['api-errors', 'critical']]);
    const monitoring = new MonitoringStack(app, {
      config,
      environment,
      alerting,
      watched: [],
      routed: [alerting, layer],
    });
    prepareApp(app);
    expect(checkTerraformStack(monitoring)).toEqual([]);
  });
});
