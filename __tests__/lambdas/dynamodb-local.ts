/**
 * A DynamoDB emulator (dynalite, in-process) on 127.0.0.1, for handler tests that need real Scan and BatchWriteItem
 * semantics: pagination, filter expressions, projections.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { ScheduledEvent } from 'aws-lambda';
import type { Server } from 'http';
import type { AddressInfo } from 'net';

// dynalite ships no type declarations.
const dynalite: (options: Record<string, number>) => Server = require('dynalite');

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface TableKey {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export type Item = Record<string, unknown>;

export interface DynamoDbLocal {
  /** Base URL, for AWS_ENDPOINT_URL_DYNAMODB or a client's `endpoint`. */
  readonly endpoint: string;
  readonly client: DynamoDBDocumentClient;
  createTable(name: string, key: TableKey): Promise<void>;
  put(tableName: string, items: readonly Item[]): Promise<void>;
  scan(tableName: string): Promise<Item[]>;
  stop(): Promise<void>;
}

/** Starts the emulator on a free port and sets the dummy credentials and region the SDK needs to sign requests. */
export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));

  return {
    endpoint,
    client,
    async createTable(name, { partitionKey, sortKey }) {
      const keys = sortKey ? [partitionKey, sortKey] : [partitionKey];
      await client.send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
          AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    },
    async put(tableName, items) {
      // The emulator never throttles, so there are no UnprocessedItems to retry.
      for (let i = 0; i < items.length; i += 25) {
        const batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
        await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch } }));
      }
    },
    async scan(tableName) {
      const items: Item[] = [];
      for await (const page of paginateScan({ client }, { TableName: tableName })) items.push(...(page.Items ?? []));
      return items;
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** The event an EventBridge schedule delivers at `time`. */
export function scheduledEvent(time: Date): ScheduledEvent {
  return {
    version: '0',
    id: 'a1b2c3d4-0000-4000-8000-000000000000',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: time.toISOString(),
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:123456789012:rule/scheduled-job'],
    detail: {},
  };
}
