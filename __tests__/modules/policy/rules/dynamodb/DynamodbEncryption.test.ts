import { DynamodbEncryption } from '../../../../../modules/policy/rules/dynamodb/DynamodbEncryption';
import { findingsOf } from '../../../../support/policy-rules';

describe('dynamodb-encryption: ' + DynamodbEncryption.description, () => {
  test('compliant: KMS encryption', () => {
    expect(
      findingsOf(DynamodbEncryption, {
        resource: { aws_dynamodb_table: { t: { name: 't', server_side_encryption: { enabled: true } } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: AWS owned key', () => {
    expect(findingsOf(DynamodbEncryption, { resource: { aws_dynamodb_table: { t: { name: 't' } } } })).toEqual([
      'aws_dynamodb_table.t: table does not have server_side_encryption.enabled = true',
    ]);
  });
});
