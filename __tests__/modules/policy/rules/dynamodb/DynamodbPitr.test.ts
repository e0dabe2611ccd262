import { DynamodbPitr } from '../../../../../modules/policy/rules/dynamodb/DynamodbPitr';
import { findingsOf } from '../../../../support/policy-rules';

describe('dynamodb-pitr: ' + DynamodbPitr.description, () => {
  test('compliant: point-in-time recovery on', () => {
    expect(
      findingsOf(DynamodbPitr, {
        resource: { aws_dynamodb_table: { t: { name: 't', point_in_time_recovery: { enabled: true } } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: off', () => {
    expect(findingsOf(DynamodbPitr, { resource: { aws_dynamodb_table: { t: { name: 't' } } } })).toEqual([
      'aws_dynamodb_table.t: table does not have point_in_time_recovery.enabled = true',
    ]);
  });
});
