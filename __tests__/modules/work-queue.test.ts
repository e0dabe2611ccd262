import { Naming } from '../../modules/naming';
import { WorkQueue } from '../../modules/work-queue';
import { TerraformOutput } from 'cdktf';
import { resourcesOf, synthJson, testStack } from '../support/stacks';

const naming = new Naming('svc', 'dev');

describe('WorkQueue', () => {
  test('queue and DLQ encrypted, long polling, redrive and redrive-allow, TLS-only policies on both', () => {
    const stack = testStack();
    new WorkQueue(stack, 'jobs', { naming, name: 'jobs', consumerTimeoutSeconds: 60, maxReceiveCount: 5 });
    const queues = resourcesOf(stack, 'aws_sqs_queue');
    const [queueKey, queue] = Object.entries(queues).find(([, q]) => q.name === 'svc-dev-jobs')!;
    const [dlqKey, dlq] = Object.entries(queues).find(([, q]) => q.name === 'svc-dev-jobs-dlq')!;
    // The construct IDs are the addresses a stack pins.
    expect([queueKey, dlqKey]).toEqual([expect.stringMatching(/^jobs_queue_/), expect.stringMatching(/^jobs_dlq_/)]);
    expect(queue).toMatchObject({
      sqs_managed_sse_enabled: true,
      receive_wait_time_seconds: 20,
      visibility_timeout_seconds: 360,
    });
    expect(JSON.parse(queue.redrive_policy)).toEqual({
      deadLetterTargetArn: `${'$'}{aws_sqs_queue.${dlqKey}.arn}`,
      maxReceiveCount: 5,
    });
    expect(dlq).toMatchObject({ sqs_managed_sse_enabled: true, message_retention_seconds: 1_209_600 });
    const allow = Object.values(resourcesOf(stack, 'aws_sqs_queue_redrive_allow_policy'))[0];
    expect(allow.queue_url).toBe(`${'$'}{aws_sqs_queue.${dlqKey}.url}`);
    expect(JSON.parse(allow.redrive_allow_policy).sourceQueueArns).toEqual([`${'$'}{aws_sqs_queue.${queueKey}.arn}`]);
    const policies = Object.values(resourcesOf(stack, 'aws_sqs_queue_policy'));
    expect(policies.map((p) => p.queue_url).sort()).toEqual([
      `${'$'}{aws_sqs_queue.${dlqKey}.url}`,
      `${'$'}{aws_sqs_queue.${queueKey}.url}`,
    ]);
    for (const p of policies) {
      expect(JSON.parse(p.policy).Statement).toEqual([
        expect.objectContaining({
          Effect: 'Deny',
          Principal: '*',
          Action: 'sqs:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]);
    }
  });

  test('a KMS key encrypts both queues', () => {
    const stack = testStack();
    new WorkQueue(stack, 'jobs', {
      naming,
      name: 'jobs',
      consumerTimeoutSeconds: 10,
      kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/k',
    });
    for (const q of Object.values(resourcesOf(stack, 'aws_sqs_queue'))) {
      expect(q).toMatchObject({ kms_master_key_id: 'arn:aws:kms:us-east-1:1:key/k' });
      expect(q.sqs_managed_sse_enabled).toBeUndefined();
    }
  });

  test('fails when the visibility timeout is under six times the consumer timeout, naming the values', () => {
    expect(
      () =>
        new WorkQueue(testStack(), 'q', {
          naming,
          name: 'jobs',
          consumerTimeoutSeconds: 300,
          visibilityTimeoutSeconds: 900,
        }),
    ).toThrow(
      'work queue svc-dev-jobs: visibilityTimeoutSeconds must be at least 6 × consumerTimeoutSeconds (6 × 300 = 1800), got 900',
    );
  });

  test('fails when the visibility timeout exceeds 12 hours, the receive count is out of range or polling is short', () => {
    expect(
      () =>
        new WorkQueue(testStack(), 'q', {
          naming,
          name: 'a',
          consumerTimeoutSeconds: 900,
          visibilityTimeoutSeconds: 50_000,
        }),
    ).toThrow('visibilityTimeoutSeconds must be at most 43200');
    expect(
      () => new WorkQueue(testStack(), 'q', { naming, name: 'a', consumerTimeoutSeconds: 1, maxReceiveCount: 0 }),
    ).toThrow('maxReceiveCount must be a whole number between 1 and 1000, got 0');
    expect(
      () =>
        new WorkQueue(testStack(), 'q', { naming, name: 'a', consumerTimeoutSeconds: 1, receiveWaitTimeSeconds: 0 }),
    ).toThrow('receiveWaitTimeSeconds must be between 1 and 20');
  });

  test('fails when the DLQ would keep messages for less time than the queue', () => {
    expect(
      () =>
        new WorkQueue(testStack(), 'q', {
          naming,
          name: 'a',
          consumerTimeoutSeconds: 1,
          messageRetentionSeconds: 1_209_600,
          deadLetterRetentionSeconds: 86_400,
        }),
    ).toThrow('deadLetterRetentionSeconds (86400) must be at least messageRetentionSeconds (1209600)');
  });

  test('grants name the work queue only', () => {
    const stack = testStack();
    const q = new WorkQueue(stack, 'jobs', { naming, name: 'jobs', consumerTimeoutSeconds: 10 });
    new TerraformOutput(stack, 'consume', { value: q.grantConsume().resources });
    new TerraformOutput(stack, 'send', { value: q.grantSend().resources });
    const queueKey = Object.keys(resourcesOf(stack, 'aws_sqs_queue')).find((k) => k.startsWith('jobs_queue_'));
    expect(synthJson(stack).output.consume.value).toEqual([`${'$'}{aws_sqs_queue.${queueKey}.arn}`]);
    expect(synthJson(stack).output.send.value).toEqual([`${'$'}{aws_sqs_queue.${queueKey}.arn}`]);
    expect(q.grantSend().actions).toContain('sqs:SendMessage');
  });
});
