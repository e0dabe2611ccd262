import { alarmDefinitionProblems, CLOUDWATCH_LIMITS, isMetricMath, MetricMathSpec } from '../../../core/alarm-model';
import { DEFAULT_ALARM_THRESHOLDS as T } from '../../../core/alarm-thresholds';
import { apiMonitoring } from '../../../modules/monitoring/api-monitoring';
import { natGatewayMonitoring } from '../../../modules/monitoring/nat-gateway-monitoring';
import { nodeFunctionMonitoring } from '../../../modules/monitoring/node-function-monitoring';
import { redshiftMonitoring } from '../../../modules/monitoring/redshift-monitoring';
import { streamMonitoring } from '../../../modules/monitoring/stream-monitoring';
import { tableMonitoring, TABLE_OPERATIONS } from '../../../modules/monitoring/table-monitoring';
import type { Monitoring } from '../../../modules/monitoring/function-monitoring';

const ids = (m: Monitoring) => m.alarms.map((a) => a.id);
const valid = (m: Monitoring) => m.alarms.flatMap(alarmDefinitionProblems);

describe('monitoring builders', () => {
  test('HTTP API: 5xx and 4xx rates over Count by ApiId and Stage, and p99 latency', () => {
    const m = apiMonitoring({
      name: 'api-gateway',
      kind: 'http',
      apiIdOrName: 'abc123',
      stageName: '$default',
      title: 'svc-dev-api',
      area: 'app',
      thresholds: T.api,
    });
    expect(ids(m)).toEqual(['api-gateway-5xx', 'api-gateway-4xx', 'api-gateway-latency']);
    const serverErrors = m.alarms[0].metric as MetricMathSpec;
    expect(serverErrors.expression).toBe('100 * errors / requests');
    expect(serverErrors.metrics.errors).toMatchObject({
      metricName: '5xx',
      dimensions: { ApiId: 'abc123', Stage: '$default' },
    });
    expect(m.alarms[0].threshold).toBe(T.api.serverErrorRatePercent);
    expect(m.alarms[1].threshold).toBe(T.api.clientErrorRatePercent);
    expect(m.alarms[2]).toMatchObject({
      metric: { metricName: 'Latency', statistic: 'p99' },
      threshold: T.api.latencyMs,
    });
    expect(m.resource.kind).toBe('httpApi');
    expect(valid(m)).toEqual([]);
  });

  test('REST API: 5XXError and 4XXError by ApiName and Stage', () => {
    const m = apiMonitoring({
      name: 'api-gateway',
      kind: 'rest',
      apiIdOrName: 'svc-dev-api',
      stageName: 'dev',
      title: 'svc-dev-api',
      area: 'app',
      thresholds: T.api,
    });
    const metrics = m.alarms.slice(0, 2).map((a) => (a.metric as MetricMathSpec).metrics.errors);
    expect(metrics).toEqual([
      expect.objectContaining({ metricName: '5XXError', dimensions: { ApiName: 'svc-dev-api', Stage: 'dev' } }),
      expect.objectContaining({ metricName: '4XXError' }),
    ]);
    expect(m.resource.kind).toBe('restApi');
  });

  test('Kinesis stream: iterator age, read and write throughput exceeded', () => {
    const m = streamMonitoring({
      name: 'events-stream',
      streamName: 'svc-dev-events',
      area: 'data',
      thresholds: T.stream,
    });
    expect(m.alarms.map((a) => [a.id, !isMetricMath(a.metric) && a.metric.metricName, a.threshold])).toEqual([
      ['events-stream-iterator-age', 'GetRecords.IteratorAgeMilliseconds', T.stream.iteratorAgeMs],
      ['events-stream-read-throttled', 'ReadProvisionedThroughputExceeded', 0],
      ['events-stream-write-throttled', 'WriteProvisionedThroughputExceeded', 0],
    ]);
    expect(valid(m)).toEqual([]);
  });

  test('DynamoDB table: throttle events and system errors summed over operations, within the metric-math limit', () => {
    const m = tableMonitoring({ name: 'items-table', tableName: 'svc-dev-items', area: 'app', thresholds: T.table });
    expect(ids(m)).toEqual(['items-table-throttled', 'items-table-system-errors']);
    const errors = m.alarms[1].metric as MetricMathSpec;
    expect(Object.keys(errors.metrics)).toHaveLength(TABLE_OPERATIONS.length);
    expect(TABLE_OPERATIONS.length).toBeLessThanOrEqual(CLOUDWATCH_LIMITS.metricsPerAlarm);
    expect(errors.metrics.getitem).toMatchObject({
      metricName: 'SystemErrors',
      dimensions: { TableName: 'svc-dev-items', Operation: 'GetItem' },
    });
    expect(valid(m)).toEqual([]);
  });

  test('NAT gateway: port allocation errors and dropped packets', () => {
    const m = natGatewayMonitoring({
      name: 'nat-1',
      natGatewayId: 'nat-0abc',
      title: 'NAT 1',
      area: 'network',
      thresholds: T.natGateway,
    });
    expect(m.alarms.map((a) => [a.id, !isMetricMath(a.metric) && a.metric.metricName, a.threshold])).toEqual([
      ['nat-1-port-allocation', 'ErrorPortAllocation', T.natGateway.portAllocationErrors],
      ['nat-1-packets-dropped', 'PacketsDropCount', T.natGateway.packetsDropped],
    ]);
  });

  test('Redshift Serverless: failed queries of the workgroup database', () => {
    const m = redshiftMonitoring({
      name: 'redshift',
      workgroupName: 'wg',
      databaseName: 'analytics',
      area: 'data',
      thresholds: T.redshift,
    });
    expect(m.alarms[0]).toMatchObject({
      id: 'redshift-queries-failed',
      metric: {
        namespace: 'AWS/Redshift-Serverless',
        metricName: 'QueriesFailed',
        dimensions: { Workgroup: 'wg', DatabaseName: 'analytics' },
      },
    });
  });

  test('NodeFunction: the function, plus its failure queue when it is invoked asynchronously', () => {
    const fn = { name: 'job', functionName: 'svc-dev-job', timeoutSeconds: 60 };
    expect(nodeFunctionMonitoring(fn, { area: 'jobs', thresholds: T }).map((m) => m.resource.kind)).toEqual([
      'function',
    ]);
    const async = nodeFunctionMonitoring(
      { ...fn, failureQueueName: 'svc-dev-job-failures' },
      { area: 'jobs', thresholds: T },
    );
    expect(async.map((m) => m.resource.kind)).toEqual(['function', 'deadLetterQueue']);
    expect(ids(async[1])).toEqual(['job-failures-messages']);
    expect(async[0].alarms.find((a) => a.id === 'job-duration')?.threshold).toBe(48000);
  });
});
