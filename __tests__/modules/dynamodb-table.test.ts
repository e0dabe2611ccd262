import { DynamoTable, DynamoTableProps } from '../../modules/dynamodb-table';
import { DynamodbEncryption } from '../../modules/policy/rules/dynamodb/DynamodbEncryption';
import { DynamodbPitr } from '../../modules/policy/rules/dynamodb/DynamodbPitr';
import { onlyResource, testStack, violatedRules } from '../support/stacks';

function build(props: Partial<DynamoTableProps> = {}) {
  const stack = testStack();
  const table = new DynamoTable(stack, 'table', {
    tableName: 'svc-dev-sessions',
    partitionKey: { name: 'sessionId', type: 'S' },
    ...props,
  });
  return { stack, table, json: onlyResource(stack, 'aws_dynamodb_table') };
}

describe('DynamoTable', () => {
  test('defaults: on demand, KMS encryption, point-in-time recovery, no TTL, no protection', () => {
    const { json } = build();
    expect(json).toMatchObject({
      name: 'svc-dev-sessions',
      hash_key: 'sessionId',
      attribute: [{ name: 'sessionId', type: 'S' }],
      billing_mode: 'PAY_PER_REQUEST',
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: false,
    });
    expect(json.ttl).toBeUndefined();
    expect(json.lifecycle).toBeUndefined();
  });

  test('sort key, TTL, provisioned capacity and a customer key', () => {
    const { json } = build({
      sortKey: { name: 'timestamp', type: 'N' },
      ttlAttribute: 'expiresAt',
      billing: { mode: 'provisioned', read: 5, write: 2 },
      kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k',
    });
    expect(json).toMatchObject({
      range_key: 'timestamp',
      attribute: [
        { name: 'sessionId', type: 'S' },
        { name: 'timestamp', type: 'N' },
      ],
      ttl: { enabled: true, attribute_name: 'expiresAt' },
      billing_mode: 'PROVISIONED',
      read_capacity: 5,
      write_capacity: 2,
      server_side_encryption: { enabled: true, kms_key_arn: 'arn:aws:kms:us-east-1:111111111111:key/k' },
    });
  });

  test('production: deletion protection and prevent_destroy', () => {
    const { json } = build({ protect: true });
    expect(json.deletion_protection_enabled).toBe(true);
    expect(json.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('grants name the table and its indexes', () => {
    const { stack, table } = build();
    const statement = table.grant(['Scan', 'BatchWriteItem'], 'Sessions');
    expect(statement.actions).toEqual(['dynamodb:Scan', 'dynamodb:BatchWriteItem']);
    expect(statement.resources).toHaveLength(2);
    expect(statement.sid).toBe('Sessions');
    expect(violatedRules(stack, [DynamodbEncryption, DynamodbPitr])).toEqual([]);
  });

  test('fails when the sort key repeats the partition key', () => {
    expect(() => build({ sortKey: { name: 'sessionId', type: 'S' } })).toThrow(
      'table svc-dev-sessions: sortKey sessionId must differ from the partition key',
    );
  });
});
