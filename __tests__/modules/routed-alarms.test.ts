import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { Construct } from 'constructs';
import { alarmDescription, isSeverity, routeBySeverity, routedAlarms, SEVERITY_TAG } from '../../modules/severity';
import { parseAlarmDescription } from '../../lambdas/alert-processor/parse';
import { testAlarm, testTopics } from '../support/alerting';
import { onlyResource, testStack } from '../support/stacks';

const metricAlarm = (scope: Construct, name: string, tags?: Record<string, string>) =>
  testAlarm(scope, name, { alarmName: name, tags });

describe('severity routing and registration', () => {
  test('routeBySeverity notifies the severity topic on ALARM and OK and tags the severity', () => {
    const stack = testStack();
    testAlarm(stack, 'routed', { alarmName: 'svc-dev-routed', ...routeBySeverity('warning', testTopics(stack)) });
    expect(onlyResource(stack, 'aws_cloudwatch_metric_alarm')).toMatchObject({
      alarm_actions: ['${aws_sns_topic.warning.arn}'],
      ok_actions: ['${aws_sns_topic.warning.arn}'],
      tags: { [SEVERITY_TAG]: 'warning' },
    });
    expect(routeBySeverity('info')).toEqual({ alarmActions: [], okActions: [], tags: { Severity: 'info' } });
  });

  test('routedAlarms finds metric and composite alarms by their Severity tag, with the resource for ordering', () => {
    const stack = testStack();
    const inner = new Construct(stack, 'layer');
    const errors = metricAlarm(inner, 'svc-dev-errors', { Severity: 'critical', Team: 'a' });
    metricAlarm(stack, 'svc-dev-latency', { Severity: 'warning' });
    metricAlarm(stack, 'svc-dev-untagged');
    metricAlarm(stack, 'svc-dev-odd', { Severity: 'loud' });
    new CloudwatchCompositeAlarm(stack, 'composite', {
      alarmName: 'svc-dev-composite',
      alarmRule: 'ALARM("svc-dev-errors")',
      tags: { Severity: 'info' },
    });
    const found = routedAlarms(stack);
    expect(found.map((a) => [a.alarmName, a.severity])).toEqual([
      ['svc-dev-errors', 'critical'],
      ['svc-dev-latency', 'warning'],
      ['svc-dev-composite', 'info'],
    ]);
    expect(found[0].resource).toBe(errors);
  });

  test('isSeverity accepts the three severities only', () => {
    expect(['critical', 'warning', 'info', 'Critical', 3].map(isSeverity)).toEqual([true, true, true, false, false]);
  });

  test('alarmDescription follows the runbook convention the alert processor parses', () => {
    expect(alarmDescription('Errors above 1%.', 'https://example.com/runbooks/api')).toBe(
      'Errors above 1%. Runbook: https://example.com/runbooks/api',
    );
    expect(alarmDescription('Errors above 1%.')).toBe('Errors above 1%.');
    expect(parseAlarmDescription(alarmDescription('Errors above 1%.', 'https://example.com/runbooks/api'))).toEqual({
      summary: 'Errors above 1%.',
      runbookUrl: 'https://example.com/runbooks/api',
    });
  });
});
