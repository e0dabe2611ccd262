/**
 * Every alarm notifies someone: an alarm without actions changes state in silence. The one accepted exception is an
 * environment without the alerting layer, where the alarm constructs suppress the rule with that reason.
 */
import type { TerraformResource } from 'cdktf';
import { suppressPolicy, type Finding, type PolicyRule } from '../../engine';

export const ALARM_ACTIONS_RULE = 'cloudwatch-alarm-actions';

/** Marks an alarm made without topics (the environment has no alerting layer) as knowingly silent. */
export function allowSilentAlarm(alarm: TerraformResource): void {
  suppressPolicy(
    alarm,
    ALARM_ACTIONS_RULE,
    'The environment has no alerting layer: the alarm records state for dashboards and composites only.',
  );
}

export const alarmActions: PolicyRule = {
  id: ALARM_ACTIONS_RULE,
  description: 'Every metric and composite alarm has actions enabled and at least one alarm action.',
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
