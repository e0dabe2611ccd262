import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { DEFAULT_ALARM_THRESHOLDS } from '../../core/alarm-thresholds';
import { AlarmFactory, AlarmFactoryProps } from '../../modules/alarm-factory';
import { functionMonitoring } from '../../modules/monitoring/function-monitoring';
import { Naming } from '../../modules/naming';
import { testDefinition, testTopics } from '../support/alerting';
import { resourcesOf, synthJson, testStack } from '../support/stacks';
import { SILENT_ALERTING } from '../support/config';

const RUNBOOK = 'https://example.com/runbook';

function build(props: Partial<AlarmFactoryProps> & { withTopics?: boolean; withGlobal?: boolean } = {}) {
  const stack = testStack();
  const { withTopics, withGlobal, ...rest } = props;
  const topics = withTopics ? testTopics(stack) : undefined;
  const globalProvider = withGlobal
    ? new AwsProvider(stack, 'aws-global', { alias: 'global', region: 'us-east-1' })
    : undefined;
  const global = globalProvider
    ? {
        provider: globalProvider,
        region: 'us-east-1',
        topics: testTopics(new Construct(stack, 'global'), { provider: globalProvider }),
      }
    : undefined;
  const factory = new AlarmFactory(stack, 'alarms', {
    naming: new Naming('svc', 'prod'),
    region: 'eu-west-1',
    runbookUrl: RUNBOOK,
    topics,
    global,
    silentReason: SILENT_ALERTING.reason,
    ...rest,
  });
  const byName = () =>
    Object.fromEntries(Object.values(resourcesOf(stack, 'aws_cloudwatch_metric_alarm')).map((a) => [a.alarm_name, a]));
  return { stack, factory, byName };
}

const api = (overrides: Partial<Parameters<typeof functionMonitoring>[0]> = {}) =>
  functionMonitoring({
    name: 'api',
    functionName: 'svc-prod-api',
    timeoutSeconds: 10,
    area: 'app',
    thresholds: DEFAULT_ALARM_THRESHOLDS.function,
    aliasName: 'live',
    latency: { thresholdMs: 5000, statistic: 'p99', severity: 'warning' },
    ...overrides,
  });

