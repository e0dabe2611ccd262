import { TerraformStack } from 'cdktf';
import { CLOUDWATCH_LIMITS } from '../../core/alarm-model';
import { ComposedAlarm, HealthComposite, HealthCompositeProps } from '../../modules/health-composite';
import { Naming } from '../../modules/naming';
import { testAlarm, testTopics } from '../support/alerting';
import { resourcesOf, synthJson, testStack } from '../support/stacks';

function build(children: readonly ComposedAlarm[], props: Partial<HealthCompositeProps> = {}, stack = testStack()) {
  const health = new HealthComposite(stack, 'health', {
    naming: new Naming('svc', 'dev'),
    name: 'system-health',
    children,
    severity: 'critical',
    summary: 'Some critical alarm of the environment is in ALARM.',
    runbookUrl: 'https://example.com/rb',
    region: 'eu-west-1',
    topics: testTopics(stack),
    ...props,
  });
  const composites = Object.values(resourcesOf(stack, 'aws_cloudwatch_composite_alarm'));
  return { stack, health, composites };
}

const named = (alarmName: string): ComposedAlarm => ({ alarmName });
const many = (n: number) => Array.from({ length: n }, (_, i) => named(`svc-dev-a-${i}`));
const ruleNames = (rule: string) => [...rule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);

describe('HealthComposite', () => {
  test('names each child once, in order, routed by its severity with the runbook', () => {
    const { composites, health } = build([named('svc-dev-x'), named('svc-dev-y'), named('svc-dev-x')]);
    expect(health.health?.alarmName).toBe('svc-dev-system-health');
    expect(composites).toEqual([
      expect.objectContaining({
        alarm_name: 'svc-dev-system-health',
        alarm_rule: 'ALARM("svc-dev-x") OR ALARM("svc-dev-y")',
        actions_enabled: true,
        alarm_actions: ['${aws_sns_topic.critical.arn}'],
        ok_actions: ['${aws_sns_topic.critical.arn}'],
        tags: { Severity: 'critical' },
        alarm_description: 'Some critical alarm of the environment is in ALARM. Runbook: https://example.com/rb',
      }),
    ]);
  });

  test('produces nothing without children', () => {
    const { stack, health } = build([]);
    expect(health.health).toBeUndefined();
    expect(synthJson(stack).resource.aws_cloudwatch_composite_alarm).toBeUndefined();
  });

  test('depends on the child alarms of its own stack, and makes its stack depend on the stacks of the others', () => {
    const stack = testStack('monitoring');
    const other = new TerraformStack(stack.node.scope!, 'app');
    const own = testAlarm(stack, 'own', { alarmName: 'svc-dev-own' });
    const elsewhere = testAlarm(other, 'child', { alarmName: 'svc-dev-child' });
    const { composites } = build(
      [
        { alarmName: 'svc-dev-own', resource: own },
        { alarmName: 'svc-dev-child', resource: elsewhere },
      ],
      {},
      stack,
    );
    expect(composites[0].depends_on).toEqual(['aws_cloudwatch_metric_alarm.own']);
    expect(stack.dependencies).toEqual([other]);
  });

  test(`beyond ${CLOUDWATCH_LIMITS.compositeChildren} children it chunks, and the composite names the chunks`, () => {
    const { composites, health } = build(many(2 * CLOUDWATCH_LIMITS.compositeChildren + 1));
    expect(health.chunks).toHaveLength(3);
    const byName = Object.fromEntries(composites.map((c) => [c.alarm_name, c]));
    expect(ruleNames(byName['svc-dev-system-health'].alarm_rule)).toEqual([
      'svc-dev-system-health-1',
      'svc-dev-system-health-2',
      'svc-dev-system-health-3',
    ]);
    const chunked = ['1', '2', '3'].flatMap((n) => ruleNames(byName[`svc-dev-system-health-${n}`].alarm_rule));
    expect(chunked).toEqual(many(2 * CLOUDWATCH_LIMITS.compositeChildren + 1).map((c) => c.alarmName));
    for (const c of composites) {
      expect(ruleNames(c.alarm_rule).length).toBeLessThanOrEqual(CLOUDWATCH_LIMITS.compositeChildren);
    }
    // The composite is created after its chunks.
    expect(byName['svc-dev-system-health'].depends_on).toHaveLength(3);
  });

  test('exactly at the limit there is one composite and no chunk', () => {
    const { composites } = build(many(CLOUDWATCH_LIMITS.compositeChildren));
    expect(composites).toHaveLength(1);
  });

  test('fails when the rule would exceed the 10240 characters CloudWatch allows', () => {
    const children = Array.from({ length: 60 }, (_, i) => named(`${'x'.repeat(200)}-${i}`));
    expect(() => build(children)).toThrow(/the rule over 60 alarms is \d+ characters; CloudWatch allows 10240/);
  });

  test('fails when the composite is among its own children', () => {
    expect(() => build([named('svc-dev-system-health')])).toThrow(
      'HealthComposite svc-dev-system-health: children must not include the composite',
    );
  });

  test('fails when maxChildren is outside what CloudWatch allows', () => {
    expect(() => build(many(3), { maxChildren: 101 })).toThrow(
      'HealthComposite system-health: maxChildren must be a whole number from 2 to 100, got 101',
    );
  });
});
