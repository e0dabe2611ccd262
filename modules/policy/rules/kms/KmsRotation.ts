import { PolicyRule } from '../../engine';

export const KmsRotation: PolicyRule = {
  id: 'kms-rotation',
  service: 'kms',
  level: 'error',
  description: 'Every customer-managed symmetric key rotates.',
  explanation: 'Rotation limits how much data one key version protects and how long a leaked key stays useful.',
  references: { fsbp: 'KMS.4', cdkNag: 'AwsSolutions-KMS5', checkov: 'CKV_AWS_7' },
  check: (stack) =>
    stack
      .resources('aws_kms_key')
      .filter((k) => (k.config.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT')
      .filter((k) => k.config.enable_key_rotation !== true)
      .map((k) => ({ resource: k, message: 'key does not have enable_key_rotation = true' })),
};