describe('AlarmFactory with functionMonitoring', () => {
  test('error rate of the live alias: errors / invocations over 5 % in 2 of 3 minutes, no data is fine', () => {
    const { factory, byName } = build();
    const m = api();
    factory.watch(m.resource, m.alarms);
    const dimensions = { FunctionName: 'svc-prod-api', Resource: 'svc-prod-api:live' };
    expect(byName()['svc-prod-api-errors']).toMatchObject({
      comparison_operator: 'GreaterThanThreshold',
      threshold: 5,
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      treat_missing_data: 'notBreaching',
      metric_query: [
        { id: 'errors', return_data: false, metric: { metric_name: 'Errors', stat: 'Sum', period: 60, dimensions } },
        { id: 'invocations', return_data: false, metric: { metric_name: 'Invocations', stat: 'Sum', dimensions } },
        { id: 'result', expression: '100 * errors / invocations', return_data: true },
      ],
    });
  });

  test('throttles above the threshold, and the longest duration against 80 % of the timeout', () => {
    const { factory, byName } = build();
    const m = api();
    factory.watch(m.resource, m.alarms);
    expect(byName()['svc-prod-api-throttles']).toMatchObject({
      metric_name: 'Throttles',
      statistic: 'Sum',
      threshold: 0,
    });
    expect(byName()['svc-prod-api-duration']).toMatchObject({
      metric_name: 'Duration',
      statistic: 'Maximum',
      threshold: 8000,
    });
  });

  test('latency: the p99 duration of the alias over the threshold; Average is a simple statistic', () => {
    const { factory, byName } = build();
    const m = api();
    factory.watch(m.resource, m.alarms);
    expect(byName()['svc-prod-api-latency']).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'Duration',
      extended_statistic: 'p99',
      threshold: 5000,
      dimensions: { FunctionName: 'svc-prod-api', Resource: 'svc-prod-api:live' },
    });
    const average = build();
    const m2 = api({ latency: { thresholdMs: 5000, statistic: 'Average', severity: 'warning' } });
    average.factory.watch(m2.resource, m2.alarms);
    expect(average.byName()['svc-prod-api-latency']).toMatchObject({ statistic: 'Average' });
    expect(average.byName()['svc-prod-api-latency'].extended_statistic).toBeUndefined();
  });

  test('each alarm routes by its severity; info notifies on ALARM only; the description links the runbook', () => {
    const { factory, byName } = build({ withTopics: true });
    const m = api({ errorSeverity: 'critical' });
    factory.watch(m.resource, [...m.alarms, testDefinition('notice', 'info')]);
    expect(byName()['svc-prod-api-errors']).toMatchObject({
      alarm_actions: ['${aws_sns_topic.critical.arn}'],
      ok_actions: ['${aws_sns_topic.critical.arn}'],
      tags: { Severity: 'critical' },
      alarm_description: `More than 5% of invocations of svc-prod-api:live failed in 2 of 3 periods of 60 s. Runbook: ${RUNBOOK}`,
    });
    expect(byName()['svc-prod-api-latency']).toMatchObject({
      alarm_actions: ['${aws_sns_topic.warning.arn}'],
      tags: { Severity: 'warning' },
    });
    expect(byName()['svc-prod-notice']).toMatchObject({ alarm_actions: ['${aws_sns_topic.info.arn}'], ok_actions: [] });
    expect(factory.createdAlarms().map((a) => [a.alarmName, a.severity, a.region])).toEqual([
      ['svc-prod-api-errors', 'critical', 'eu-west-1'],
      ['svc-prod-api-throttles', 'warning', 'eu-west-1'],
      ['svc-prod-api-duration', 'warning', 'eu-west-1'],
      ['svc-prod-api-latency', 'warning', 'eu-west-1'],
      ['svc-prod-notice', 'info', 'eu-west-1'],
    ]);
    expect(factory.watchedResources()).toEqual([m.resource]);
  });

  test('without the alerting layer the alarms keep their severity and have no actions', () => {
    const { factory, byName } = build();
    const m = api();
    factory.watch(m.resource, m.alarms);
    expect(byName()['svc-prod-api-errors']).toMatchObject({ alarm_actions: [], tags: { Severity: 'warning' } });
    // Silent by the configuration's written decision, which is the suppression a reviewer reads.
    expect(byName()['svc-prod-api-errors']['//'].suppressions).toEqual({
      'cloudwatch-alarm-actions': SILENT_ALERTING.reason,
    });
  });

  test('fails when an alarm has no topics and no reason for being silent', () => {
    const { factory } = build({ silentReason: undefined });
    const m = api();
    expect(() => factory.watch(m.resource, m.alarms)).toThrow(
      "alarm api-errors: svc-prod-api-errors has no topics to notify; give the alerting layer's topics, or silentReason (the environment's alerting.reason) saying why nobody is told",
    );
  });

  test('fails when datapoints to alarm exceed the evaluation periods', () => {
    const { factory } = build();
    const m = api({ evaluationPeriods: 1, datapointsToAlarm: 2 });
    expect(() => factory.watch(m.resource, m.alarms)).toThrow(
      'alarm api-errors: datapointsToAlarm: must be between 1 and evaluationPeriods (1), got 2',
    );
  });
});

