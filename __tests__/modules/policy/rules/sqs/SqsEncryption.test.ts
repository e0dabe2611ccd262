import { SqsEncryption } from '../../../../../modules/policy/rules/sqs/SqsEncryption';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { findingsOf } from '../../../../support/policy-rules';
import { testStack, violatedRules } from '../../../../support/stacks';

describe('sqs-encryption: ' + SqsEncryption.description, () => {
  test('compliant: SQS-managed encryption', () => {
    expect(
      findingsOf(SqsEncryption, { resource: { aws_sqs_queue: { q: { sqs_managed_sse_enabled: true } } } }),
    ).toEqual([]);
  });

  test('non-compliant: no encryption', () => {
    expect(findingsOf(SqsEncryption, { resource: { aws_sqs_queue: { q: { name: 'q' } } } })).toEqual([
      'aws_sqs_queue.q: queue has neither sqs_managed_sse_enabled = true nor a kms_master_key_id',
    ]);
  });

  test('is in the baseline', () => expect(BASELINE_RULES).toContain(SqsEncryption));

  test('compliant: a queue under a KMS key passes the encryption rule', () => {
    const stack = testStack();
    new SqsQueue(stack, 'kms', { name: 'kms', kmsMasterKeyId: 'alias/queues' });
    expect(violatedRules(stack, [SqsEncryption])).toEqual([]);
  });

  test('non-compliant: fails when a queue is not encrypted', () => {
    const stack = testStack();
    new SqsQueue(stack, 'plain', { name: 'plain', sqsManagedSseEnabled: false });
    new SqsQueue(stack, 'unset', { name: 'unset' });
    expect(violatedRules(stack, [SqsEncryption])).toEqual(['sqs-encryption', 'sqs-encryption']);
  });
});
