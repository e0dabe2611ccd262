/**
 * Every alarm notifies someone: an alarm without actions changes state in silence. The one accepted exception is an
 * environment without the alerting layer, where the alarm constructs suppress the rule with that reason.
 */
import { type Finding, type PolicyRule } from '../../engine';
import { ALARM_ACTIONS_RULE } from '../../support/alarms';

export const CloudwatchAlarmActions: PolicyRule = {
  id: ALARM_ACTIONS_RULE,
  service: 'cloudwatch',
  level: 'error',
  description: 'Every metric and composite alarm has actions enabled and at least one alarm action.',
  explanation:
    'An alarm without actions changes state in silence: the condition it watches for is noticed only if someone happens to look at the console.',
  references: { fsbp: 'CloudWatch.15' },
  check: (stack) =>
    [...stack.resources('aws_cloudwatch_metric_alarm'), ...stack.resources('aws_cloudwatch_composite_alarm')].flatMap(
      (alarm): Finding[] => {
        if (alarm.config.actions_enabled === false) {
          return [{ resource: alarm, message: 'alarm has actions_enabled = false' }];
        }
        const actions: unknown[] = alarm.config.alarm_actions ?? [];
        return actions.length === 0 ? [{ resource: alarm, message: 'alarm has no alarm_actions' }] : [];
      },
    ),
};
