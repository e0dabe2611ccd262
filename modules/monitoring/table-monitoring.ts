/**
 * What the platform watches on a DynamoDB table (cdk-monitoring-constructs' DynamoTableMonitoring): requests
 * throttled (read and write throttle events, which DynamoDB publishes by table) and system errors (DynamoDB's own
 * faults, published per operation, so the alarm sums the operations the platform's functions use).
 */
import type { MetricSpec } from '../../core/alarm-model';
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Monitoring } from './function-monitoring';

export interface TableMonitoringProps {
  /** Name component: alarms are `<prefix>-<name>-throttled` and `-system-errors`. */
  readonly name: string;
  readonly tableName: string;
  readonly area: string;
  readonly thresholds: AlarmThresholds['table'];
}

/** Operations whose SystemErrors are summed: at most CLOUDWATCH_LIMITS.metricsPerAlarm of them. */
export const TABLE_OPERATIONS = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
] as const;

export function tableMonitoring(props: TableMonitoringProps): Monitoring {
  const metric = (metricName: string, extra: Record<string, string> = {}): MetricSpec => ({
    namespace: 'AWS/DynamoDB',
    metricName,
    dimensions: { TableName: props.tableName, ...extra },
    statistic: 'Sum',
  });
  const t = props.thresholds;
  const timing = { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 };
  const errors = Object.fromEntries(
    TABLE_OPERATIONS.map((operation) => [operation.toLowerCase(), metric('SystemErrors', { Operation: operation })]),
  );
  return {
    resource: {
      kind: 'table',
      title: props.tableName,
      area: props.area,
      metrics: [
        metric('ConsumedReadCapacityUnits'),
        metric('ConsumedWriteCapacityUnits'),
        metric('ReadThrottleEvents'),
        metric('WriteThrottleEvents'),
      ],
    },
    alarms: [
      {
        id: `${props.name}-throttled`,
        summary: `Requests to ${props.tableName} were throttled (more than ${t.throttledRequests} per period) in 2 of 3 periods of 5 minutes.`,
        metric: {
          expression: 'reads + writes',
          label: 'Throttle events',
          metrics: { reads: metric('ReadThrottleEvents'), writes: metric('WriteThrottleEvents') },
        },
        threshold: t.throttledRequests,
        comparison: 'GreaterThanThreshold',
        ...timing,
        severity: t.severity,
      },
      {
        id: `${props.name}-system-errors`,
        summary: `DynamoDB failed requests to ${props.tableName} with system errors in 2 of 3 periods of 5 minutes.`,
        metric: { expression: Object.keys(errors).join(' + '), label: 'System errors', metrics: errors },
        threshold: t.systemErrors,
        comparison: 'GreaterThanThreshold',
        ...timing,
        severity: t.severity,
      },
    ],
  };
}