describe('AlarmFactory in us-east-1', () => {
  test('a global alarm uses the aliased provider and the us-east-1 topic of its severity', () => {
    const { stack, factory } = build({ withTopics: true, withGlobal: true });
    const [created] = factory.watch(
      { kind: 'custom', title: 'x', area: 'cdn', metrics: [] },
      [testDefinition('edge-errors', 'critical')],
      { global: true },
    );
    expect(created.region).toBe('us-east-1');
    const alarm = Object.values(resourcesOf(stack, 'aws_cloudwatch_metric_alarm'))[0];
    expect(alarm).toMatchObject({
      provider: 'aws.global',
      alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.global_critical_[0-9A-F]+\.arn\}$/)],
    });
  });

  test('fails when two alarms share an id', () => {
    const { factory } = build();
    factory.addAlarm(testDefinition('api-latency', 'warning'));
    expect(() => factory.addAlarm(testDefinition('api-latency', 'critical'))).toThrow(
      'alarm api-latency: svc-prod-api-latency is already an alarm of this factory; ids are unique in a stack',
    );
  });

  test('fails when an alarm is global but the factory has no global target', () => {
    const { factory } = build();
    expect(() => factory.addAlarm(testDefinition('edge-errors', 'critical'), { global: true })).toThrow(
      "alarm edge-errors: a us-east-1 alarm needs the factory's global target (AlarmFactoryProps.global)",
    );
  });
});

describe('AlarmFactory.composeHealth', () => {
  test('composes the critical alarms of the stack in its region, routed as info, after its children', () => {
    const { stack, factory } = build({ withTopics: true });
    factory.watch({ kind: 'custom', title: 'q', area: 'x', metrics: [] }, [
      testDefinition('a', 'critical'),
      testDefinition('b', 'warning'),
      testDefinition('c', 'critical'),
    ]);
    const [health] = factory.composeHealth('layer-health', 'A critical alarm of the layer is in ALARM.');
    expect(health.alarmName).toBe('svc-prod-layer-health');
    expect(health.region).toBe('eu-west-1');
    const composites = Object.values(resourcesOf(stack, 'aws_cloudwatch_composite_alarm'));
    expect(composites).toEqual([
      expect.objectContaining({
        alarm_name: 'svc-prod-layer-health',
        alarm_rule: 'ALARM("svc-prod-a") OR ALARM("svc-prod-c")',
        alarm_actions: ['${aws_sns_topic.info.arn}'],
        ok_actions: [],
        tags: { Severity: 'info' },
        alarm_description: `A critical alarm of the layer is in ALARM. Runbook: ${RUNBOOK}`,
      }),
    ]);
    expect(composites[0].depends_on).toEqual([
      expect.stringMatching(/^aws_cloudwatch_metric_alarm\.alarms_a_/),
      expect.stringMatching(/^aws_cloudwatch_metric_alarm\.alarms_c_/),
    ]);
  });

  test('us-east-1 critical alarms get their own composite there', () => {
    const { stack, factory } = build({ withTopics: true, withGlobal: true });
    factory.addAlarm(testDefinition('regional', 'critical'));
    factory.addAlarm(testDefinition('edge', 'critical'), { global: true });
    const health = factory.composeHealth('cdn-health', 'CDN unhealthy.');
    expect(health.map((h) => [h.alarmName, h.region])).toEqual([
      ['svc-prod-cdn-health', 'eu-west-1'],
      ['svc-prod-cdn-health-global', 'us-east-1'],
    ]);
    const global = Object.values(resourcesOf(stack, 'aws_cloudwatch_composite_alarm')).find(
      (c) => c.alarm_name === 'svc-prod-cdn-health-global',
    );
    expect(global).toMatchObject({ provider: 'aws.global', alarm_rule: 'ALARM("svc-prod-edge")' });
  });

  test('no critical alarm, no composite', () => {
    const { stack, factory } = build();
    factory.addAlarm(testDefinition('b', 'warning'));
    expect(factory.composeHealth('layer-health', 'x')).toEqual([]);
    expect(synthJson(stack).resource.aws_cloudwatch_composite_alarm).toBeUndefined();
  });

  test('fails when a critical alarm is added after composing, or when composing twice', () => {
    const { factory } = build();
    factory.composeHealth('layer-health', 'x');
    expect(() => factory.addAlarm(testDefinition('late', 'critical'))).toThrow(
      'alarm late: critical alarms must be made before composeHealth',
    );
    expect(() => factory.addAlarm(testDefinition('late-warning', 'warning'))).not.toThrow();
    expect(() => factory.composeHealth('layer-health', 'x')).toThrow('composeHealth(layer-health) called twice');
  });
});
