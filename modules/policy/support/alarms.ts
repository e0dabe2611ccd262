/** The alarm-actions rule's id, and the suppression of an alarm that knowingly notifies no one. */
import type { TerraformResource } from 'cdktf';
import { suppressPolicy } from '../engine';

export const ALARM_ACTIONS_RULE = 'cloudwatch-alarm-actions';

/**
 * Marks an alarm made without topics as knowingly silent, with the reason written where that was decided (the
 * environment's `alerting.reason`), never one the platform makes up.
 */
export function allowSilentAlarm(alarm: TerraformResource, reason: string): void {
  if (reason.trim() === '') throw new Error(`allowSilentAlarm: ${alarm.node.path} needs a non-empty reason`);
  suppressPolicy(alarm, ALARM_ACTIONS_RULE, reason);
}
