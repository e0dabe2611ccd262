/**
 * What the platform watches on SQS queues: a work queue alarms on the age of its oldest message (work is not being
 * consumed), a dead-letter or failure queue on any visible message (something failed for good and waits there).
 */
import { metricsOf } from '../../core/alarm-model';
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Monitoring } from './function-monitoring';

export interface QueueMonitoringProps {
  /** Name component: the alarm is `<prefix>-<name>-age` (work queue) or `<prefix>-<name>-messages` (DLQ). */
  readonly name: string;
  readonly queueName: string;
  readonly area: string;
}

const sqs = (queueName: string, metricName: string, statistic: 'Maximum' | 'Sum') =>
  metricsOf('AWS/SQS', { QueueName: queueName })(metricName, statistic);

export function queueMonitoring(
  props: QueueMonitoringProps & { readonly thresholds: AlarmThresholds['queue'] },
): Monitoring {
  const t = props.thresholds;
  return {
    resource: {
      kind: 'queue',
      title: props.queueName,
      area: props.area,
      metrics: [
        sqs(props.queueName, 'ApproximateNumberOfMessagesVisible', 'Maximum'),
        sqs(props.queueName, 'ApproximateAgeOfOldestMessage', 'Maximum'),
        sqs(props.queueName, 'NumberOfMessagesSent', 'Sum'),
        sqs(props.queueName, 'NumberOfMessagesDeleted', 'Sum'),
      ],
    },
    alarms: [
      {
        id: `${props.name}-age`,
        summary: `The oldest message in ${props.queueName} has waited over ${t.ageOfOldestMessageSeconds} s: its consumer is not keeping up.`,
        metric: sqs(props.queueName, 'ApproximateAgeOfOldestMessage', 'Maximum'),
        threshold: t.ageOfOldestMessageSeconds,
        comparison: 'GreaterThanThreshold',
        periodSeconds: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        severity: t.severity,
      },
    ],
  };
}

export function deadLetterQueueMonitoring(
  props: QueueMonitoringProps & { readonly thresholds: AlarmThresholds['deadLetterQueue'] },
): Monitoring {
  const t = props.thresholds;
  return {
    resource: {
      kind: 'deadLetterQueue',
      title: props.queueName,
      area: props.area,
      metrics: [sqs(props.queueName, 'ApproximateNumberOfMessagesVisible', 'Maximum')],
    },
    alarms: [
      {
        id: `${props.name}-messages`,
        summary: `${props.queueName} holds messages that failed every attempt; inspect and redrive them.`,
        metric: sqs(props.queueName, 'ApproximateNumberOfMessagesVisible', 'Maximum'),
        threshold: t.visibleMessages,
        comparison: 'GreaterThanThreshold',
        periodSeconds: 300,
        evaluationPeriods: 1,
        severity: t.severity,
      },
    ],
  };
}
