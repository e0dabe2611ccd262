/** Every SQS queue is encrypted at rest: SSE-SQS or a KMS key. */
import type { PolicyRule } from '../../engine';

export const sqsEncryption: PolicyRule = {
  id: 'sqs-encryption',
  description: 'Every SQS queue is encrypted at rest (sqs_managed_sse_enabled or a kms_master_key_id).',
  check: (stack) =>
    stack
      .resources('aws_sqs_queue')
      .filter((q) => q.config.sqs_managed_sse_enabled !== true && typeof q.config.kms_master_key_id !== 'string')
      .map((q) => ({
        resource: q,
        message: 'queue has neither sqs_managed_sse_enabled = true nor a kms_master_key_id',
      })),
};
