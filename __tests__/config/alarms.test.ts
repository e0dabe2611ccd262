import { validateConfig } from '../../config/load';
import { DEFAULT_ALARM_THRESHOLDS, mergeAlarmThresholds } from '../../core/alarm-thresholds';
import { computeInput, problemsOf, resourceWhere, synthConfig } from '../support/compute';

describe('environments.<env>.alarms', () => {
  test('defaults to no override: the platform thresholds apply', () => {
    const env = validateConfig(computeInput({})).environments.dev;
    expect(env.alarms).toEqual({});
    expect(mergeAlarmThresholds(env.alarms)).toEqual(DEFAULT_ALARM_THRESHOLDS);
  });

  test('overrides one field of one kind and keeps the rest', () => {
    const env = validateConfig(computeInput({ alarms: { queue: { ageOfOldestMessageSeconds: 300 } } })).environments
      .dev;
    expect(mergeAlarmThresholds(env.alarms).queue).toEqual({
      ...DEFAULT_ALARM_THRESHOLDS.queue,
      ageOfOldestMessageSeconds: 300,
    });
    expect(mergeAlarmThresholds(env.alarms).function).toEqual(DEFAULT_ALARM_THRESHOLDS.function);
  });

  test('reaches the alarms the stacks make', () => {
    const synth = synthConfig(
      computeInput({
        alarms: { function: { durationPercentOfTimeout: 50, severity: 'critical' } },
        app: { timeoutSeconds: 20 },
      }),
    );
    const duration = resourceWhere(
      synth.json('svc-dev-app'),
      'aws_cloudwatch_metric_alarm',
      'alarm_name',
      'svc-dev-health-duration',
    );
    expect(duration).toMatchObject({ threshold: 10000, tags: { Severity: 'critical' } });
  });

  test.each([
    [{ cache2: {} }, 'environments.dev.alarms: unknown field(s) "cache2"'],
    [{ queue: { age: 1 } }, 'environments.dev.alarms.queue: unknown field(s) "age"'],
    [
      { api: { serverErrorRatePercent: 120 } },
      'environments.dev.alarms.api.serverErrorRatePercent: must be at most 100',
    ],
    [{ table: { systemErrors: -1 } }, 'environments.dev.alarms.table.systemErrors: must be at least 0'],
    [
      { stream: { severity: 'urgent' } },
      'environments.dev.alarms.stream.severity: must be one of critical, warning, info',
    ],
  ])('fails when the override is %j', (alarms, message) => {
    expect(problemsOf(computeInput({ alarms } as never)).join('\n')).toContain(message);
  });
});
