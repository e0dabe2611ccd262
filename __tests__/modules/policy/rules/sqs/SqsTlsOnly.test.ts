import { SqsTlsOnly } from '../../../../../modules/policy/rules/sqs/SqsTlsOnly';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { policyDocument } from '../../../../../modules/iam-policy';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { findingsOf, policy } from '../../../../support/policy-rules';
import { testStack, violatedRules } from '../../../../support/stacks';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111111111111:function:svc-dev-worker';

const queue = { aws_sqs_queue: { q: { name: 'q', sqs_managed_sse_enabled: true } } };

describe('sqs-tls-only: ' + SqsTlsOnly.description, () => {
  test('compliant: a queue policy denying aws:SecureTransport false', () => {
    const tlsOnly = policy({
      Effect: 'Deny',
      Principal: '*',
      Action: 'sqs:*',
      Resource: '${aws_sqs_queue.q.arn}',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const json = {
      resource: { ...queue, aws_sqs_queue_policy: { p: { queue_url: '${aws_sqs_queue.q.url}', policy: tlsOnly } } },
    };
    expect(findingsOf(SqsTlsOnly, json)).toEqual([]);
  });

  test('non-compliant: a queue policy that only allows a sender', () => {
    const allow = policy({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: '*',
    });
    const json = {
      resource: { ...queue, aws_sqs_queue_policy: { p: { queue_url: '${aws_sqs_queue.q.url}', policy: allow } } },
    };
    expect(findingsOf(SqsTlsOnly, json)).toEqual([
      'aws_sqs_queue.q: queue has no policy denying aws:SecureTransport = false',
    ]);
  });

  test('is in the baseline', () => expect(BASELINE_RULES).toContain(SqsTlsOnly));

  test('non-compliant: fails when a consumed queue or its DLQ has no policy denying plain HTTP', () => {
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
    expect(violatedRules(stack, [SqsTlsOnly])).toEqual(['sqs-tls-only', 'sqs-tls-only']);
  });
});
