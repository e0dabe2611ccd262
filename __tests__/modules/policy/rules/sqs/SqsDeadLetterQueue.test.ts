import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Naming } from '../../../../../modules/naming';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { SqsDeadLetterQueue } from '../../../../../modules/policy/rules/sqs/SqsDeadLetterQueue';
import { SqsEncryption } from '../../../../../modules/policy/rules/sqs/SqsEncryption';
import { SqsTlsOnly } from '../../../../../modules/policy/rules/sqs/SqsTlsOnly';
import { WorkQueue } from '../../../../../modules/work-queue';
import { testStack, violatedRules } from '../../../../support/stacks';

const naming = new Naming('svc', 'dev');
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111111111111:function:svc-dev-worker';

describe('sqs-dead-letter-queue: ' + SqsDeadLetterQueue.description, () => {
  test('are in the baseline', () => {
    for (const rule of [SqsEncryption, SqsTlsOnly, SqsDeadLetterQueue]) expect(BASELINE_RULES).toContain(rule);
  });

  test('compliant: a WorkQueue (SSE-SQS, TLS-only policies, redrive) consumed by a function passes all three SQS rules', () => {
    const stack = testStack();
    const work = new WorkQueue(stack, 'q', { naming, name: 'jobs', consumerTimeoutSeconds: 30 });
    new LambdaEventSourceMapping(stack, 'esm', { eventSourceArn: work.queue.arn, functionName: FUNCTION_ARN });
    expect(violatedRules(stack, [SqsEncryption, SqsTlsOnly, SqsDeadLetterQueue])).toEqual([]);
  });

  test('non-compliant: fails when a consumed queue has no redrive policy, or one without a receive limit', () => {
    const stack = testStack();
    const bare = new SqsQueue(stack, 'bare', { name: 'bare', sqsManagedSseEnabled: true });
    const half = new SqsQueue(stack, 'half', {
      name: 'half',
      sqsManagedSseEnabled: true,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:111111111111:dlq' }),
    });
    new LambdaEventSourceMapping(stack, 'esm-bare', { eventSourceArn: bare.arn, functionName: FUNCTION_ARN });
    new LambdaEventSourceMapping(stack, 'esm-half', { eventSourceArn: half.arn, functionName: FUNCTION_ARN });
    expect(violatedRules(stack, [SqsDeadLetterQueue])).toEqual(['sqs-dead-letter-queue', 'sqs-dead-letter-queue']);
  });
});
