/** The alarm-actions rule's id and the suppression that alarm constructs add where an environment has no alerting layer. */
import type { TerraformResource } from 'cdktf';
import { suppressPolicy } from '../engine';

export const ALARM_ACTIONS_RULE = 'cloudwatch-alarm-actions';

/** Marks an alarm made without topics (the environment has no alerting layer) as knowingly silent. */
export function allowSilentAlarm(alarm: TerraformResource): void {
  suppressPolicy(
    alarm,
    ALARM_ACTIONS_RULE,
    'The environment has no alerting layer: the alarm records state for dashboards and composites only.',
  );
}
