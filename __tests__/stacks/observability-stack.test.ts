import { Testing } from 'cdktf';
import { AlertingStack } from '../../stacks/alerting-stack';
import { ObservabilityStack } from '../../stacks/observability-stack';
import { environmentOf, presetConfig } from '../support/alerting';
import { synthPreset, type SynthesizedApp } from '../support/app';

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

let concert: SynthesizedApp;
beforeAll(() => {
  concert = synthPreset({ preset: 'concert' });
});

describe('ObservabilityStack (Concert)', () => {
  const functions = [
    'concert-dev-health',
    'concert-dev-chatbot',
    'concert-dev-venue-popularity',
    'concert-dev-ticket-prediction',
    'concert-dev-recommendations',
    'concert-dev-session-maintenance',
    'concert-dev-conversation-analytics',
    'concert-dev-alert-processor',
  ];

  test('puts the error, latency and data-quality metric filters on every function log group', () => {
    const filters = values(concert.json('concert-dev-observability'), 'aws_cloudwatch_log_metric_filter');
    expect(filters).toHaveLength(functions.length * 3);
    expect(filters.map((f) => f.metric_transformation.name).sort()).toEqual([
      ...Array(functions.length).fill('DataQualityIssues'),
      ...Array(functions.length).fill('InvocationDuration'),
      ...Array(functions.length).fill('LogErrors'),
    ]);
    expect(filters.find((f) => f.name === 'InvocationDuration')).toMatchObject({
      pattern: expect.stringContaining('duration_label="Duration:", duration'),
      metric_transformation: { namespace: 'concert/dev', value: '$duration', unit: 'Milliseconds' },
    });
  });

  test('alarms on each log metric through the alarm model, with actions; errors use the seed defaults', () => {
    const alarms = values(concert.json('concert-dev-observability'), 'aws_cloudwatch_metric_alarm');
    const byName = Object.fromEntries(alarms.map((a) => [a.alarm_name, a]));
    expect(byName['concert-dev-logs-errors']).toMatchObject({
      namespace: 'concert/dev',
      metric_name: 'LogErrors',
      statistic: 'Sum',
      threshold: 10,
      period: 300,
      evaluation_periods: 2,
      tags: { Severity: 'warning' },
      alarm_actions: [expect.stringContaining('warning')],
    });
    expect(byName['concert-dev-logs-latency']).toMatchObject({ extended_statistic: 'p99', threshold: 10000 });
    expect(byName['concert-dev-logs-data-quality']).toMatchObject({ tags: { Severity: 'info' } });
    expect(alarms.every((a) => a.alarm_actions.length > 0)).toBe(true);
    const prod = values(concert.json('concert-prod-observability'), 'aws_cloudwatch_metric_alarm');
    expect(prod.find((a) => a.alarm_name === 'concert-prod-logs-latency')).toMatchObject({ threshold: 5000 });
  });

  test('subscribes every function log group but its own to the error processor, each permission scoped to its log group', () => {
    const json = concert.json('concert-dev-observability');
    const subscriptions = values(json, 'aws_cloudwatch_log_subscription_filter');
    const permissions = values(json, 'aws_lambda_permission');
    expect(subscriptions).toHaveLength(functions.length);
    expect(permissions).toHaveLength(functions.length);
    expect(permissions.every((p) => p.principal === 'logs.amazonaws.com' && /arn\}:\*$/.test(p.source_arn))).toBe(true);
    expect(subscriptions.every((s) => s.filter_pattern === '?ERROR ?CRITICAL ?"Task timed out"')).toBe(true);
    const processor = values(json, 'aws_lambda_function').find(
      (f) => f.function_name === 'concert-dev-error-processor',
    );
    expect(processor).toMatchObject({
      tracing_config: { mode: 'Active' },
      environment: {
        variables: expect.objectContaining({
          IDEMPOTENCY_TABLE_NAME: 'concert-dev-error-processor-idempotency',
          DEDUP_WINDOW_SECONDS: '900',
        }),
      },
    });
    expect(values(json, 'aws_dynamodb_table')).toEqual([
      expect.objectContaining({ hash_key: 'id', ttl: { attribute_name: 'expiration', enabled: true } }),
    ]);
  });

  test('saves the Insights queries, the conversation query over the analytics job only', () => {
    const queries = values(concert.json('concert-dev-observability'), 'aws_cloudwatch_query_definition');
    expect(queries.map((q) => q.name).sort()).toEqual([
      'concert-dev/alerting/alerting-problems',
      'concert-dev/app/app-problems',
      'concert-dev/jobs/jobs-problems',
      'concert-dev/platform/cold-starts',
      'concert-dev/platform/conversation-stats',
      'concert-dev/platform/data-quality',
      'concert-dev/platform/error-analysis',
      'concert-dev/platform/latency',
    ]);
    expect(queries.find((q) => q.name.endsWith('conversation-stats')).log_group_names).toEqual([
      '/aws/lambda/concert-dev-conversation-analytics',
    ]);
  });

  test('samples everything in dev and a fixed rate with a reservoir in prod; groups have insights', () => {
    const rule = (env: string) => values(concert.json(`concert-${env}-observability`), 'aws_xray_sampling_rule')[0];
    expect(rule('dev')).toMatchObject({
      rule_name: 'concert-dev-sampling',
      fixed_rate: 1,
      service_name: 'concert-dev-*',
    });
    expect(rule('prod')).toMatchObject({ fixed_rate: 0.05, reservoir_size: 1 });
    const groups = values(concert.json('concert-dev-observability'), 'aws_xray_group');
    expect(groups.map((g) => g.group_name)).toEqual(['concert-dev-traces', 'concert-dev-slow']);
    expect(groups.every((g) => g.insights_configuration.insights_enabled === true)).toBe(true);
    expect(groups[0].filter_expression).toContain('service("concert-dev-chatbot")');
  });

  test('exposes its alarms and watched resources as MonitoringHandles', () => {
    const stack = concert.stacks.environments.dev.observability!;
    expect(stack.createdAlarms.map((a) => a.alarmName)).toEqual(
      expect.arrayContaining([
        'concert-dev-logs-errors',
        'concert-dev-error-processor-errors',
        'concert-dev-error-processor-failures-messages',
        'concert-dev-error-processor-idempotency-table-throttled',
      ]),
    );
    // The log metrics, and the error processor's function, failure queue and deduplication table.
    expect(stack.watchedResources.map((r) => r.kind)).toEqual(['custom', 'function', 'deadLetterQueue', 'table']);
  });
});

describe('ObservabilityStack validation', () => {
  test('fails when the environment observes no function', () => {
    const config = presetConfig('concert');
    const environment = environmentOf(config, 'dev');
    const app = Testing.app();
    const alerting = new AlertingStack(app, { config, environment });
    expect(() => new ObservabilityStack(app, { config, environment, alerting, functions: [] })).toThrow(
      'ObservabilityStack: dev has no functions to observe; disable environments.dev.observability',
    );
  });

  test('fails when the layer is disabled', () => {
    const config = presetConfig('concert', (c) => {
      c.environments.dev.observability = { enabled: false };
    });
    const environment = environmentOf(config, 'dev');
    const app = Testing.app();
    const alerting = new AlertingStack(app, { config, environment });
    expect(
      () =>
        new ObservabilityStack(app, {
          config,
          environment,
          alerting,
          functions: [{ family: 'alerting', fn: alerting.processor.fn }],
        }),
    ).toThrow('environments.dev.observability.enabled is false');
  });
});
