import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { policyDocument } from '../../../../modules/iam-policy';
import { Naming } from '../../../../modules/naming';
import { BASELINE_RULES } from '../../../../modules/policy';
import { sqsDeadLetterQueue } from '../../../../modules/policy/rules/sqs/queue-dead-letter';
import { sqsEncryption } from '../../../../modules/policy/rules/sqs/queue-encryption';
import { sqsTlsOnly } from '../../../../modules/policy/rules/sqs/queue-tls-only';
import { WorkQueue } from '../../../../modules/work-queue';
import { testStack, violatedRules } from '../../../support/stacks';

const naming = new Naming('svc', 'dev');
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111111111111:function:svc-dev-worker';

describe('SQS rules', () => {
  test('are in the baseline', () => {
    for (const rule of [sqsEncryption, sqsTlsOnly, sqsDeadLetterQueue]) expect(BASELINE_RULES).toContain(rule);
  });

  test('a WorkQueue (SSE-SQS, TLS-only policies, redrive) consumed by a function passes all three', () => {
    const stack = testStack();
    const work = new WorkQueue(stack, 'q', { naming, name: 'jobs', consumerTimeoutSeconds: 30 });
    new LambdaEventSourceMapping(stack, 'esm', { eventSourceArn: work.queue.arn, functionName: FUNCTION_ARN });
    expect(violatedRules(stack, [sqsEncryption, sqsTlsOnly, sqsDeadLetterQueue])).toEqual([]);
  });

  test('a queue under a KMS key passes the encryption rule', () => {
    const stack = testStack();
    new SqsQueue(stack, 'kms', { name: 'kms', kmsMasterKeyId: 'alias/queues' });
    expect(violatedRules(stack, [sqsEncryption])).toEqual([]);
  });

  test('fails when a queue is not encrypted', () => {
    const stack = testStack();
    new SqsQueue(stack, 'plain', { name: 'plain', sqsManagedSseEnabled: false });
    new SqsQueue(stack, 'unset', { name: 'unset' });
    expect(violatedRules(stack, [sqsEncryption])).toEqual(['sqs-encryption', 'sqs-encryption']);
  });

  test('fails when a consumed queue or its DLQ has no policy denying plain HTTP', () => {
    const stack = testStack();
    const dlq = new SqsQueue(stack, 'dlq', { name: 'dlq', sqsManagedSseEnabled: true });
    const queue = new SqsQueue(stack, 'queue', {
      name: 'queue',
      sqsManagedSseEnabled: true,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }),
    });
    // A policy that allows instead of denying does not count.
    new SqsQueuePolicy(stack, 'allow', {
      queueUrl: queue.url,
      policy: policyDocument([
        {
          principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
          actions: ['sqs:SendMessage'],
          resources: [queue.arn],
        },
      ]),
    });
    new LambdaEventSourceMapping(stack, 'esm', { eventSourceArn: queue.arn, functionName: FUNCTION_ARN });
    expect(violatedRules(stack, [sqsTlsOnly])).toEqual(['sqs-tls-only', 'sqs-tls-only']);
  });

  test('fails when a consumed queue has no redrive policy, or one without a receive limit', () => {
    const stack = testStack();
    const bare = new SqsQueue(stack, 'bare', { name: 'bare', sqsManagedSseEnabled: true });
    const half = new SqsQueue(stack, 'half', {
      name: 'half',
      sqsManagedSseEnabled: true,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:111111111111:dlq' }),
    });
    new LambdaEventSourceMapping(stack, 'esm-bare', { eventSourceArn: bare.arn, functionName: FUNCTION_ARN });
    new LambdaEventSourceMapping(stack, 'esm-half', { eventSourceArn: half.arn, functionName: FUNCTION_ARN });
    expect(violatedRules(stack, [sqsDeadLetterQueue])).toEqual(['sqs-dead-letter-queue', 'sqs-dead-letter-queue']);
  });
});
