/**
 * An SQS work queue with its dead-letter queue, in the manner of aws-cdk-lib's Queue with `deadLetterQueue`: both
 * encrypted (SSE-SQS unless a KMS key is given), both with a policy that denies any request not made over TLS, long
 * polling on the work queue, a redrive policy after `maxReceiveCount` deliveries, and a redrive-allow policy on the
 * dead-letter queue that admits this work queue only (so no other queue can dump its failures there).
 *
 * The visibility timeout is checked against the consumer's timeout: AWS recommends at least six times the timeout
 * of a Lambda function consuming the queue, or messages are handed out again while an invocation still holds them.
 */
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Construct } from 'constructs';
import { policyDocument, PolicyStatement } from './iam-policy';
import type { Naming } from './naming';

/** Times the consumer's timeout that the visibility timeout must at least be (AWS's advice for Lambda). */
export const CONSUMER_TIMEOUT_FACTOR = 6;

export interface WorkQueueProps {
  readonly naming: Naming;
  /** Name component: the queues are `<prefix>-<name>` and `<prefix>-<name>-dlq`. */
  readonly name: string;
  /** Timeout of the function consuming the queue; the visibility timeout must be at least six times it. */
  readonly consumerTimeoutSeconds: number;
  /** @default 6 × consumerTimeoutSeconds */
  readonly visibilityTimeoutSeconds?: number;
  /** Deliveries before a message moves to the dead-letter queue. @default 3 */
  readonly maxReceiveCount?: number;
  /** @default 345600 (4 days) */
  readonly messageRetentionSeconds?: number;
  /** Kept longer than on the work queue, so failures can be inspected and redriven. @default 1209600 (14 days) */
  readonly deadLetterRetentionSeconds?: number;
  /** Long polling: seconds a receive waits for messages. @default 20 */
  readonly receiveWaitTimeSeconds?: number;
  /** Customer-managed KMS key for both queues. @default SSE-SQS (SQS-owned keys) */
  readonly kmsKeyArn?: string;
}

export class WorkQueue extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  readonly queueName: string;
  readonly deadLetterQueueName: string;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const minimum = CONSUMER_TIMEOUT_FACTOR * props.consumerTimeoutSeconds;
    const visibility = props.visibilityTimeoutSeconds ?? minimum;
    const maxReceiveCount = props.maxReceiveCount ?? 3;
    const retention = props.messageRetentionSeconds ?? 345_600;
    const deadLetterRetention = props.deadLetterRetentionSeconds ?? 1_209_600;
    const wait = props.receiveWaitTimeSeconds ?? 20;
    this.queueName = props.naming.name(props.name, 'sqsQueue');
    this.deadLetterQueueName = props.naming.name(`${props.name}-dlq`, 'sqsQueue');
    const where = `work queue ${this.queueName}`;
    if (visibility < minimum) {
      throw new Error(
        `${where}: visibilityTimeoutSeconds must be at least ${CONSUMER_TIMEOUT_FACTOR} × consumerTimeoutSeconds ` +
          `(${CONSUMER_TIMEOUT_FACTOR} × ${props.consumerTimeoutSeconds} = ${minimum}), got ${visibility}`,
      );
    }
    if (visibility > 43_200) {
      throw new Error(`${where}: visibilityTimeoutSeconds must be at most 43200 (12 hours), got ${visibility}`);
    }
    if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1 || maxReceiveCount > 1000) {
      throw new Error(`${where}: maxReceiveCount must be a whole number between 1 and 1000, got ${maxReceiveCount}`);
    }
    if (!Number.isInteger(wait) || wait < 1 || wait > 20) {
      throw new Error(`${where}: receiveWaitTimeSeconds must be between 1 and 20 (long polling), got ${wait}`);
    }
    if (deadLetterRetention < retention) {
      // SQS keeps a message's original enqueue time when it moves to the DLQ, so a shorter retention there drops it.
      throw new Error(
        `${where}: deadLetterRetentionSeconds (${deadLetterRetention}) must be at least messageRetentionSeconds (${retention})`,
      );
    }
    this.visibilityTimeoutSeconds = visibility;
    this.maxReceiveCount = maxReceiveCount;

    const encryption = props.kmsKeyArn
      ? { kmsMasterKeyId: props.kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 }
      : { sqsManagedSseEnabled: true };
    this.deadLetterQueue = new SqsQueue(this, 'dlq', {
      name: this.deadLetterQueueName,
      messageRetentionSeconds: deadLetterRetention,
      ...encryption,
    });
    this.queue = new SqsQueue(this, 'queue', {
      name: this.queueName,
      visibilityTimeoutSeconds: visibility,
      messageRetentionSeconds: retention,
      receiveWaitTimeSeconds: wait,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount }),
      ...encryption,
    });
    // A resource of its own: set on the DLQ itself, it would reference the work queue that references the DLQ.
    new SqsQueueRedriveAllowPolicy(this, 'dlq-redrive-allow', {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [this.queue.arn] }),
    });
    new SqsQueuePolicy(this, 'queue-policy', { queueUrl: this.queue.url, policy: tlsOnlyPolicy(this.queue) });
    new SqsQueuePolicy(this, 'dlq-policy', {
      queueUrl: this.deadLetterQueue.url,
      policy: tlsOnlyPolicy(this.deadLetterQueue),
    });
  }

  /** What a producer needs: send to the work queue. */
  grantSend(sid = 'SendRequests'): PolicyStatement {
    return {
      sid,
      actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      resources: [this.queue.arn],
    };
  }

  /** What a Lambda event source mapping's function needs to consume the work queue. */
  grantConsume(sid = 'ConsumeRequests'): PolicyStatement {
    return {
      sid,
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      resources: [this.queue.arn],
    };
  }
}

function tlsOnlyPolicy(queue: SqsQueue): string {
  return policyDocument([
    {
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['sqs:*'],
      resources: [queue.arn],
      conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    },
  ]);
}
