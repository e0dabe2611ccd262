/** Every alarm notifies someone: an alarm without actions changes state in silence. */
import type { Finding, PolicyRule } from '../../engine';

export const alarmActions: PolicyRule = {
  id: 'cloudwatch-alarm-actions',
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
