/**
 * What the platform watches on a Kinesis data stream (cdk-monitoring-constructs' KinesisDataStreamMonitoring): how
 * far behind its consumers are (the age of the oldest record a GetRecords call returned), and reads and writes
 * refused for exceeding the stream's throughput (producers lose records or retry; consumers fall behind).
 */
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Monitoring } from './function-monitoring';

export interface StreamMonitoringProps {
  /** Name component: alarms are `<prefix>-<name>-iterator-age`, `-read-throttled`, `-write-throttled`. */
  readonly name: string;
  readonly streamName: string;
  readonly area: string;
  readonly thresholds: AlarmThresholds['stream'];
}

export function streamMonitoring(props: StreamMonitoringProps): Monitoring {
  const metric = (metricName: string, statistic: 'Maximum' | 'Sum') => ({
    namespace: 'AWS/Kinesis',
    metricName,
    dimensions: { StreamName: props.streamName },
    statistic,
  });
  const t = props.thresholds;
  const timing = { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 };
  const throttled = (direction: 'read' | 'write', metricName: string) => ({
    id: `${props.name}-${direction}-throttled`,
    summary: `${direction === 'read' ? 'Reads from' : 'Writes to'} ${props.streamName} exceeded its provisioned throughput in 2 of 3 periods of 5 minutes.`,
    metric: metric(metricName, 'Sum'),
    threshold: t.throughputExceeded,
    comparison: 'GreaterThanThreshold' as const,
    ...timing,
    severity: t.severity,
  });
  return {
    resource: {
      kind: 'stream',
      title: props.streamName,
      area: props.area,
      metrics: [
        metric('IncomingRecords', 'Sum'),
        metric('GetRecords.Records', 'Sum'),
        metric('GetRecords.IteratorAgeMilliseconds', 'Maximum'),
        metric('ReadProvisionedThroughputExceeded', 'Sum'),
        metric('WriteProvisionedThroughputExceeded', 'Sum'),
      ],
    },
    alarms: [
      {
        id: `${props.name}-iterator-age`,
        summary: `Consumers of ${props.streamName} are over ${t.iteratorAgeMs} ms behind in 2 of 3 periods of 5 minutes.`,
        metric: metric('GetRecords.IteratorAgeMilliseconds', 'Maximum'),
        threshold: t.iteratorAgeMs,
        comparison: 'GreaterThanThreshold',
        ...timing,
        severity: t.severity,
      },
      throttled('read', 'ReadProvisionedThroughputExceeded'),
      throttled('write', 'WriteProvisionedThroughputExceeded'),
    ],
  };
}
