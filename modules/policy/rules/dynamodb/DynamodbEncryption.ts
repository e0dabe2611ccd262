import { blocks, PolicyRule } from '../../engine';

export const DynamodbEncryption: PolicyRule = {
  id: 'dynamodb-encryption',
  service: 'dynamodb',
  level: 'error',
  description:
    'Every DynamoDB table is encrypted with a KMS key (AWS managed or customer managed), not an AWS owned key.',
  explanation:
    'A KMS key (rather than an AWS owned key) makes access to the data auditable in CloudTrail and revocable.',
  references: { checkov: 'CKV_AWS_119' },
  check: (stack) =>
    stack
      .resources('aws_dynamodb_table')
      .filter((t) => !blocks(t.config.server_side_encryption).some((s) => s.enabled === true))
      .map((t) => ({ resource: t, message: 'table does not have server_side_encryption.enabled = true' })),
};
