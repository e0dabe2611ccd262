/**
 * What the platform watches on a DynamoDB table (cdk-monitoring-constructs' DynamoTableMonitoring): requests
 * throttled (read and write throttle events, which DynamoDB publishes by table) and system errors (DynamoDB's own
 * faults, published per operation, so the alarm sums the operations the platform's functions use).
 */
import { alarmAbove, describeWindow, metricsOf, SUSTAINED_WINDOW } from '../../core/alarm-model';
import type { BuilderProps } from './builder-props';
import type { Monitoring } from './function-monitoring';

/** Alarms are `<prefix>-<name>-throttled` and `-system-errors`. */
export interface TableMonitoringProps extends BuilderProps<'table'> {
  readonly tableName: string;
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
  const metric = metricsOf('AWS/DynamoDB', { TableName: props.tableName });
  const t = props.thresholds;
  const window = describeWindow(SUSTAINED_WINDOW);
  const errors = Object.fromEntries(
    TABLE_OPERATIONS.map((operation) => [
      operation.toLowerCase(),
      metricsOf('AWS/DynamoDB', { TableName: props.tableName, Operation: operation })('SystemErrors', 'Sum'),
    ]),
  );
  return {
    resource: {
      kind: 'table',
      title: props.tableName,
      area: props.area,
      metrics: [
        metric('ConsumedReadCapacityUnits', 'Sum'),
        metric('ConsumedWriteCapacityUnits', 'Sum'),
        metric('ReadThrottleEvents', 'Sum'),
        metric('WriteThrottleEvents', 'Sum'),
      ],
    },
    alarms: [
      alarmAbove({
        id: `${props.name}-throttled`,
        summary: `Requests to ${props.tableName} were throttled (more than ${t.throttledRequests} per period) in ${window}.`,
        metric: {
          expression: 'reads + writes',
          label: 'Throttle events',
          metrics: { reads: metric('ReadThrottleEvents', 'Sum'), writes: metric('WriteThrottleEvents', 'Sum') },
        },
        threshold: t.throttledRequests,
        severity: t.severity,
      }),
      alarmAbove({
        id: `${props.name}-system-errors`,
        summary: `DynamoDB failed requests to ${props.tableName} with system errors in ${window}.`,
        metric: { expression: Object.keys(errors).join(' + '), label: 'System errors', metrics: errors },
        threshold: t.systemErrors,
        severity: t.severity,
      }),
    ],
  };
}
