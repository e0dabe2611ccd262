/** What every builder of modules/monitoring/ takes besides the resource itself. */
import type { AlarmThresholds } from '../../core/alarm-thresholds';

export interface BuilderProps<K extends keyof AlarmThresholds> {
  /** Name component the alarm ids start with: `<prefix>-<name>-<what>`. */
  readonly name: string;
  /** Dashboard area. */
  readonly area: string;
  /** The environment's thresholds of this kind (`mergeAlarmThresholds(environment.alarms)[kind]`). */
  readonly thresholds: AlarmThresholds[K];
}
