import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { CloudwatchAlarmActions } from '../../../../../modules/policy/rules/cloudwatch/CloudwatchAlarmActions';
import { allowSilentAlarm } from '../../../../../modules/policy/support/alarms';
import { synthJson, testStack, violatedRules } from '../../../../support/stacks';

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:alerts';
const metric = {
  metricName: 'Errors',
  namespace: 'AWS/Lambda',
  statistic: 'Sum',
  period: 60,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: 'GreaterThanThreshold',
};

describe('cloudwatch-alarm-actions: ' + CloudwatchAlarmActions.description, () => {
  test('is in the baseline', () => expect(BASELINE_RULES).toContain(CloudwatchAlarmActions));

  test('compliant: metric and composite alarms with an action pass', () => {
    const stack = testStack();
    new CloudwatchMetricAlarm(stack, 'a', { alarmName: 'a', ...metric, alarmActions: [TOPIC] });
    new CloudwatchCompositeAlarm(stack, 'c', { alarmName: 'c', alarmRule: 'ALARM("a")', alarmActions: [TOPIC] });
    expect(violatedRules(stack, [CloudwatchAlarmActions])).toEqual([]);
  });

  test('non-compliant: fails when an alarm has no action, or its actions are disabled', () => {
    const stack = testStack();
    new CloudwatchMetricAlarm(stack, 'silent', { alarmName: 'silent', ...metric });
    new CloudwatchMetricAlarm(stack, 'off', {
      alarmName: 'off',
      ...metric,
      alarmActions: [TOPIC],
      actionsEnabled: false,
    });
    new CloudwatchCompositeAlarm(stack, 'c', { alarmName: 'c', alarmRule: 'ALARM("a")', alarmActions: [] });
    expect(violatedRules(stack, [CloudwatchAlarmActions])).toEqual(Array(3).fill('cloudwatch-alarm-actions'));
  });
});

describe('allowSilentAlarm', () => {
  test('suppresses the rule with its written reason, and only that rule', () => {
    const stack = testStack();
    const alarm = new CloudwatchMetricAlarm(stack, 'silent', { alarmName: 'silent', ...metric });
    allowSilentAlarm(alarm, 'Dev is a sandbox nobody watches.');
    expect(violatedRules(stack, [CloudwatchAlarmActions])).toEqual([]);
    expect(synthJson(stack).resource.aws_cloudwatch_metric_alarm.silent['//'].suppressions).toEqual({
      'cloudwatch-alarm-actions': 'Dev is a sandbox nobody watches.',
    });
  });

  test('fails when the reason is empty', () => {
    const stack = testStack();
    const alarm = new CloudwatchMetricAlarm(stack, 'silent', { alarmName: 'silent', ...metric });
    expect(() => allowSilentAlarm(alarm, ' ')).toThrow('allowSilentAlarm: test/silent needs a non-empty reason');
  });
});
