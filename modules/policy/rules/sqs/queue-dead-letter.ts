/**
 * Every queue a Lambda event source consumes has a dead-letter queue: a redrive policy naming its target and a
 * receive limit, so a message that keeps failing stops being retried and is kept for inspection.
 */
import { Finding, PolicyRule } from '../../engine';
import { consumedQueue } from './work-queues';

function redrive(value: unknown): { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export const sqsDeadLetterQueue: PolicyRule = {
  id: 'sqs-dead-letter-queue',
  description: 'Queues consumed by a Lambda event source have a redrive policy to a dead-letter queue.',
  check: (stack) =>
    stack.resources('aws_lambda_event_source_mapping').flatMap((m): Finding[] => {
      const queue = consumedQueue(stack, m);
      if (queue === undefined) return [];
      const policy = redrive(queue.config.redrive_policy);
      const count = Number(policy?.maxReceiveCount);
      if (typeof policy?.deadLetterTargetArn !== 'string' || !Number.isInteger(count) || count < 1) {
        return [
          {
            resource: queue,
            message: `queue consumed by ${m.address} has no redrive_policy with a deadLetterTargetArn and a maxReceiveCount`,
          },
        ];
      }
      return [];
    }),
};
