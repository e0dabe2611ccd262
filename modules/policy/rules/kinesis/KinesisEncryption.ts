import { PolicyRule } from '../../engine';

export const KinesisEncryption: PolicyRule = {
  id: 'kinesis-encryption',
  service: 'kinesis',
  level: 'error',
  description: 'Every Kinesis stream is encrypted at rest with a KMS key.',
  explanation:
    'Records at rest in a stream are readable by anyone with storage-level access unless encrypted with a KMS key.',
  references: { fsbp: 'Kinesis.1', cdkNag: 'AwsSolutions-KDS1', checkov: 'CKV_AWS_43' },
  check: (stack) =>
    stack
      .resources('aws_kinesis_stream')
      .filter((s) => s.config.encryption_type !== 'KMS' || typeof s.config.kms_key_id !== 'string')
      .map((s) => ({ resource: s, message: 'stream does not have encryption_type = "KMS" with a kms_key_id' })),
};
