import { PolicyRule } from '../../engine';

export const SqsEncryption: PolicyRule = {
  id: 'sqs-encryption',
  service: 'sqs',
  level: 'error',
  description: 'Every queue is encrypted at rest, with SQS-managed keys or a KMS key.',
  explanation: 'Messages wait in a queue for up to 14 days; unencrypted, they are readable at the storage layer.',
  references: { fsbp: 'SQS.1', cdkNag: 'AwsSolutions-SQS2', checkov: 'CKV_AWS_27' },
  check: (stack) =>
    stack
      .resources('aws_sqs_queue')
      .filter((q) => q.config.sqs_managed_sse_enabled !== true && typeof q.config.kms_master_key_id !== 'string')
      .map((q) => ({
        resource: q,
        message: 'queue has neither sqs_managed_sse_enabled = true nor a kms_master_key_id',
      })),
};
