import { isMetricMath } from '../../../core/alarm-model';
import { mergeAlarmThresholds } from '../../../core/alarm-thresholds';
import { AlarmFactory } from '../../../modules/alarm-factory';
import { generationMonitoring } from '../../../modules/monitoring/generation-monitoring';
import { Naming } from '../../../modules/naming';
import { onlyResource, testStack } from '../../support/stacks';
import { SILENT_ALERTING } from '../../support/config';

const monitoring = () =>
  generationMonitoring({
    name: 'generations',
    title: 'svc-dev-worker',
    namespace: 'svc/dev',
    dimensions: { service: 'codegen-worker' },
    metricNames: { succeeded: 'GenerationSucceeded', failed: 'GenerationFailed', duration: 'GenerationDuration' },
    area: 'codegen',
    thresholds: mergeAlarmThresholds().generation,
  });

describe('generationMonitoring', () => {
  test('the failure share of finished jobs, judged only with enough jobs in the period', () => {
    const [alarm] = monitoring().alarms;
    expect(alarm).toMatchObject({ id: 'generations-failures', threshold: 10, severity: 'warning', periodSeconds: 300 });
    if (!isMetricMath(alarm.metric)) throw new Error('expected metric math');
    expect(alarm.metric.expression).toContain('>= 5');
    expect(alarm.metric.metrics.failed).toEqual({
      namespace: 'svc/dev',
      metricName: 'GenerationFailed',
      dimensions: { service: 'codegen-worker' },
      statistic: 'Sum',
    });
  });

  test('becomes a metric-math CloudWatch alarm through the factory', () => {
    const stack = testStack();
    const m = monitoring();
    new AlarmFactory(stack, 'alarms', {
      naming: new Naming('svc', 'dev'),
      region: 'us-east-1',
      runbookUrl: 'https://x',
      silentReason: SILENT_ALERTING.reason,
    }).watch(m.resource, m.alarms);
    const alarm = onlyResource(stack, 'aws_cloudwatch_metric_alarm');
    expect(alarm.alarm_name).toBe('svc-dev-generations-failures');
    expect(alarm.metric_query.map((q: { id: string }) => q.id).sort()).toEqual(['failed', 'ok', 'result']);
  });
});
