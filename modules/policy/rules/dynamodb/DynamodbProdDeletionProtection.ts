import { PolicyRule } from '../../engine';
import { isProductionStack } from '../../support/environment';

export const DynamodbProdDeletionProtection: PolicyRule = {
  id: 'dynamodb-prod-deletion-protection',
  service: 'dynamodb',
  level: 'error',
  description: 'Every DynamoDB table of a production stack has deletion protection and prevent_destroy.',
  explanation:
    'A destroy, a renamed construct or a console click would otherwise delete production data; PITR backups go with the table.',
  references: { fsbp: 'DynamoDB.6', cdkNag: 'NIST.800.53.R5-DynamoDBInBackupPlan' },
  check: (stack) =>
    isProductionStack(stack)
      ? stack
          .resources('aws_dynamodb_table')
          .filter((t) => t.config.deletion_protection_enabled !== true || t.config.lifecycle?.prevent_destroy !== true)
          .map((t) => ({
            resource: t,
            message: 'production table lacks deletion_protection_enabled = true and lifecycle.prevent_destroy',
          }))
      : [],
};
