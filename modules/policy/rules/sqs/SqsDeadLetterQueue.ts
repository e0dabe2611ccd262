/**
 * Every queue a Lambda event source consumes has a dead-letter queue: a redrive policy naming its target and a
 * receive limit, so a message that keeps failing stops being retried and is kept for inspection.
 */
import { Finding, PolicyRule } from '../../engine';
import { consumedQueue } from '../../support/sqs';

function redrive(value: unknown): { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export const SqsDeadLetterQueue: PolicyRule = {
  id: 'sqs-dead-letter-queue',
  service: 'sqs',
  level: 'error',
  description: 'Queues consumed by a Lambda event source have a redrive policy to a dead-letter queue.',
  explanation:
    'Without a dead-letter queue, a message that keeps failing is retried until it expires and is then lost, and nobody sees why.',
  references: { cdkNag: 'AwsSolutions-SQS3' },
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
