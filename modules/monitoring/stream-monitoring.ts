/**
 * What the platform watches on a Kinesis data stream (cdk-monitoring-constructs' KinesisDataStreamMonitoring): how
 * far behind its consumers are (the age of the oldest record a GetRecords call returned), and reads and writes
 * refused for exceeding the stream's throughput (producers lose records or retry; consumers fall behind).
 */
import { alarmAbove, describeWindow, metricsOf, SUSTAINED_WINDOW } from '../../core/alarm-model';
import type { BuilderProps } from './builder-props';
import type { Monitoring } from './function-monitoring';

/** Alarms are `<prefix>-<name>-iterator-age`, `-read-throttled`, `-write-throttled`. */
export interface StreamMonitoringProps extends BuilderProps<'stream'> {
  readonly streamName: string;
}

export function streamMonitoring(props: StreamMonitoringProps): Monitoring {
  const metric = metricsOf('AWS/Kinesis', { StreamName: props.streamName });
  const t = props.thresholds;
  const window = describeWindow(SUSTAINED_WINDOW);
  const throttled = (direction: 'read' | 'write', metricName: string) =>
    alarmAbove({
      id: `${props.name}-${direction}-throttled`,
      summary: `${direction === 'read' ? 'Reads from' : 'Writes to'} ${props.streamName} exceeded its provisioned throughput in ${window}.`,
      metric: metric(metricName, 'Sum'),
      threshold: t.throughputExceeded,
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
      alarmAbove({
        id: `${props.name}-iterator-age`,
        summary: `Consumers of ${props.streamName} are over ${t.iteratorAgeMs} ms behind in ${window}.`,
        metric: metric('GetRecords.IteratorAgeMilliseconds', 'Maximum'),
        threshold: t.iteratorAgeMs,
        severity: t.severity,
      }),
      throttled('read', 'ReadProvisionedThroughputExceeded'),
      throttled('write', 'WriteProvisionedThroughputExceeded'),
    ],
  };
}
