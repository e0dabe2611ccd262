import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { FunctionAlarms, FunctionAlarmsProps } from '../../modules/function-alarms';
import { Naming } from '../../modules/naming';
import { AlertTopics } from '../../modules/severity';
import { resourcesOf, testStack } from '../support/stacks';

function build(props: Partial<FunctionAlarmsProps> = {}, withTopics = false) {
  const stack = testStack();
  const topics = withTopics
    ? (Object.fromEntries(
        ['critical', 'warning', 'info'].map((s) => [s, new SnsTopic(stack, s, { name: s })]),
      ) as unknown as AlertTopics)
    : undefined;
  const alarms = new FunctionAlarms(stack, 'alarms', {
    naming: new Naming('phoney', 'prod'),
    name: 'api',
    functionName: 'phoney-prod-api',
    aliasName: 'live',
    latencyThresholdMs: 5000,
    topics,
    ...props,
  });
  const byName = Object.fromEntries(
    Object.values(resourcesOf(stack, 'aws_cloudwatch_metric_alarm')).map((a) => [a.alarm_name, a]),
  );
  return { stack, alarms, byName };
}

describe('FunctionAlarms', () => {
  test('error rate of the live alias: errors / invocations over 5 % in 2 of 3 minutes, no data is fine', () => {
    const { byName } = build();
    const alarm = byName['phoney-prod-api-errors'];
    const dimensions = { FunctionName: 'phoney-prod-api', Resource: 'phoney-prod-api:live' };
    expect(alarm).toMatchObject({
      comparison_operator: 'GreaterThanThreshold',
      threshold: 5,
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      treat_missing_data: 'notBreaching',
      metric_query: [
        { id: 'errors', return_data: false, metric: { metric_name: 'Errors', stat: 'Sum', period: 60, dimensions } },
        { id: 'invocations', return_data: false, metric: { metric_name: 'Invocations', stat: 'Sum', dimensions } },
        { id: 'rate', expression: '100 * errors / invocations', return_data: true },
      ],
    });
  });

  test('latency: the p99 duration of the alias over the threshold (Phoney: 5 s in prod)', () => {
    const { byName } = build();
    expect(byName['phoney-prod-api-latency']).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'Duration',
      extended_statistic: 'p99',
      threshold: 5000,
      dimensions: { FunctionName: 'phoney-prod-api', Resource: 'phoney-prod-api:live' },
    });
    expect(build({ latencyStatistic: 'Average' }).byName['phoney-prod-api-latency']).toMatchObject({
      statistic: 'Average',
    });
  });

  test('each alarm routes by its severity and is registered with it', () => {
    const { byName, alarms, stack } = build({ errorSeverity: 'critical', latencySeverity: 'warning' }, true);
    const critical = resourcesOf(stack, 'aws_sns_topic');
    expect(Object.keys(critical)).toHaveLength(3);
    expect(byName['phoney-prod-api-errors']).toMatchObject({
      alarm_actions: [expect.stringMatching(/aws_sns_topic\.critical\.arn/)],
      ok_actions: [expect.stringMatching(/aws_sns_topic\.critical\.arn/)],
      tags: { Severity: 'critical' },
    });
    expect(byName['phoney-prod-api-latency']).toMatchObject({
      alarm_actions: [expect.stringMatching(/aws_sns_topic\.warning\.arn/)],
      tags: { Severity: 'warning' },
    });
    expect(alarms.registered.map((r) => [r.alarmName, r.severity])).toEqual([
      ['phoney-prod-api-errors', 'critical'],
      ['phoney-prod-api-latency', 'warning'],
    ]);
  });

  test('without the alerting layer the alarms keep their severity and have no actions', () => {
    const { byName } = build();
    expect(byName['phoney-prod-api-errors']).toMatchObject({ alarm_actions: [], tags: { Severity: 'warning' } });
  });

  test('fails when datapoints to alarm exceed the evaluation periods', () => {
    expect(() => build({ evaluationPeriods: 1, datapointsToAlarm: 2 })).toThrow(
      'phoney-prod-api: datapointsToAlarm (2) exceeds evaluationPeriods (1)',
    );
  });
});
