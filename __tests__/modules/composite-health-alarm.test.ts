import { TerraformStack } from 'cdktf';
import {
  CompositeHealthAlarm,
  CompositeHealthAlarmProps,
  MAX_COMPOSITE_CHILDREN,
} from '../../modules/composite-health-alarm';
import { RegisteredAlarm, routeBySeverity } from '../../modules/severity';
import { testAlarm, testTopics } from '../support/alerting';
import { resourcesOf, synthJson, testStack } from '../support/stacks';

function build(alarms: readonly RegisteredAlarm[], props: Partial<CompositeHealthAlarmProps> = {}) {
  const stack = testStack();
  const health = new CompositeHealthAlarm(stack, 'health', {
    alarmName: 'svc-dev-system-health',
    alarms,
    topics: testTopics(stack),
    ...props,
  });
  return { stack, health };
}

const named = (alarmName: string, severity: RegisteredAlarm['severity']): RegisteredAlarm => ({ alarmName, severity });

describe('CompositeHealthAlarm', () => {
  test('composes the critical alarms only, in order, once each', () => {
    const { stack, health } = build([
      named('svc-dev-api-errors', 'critical'),
      named('svc-dev-api-latency', 'warning'),
      named('svc-dev-queue-depth', 'critical'),
      named('svc-dev-api-errors', 'critical'),
      named('svc-dev-cache-evictions', 'info'),
    ]);
    expect(health.children.map((c) => c.alarmName)).toEqual(['svc-dev-api-errors', 'svc-dev-queue-depth']);
    expect(Object.values(resourcesOf(stack, 'aws_cloudwatch_composite_alarm'))).toEqual([
      expect.objectContaining({
        alarm_name: 'svc-dev-system-health',
        alarm_rule: 'ALARM("svc-dev-api-errors") OR ALARM("svc-dev-queue-depth")',
        actions_enabled: true,
        alarm_actions: ['${aws_sns_topic.critical.arn}'],
        ok_actions: ['${aws_sns_topic.critical.arn}'],
        tags: { Severity: 'critical' },
        alarm_description: 'Some critical alarm of the environment is in ALARM.',
      }),
    ]);
  });

  test('produces nothing for an empty set, or for a set without critical alarms', () => {
    for (const alarms of [[], [named('svc-dev-api-latency', 'warning')]]) {
      const { stack, health } = build(alarms);
      expect(health.alarm).toBeUndefined();
      expect(synthJson(stack).resource.aws_cloudwatch_composite_alarm).toBeUndefined();
    }
  });

  test('uses the given description', () => {
    const { stack } = build([named('a', 'critical')], { description: 'health Runbook: https://example.com/rb' });
    expect(Object.values(resourcesOf(stack, 'aws_cloudwatch_composite_alarm'))[0].alarm_description).toBe(
      'health Runbook: https://example.com/rb',
    );
  });

  test('is created after child alarms of its own stack', () => {
    const stack = testStack();
    const topics = testTopics(stack);
    const child = testAlarm(stack, 'child', { alarmName: 'svc-dev-child', ...routeBySeverity('critical', topics) });
    new CompositeHealthAlarm(stack, 'health', {
      alarmName: 'svc-dev-system-health',
      alarms: [{ alarmName: 'svc-dev-child', severity: 'critical', resource: child }],
      topics,
    });
    const composite = Object.values(resourcesOf(stack, 'aws_cloudwatch_composite_alarm'))[0];
    expect(composite.depends_on).toEqual(['aws_cloudwatch_metric_alarm.child']);
  });

  test('makes its stack depend on the stacks of child alarms elsewhere', () => {
    const stack = testStack('monitoring');
    const other = new TerraformStack(stack.node.scope!, 'app');
    const child = testAlarm(other, 'child', { alarmName: 'svc-dev-child' });
    new CompositeHealthAlarm(stack, 'health', {
      alarmName: 'svc-dev-system-health',
      alarms: [{ alarmName: 'svc-dev-child', severity: 'critical', resource: child }],
      topics: testTopics(stack),
    });
    expect(stack.dependencies).toEqual([other]);
  });

  test(`fails when more than ${MAX_COMPOSITE_CHILDREN} critical alarms would be composed`, () => {
    const alarms = Array.from({ length: MAX_COMPOSITE_CHILDREN + 1 }, (_, i) => named(`a-${i}`, 'critical'));
    expect(() => build(alarms)).toThrow(
      'CompositeHealthAlarm svc-dev-system-health: alarms holds 101 critical alarms; a composite rule may name at most 100',
    );
  });

  test('fails when the rule would exceed the 10240 characters CloudWatch allows', () => {
    const alarms = Array.from({ length: 60 }, (_, i) => named(`${'x'.repeat(200)}-${i}`, 'critical'));
    expect(() => build(alarms)).toThrow(/the rule over 60 alarms is \d+ characters; CloudWatch allows 10240/);
  });

  test('fails when the composite is among its own children', () => {
    expect(() => build([named('svc-dev-system-health', 'critical')])).toThrow(
      'CompositeHealthAlarm svc-dev-system-health: alarms must not include the composite itself',
    );
  });
});
