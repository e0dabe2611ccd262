/**
 * `environments.<env>.alarms`: an environment's overrides of the platform's alarm thresholds
 * (core/alarm-thresholds.ts), kind by kind and field by field, for example `{ queue: { ageOfOldestMessageSeconds:
 * 300 } }` or `{ function: { severity: 'critical' } }`. The stacks read the merged result through
 * `mergeAlarmThresholds(environment.alarms)`. The schema is derived from the defaults, so a threshold added there is
 * overridable here without a second list.
 */
import { z } from 'zod';
import {
  type AlarmThresholdOverrides,
  type AlarmThresholds,
  DEFAULT_ALARM_THRESHOLDS,
} from '../../core/alarm-thresholds';
import { SEVERITIES } from '../../core/severity';
import { oneOf } from '../rules';

/** Percentages are at most 100; every other threshold is a count, duration or size of at least 0. */
function fieldSchema(field: string, value: unknown): z.ZodTypeAny {
  if (field === 'severity') return oneOf(SEVERITIES);
  if (typeof value !== 'number') throw new Error(`alarm threshold ${field}: no schema for ${typeof value} values`);
  const number = z.number({ invalid_type_error: 'must be a number' }).min(0, 'must be at least 0');
  return /Percent/.test(field) ? number.max(100, 'must be at most 100') : number;
}

const kindSchemas = Object.fromEntries(
  Object.entries(DEFAULT_ALARM_THRESHOLDS).map(([kind, defaults]) => [
    kind,
    z
      .object(
        Object.fromEntries(
          Object.entries(defaults as Record<string, unknown>).map(([field, value]) => [
            field,
            fieldSchema(field, value).optional(),
          ]),
        ),
      )
      .strict()
      .optional(),
  ]),
) as unknown as Record<keyof AlarmThresholds, z.ZodTypeAny>;

export const alarmThresholdsSchema = z.object(kindSchemas).strict().default({}) as unknown as z.ZodType<
  AlarmThresholdOverrides,
  z.ZodTypeDef,
  AlarmThresholdOverrides | undefined
>;
