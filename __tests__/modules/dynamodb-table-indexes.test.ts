import { DynamoTable } from '../../modules/dynamodb-table';
import { onlyResource, testStack } from '../support/stacks';

describe('DynamoTable global secondary indexes', () => {
  test('an index adds its key attributes once and projects what it is told', () => {
    const stack = testStack();
    new DynamoTable(stack, 't', {
      tableName: 'jobs',
      partitionKey: { name: 'id', type: 'S' },
      globalSecondaryIndexes: [
        {
          name: 'status-index',
          partitionKey: { name: 'status', type: 'S' },
          sortKey: { name: 'updatedAt', type: 'S' },
          projection: { include: ['a'] },
        },
        { name: 'by-id', partitionKey: { name: 'id', type: 'S' }, projection: 'KEYS_ONLY' },
      ],
    });
    const table = onlyResource(stack, 'aws_dynamodb_table');
    expect(table.attribute).toEqual([
      { name: 'id', type: 'S' },
      { name: 'status', type: 'S' },
      { name: 'updatedAt', type: 'S' },
    ]);
    expect(table.global_secondary_index).toEqual([
      {
        name: 'status-index',
        hash_key: 'status',
        range_key: 'updatedAt',
        projection_type: 'INCLUDE',
        non_key_attributes: ['a'],
      },
      { name: 'by-id', hash_key: 'id', projection_type: 'KEYS_ONLY' },
    ]);
  });

  test('a table without indexes synthesizes as before', () => {
    const stack = testStack();
    new DynamoTable(stack, 't', { tableName: 'plain', partitionKey: { name: 'pk', type: 'S' } });
    const table = onlyResource(stack, 'aws_dynamodb_table');
    expect(table.global_secondary_index).toBeUndefined();
    expect(table.attribute).toEqual([{ name: 'pk', type: 'S' }]);
  });

  test('fails when an attribute is used with two types', () => {
    expect(
      () =>
        new DynamoTable(testStack(), 't', {
          tableName: 'jobs',
          partitionKey: { name: 'id', type: 'S' },
          globalSecondaryIndexes: [{ name: 'i', partitionKey: { name: 'id', type: 'N' } }],
        }),
    ).toThrow('table jobs: attribute id is used as S and as N');
  });

  test('fails when indexes are combined with provisioned billing', () => {
    expect(
      () =>
        new DynamoTable(testStack(), 't', {
          tableName: 'jobs',
          partitionKey: { name: 'id', type: 'S' },
          billing: { mode: 'provisioned', read: 1, write: 1 },
          globalSecondaryIndexes: [{ name: 'i', partitionKey: { name: 's', type: 'S' } }],
        }),
    ).toThrow('globalSecondaryIndexes need on-demand billing');
  });
});
