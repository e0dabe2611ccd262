import { DynamodbProdDeletionProtection } from '../../../../../modules/policy/rules/dynamodb/DynamodbProdDeletionProtection';
import { findingsOf, inEnvironment } from '../../../../support/policy-rules';

const unprotected = { aws_dynamodb_table: { t: { name: 't' } } };

describe('dynamodb-prod-deletion-protection: ' + DynamodbProdDeletionProtection.description, () => {
  test('compliant: a protected prod table; an unprotected dev table', () => {
    const prod = inEnvironment('prod', {
      aws_dynamodb_table: { t: { name: 't', deletion_protection_enabled: true, lifecycle: { prevent_destroy: true } } },
    });
    expect(findingsOf(DynamodbProdDeletionProtection, prod)).toEqual([]);
    expect(findingsOf(DynamodbProdDeletionProtection, inEnvironment('dev', unprotected))).toEqual([]);
  });

  test('non-compliant: a prod table without deletion protection', () => {
    expect(findingsOf(DynamodbProdDeletionProtection, inEnvironment('prod', unprotected))).toEqual([
      'aws_dynamodb_table.t: production table lacks deletion_protection_enabled = true and lifecycle.prevent_destroy',
    ]);
  });
});
