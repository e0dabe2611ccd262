import { blocks, PolicyRule } from '../../engine';

export const DynamodbPitr: PolicyRule = {
  id: 'dynamodb-pitr',
  service: 'dynamodb',
  level: 'error',
  description: 'Every DynamoDB table has point-in-time recovery.',
  explanation: 'Point-in-time recovery is the only way back from a bad write or delete within the last 35 days.',
  references: { fsbp: 'DynamoDB.2', cdkNag: 'AwsSolutions-DDB3', checkov: 'CKV_AWS_28' },
  check: (stack) =>
    stack
      .resources('aws_dynamodb_table')
      .filter((t) => !blocks(t.config.point_in_time_recovery).some((p) => p.enabled === true))
      .map((t) => ({ resource: t, message: 'table does not have point_in_time_recovery.enabled = true' })),
};
