/**
 * Daily clean-up of expired chatbot sessions.
 *
 * DynamoDB's own TTL deletion can lag up to 48 hours behind the expiry time, and until then expired sessions are
 * still returned by reads and billed as storage, so this job deletes them as soon as it runs.
 *
 * Session state table (env SESSION_TABLE_NAME): partition key `sessionId` (S), no sort key; TTL attribute named by
 * env SESSION_TTL_ATTRIBUTE (default `expiresAt`), a number of epoch seconds. Items without it, or with a non-number
 * value, never expire, as with DynamoDB TTL.
 *
 * IAM: dynamodb:Scan and dynamodb:BatchWriteItem on the session table.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  paginateScan,
  type BatchWriteWriteRequest,
} from '@aws-sdk/lib-dynamodb';
import type { ScheduledEvent } from 'aws-lambda';
import { setTimeout as delay } from 'timers/promises';
import { log, putMetrics, requireEnv, type Writer } from '../shared/telemetry';

export const SESSION_TABLE_KEY = { partitionKey: { name: 'sessionId', type: 'S' } } as const;
export const DEFAULT_TTL_ATTRIBUTE = 'expiresAt';

/** BatchWriteItem's limit on requests per call. */
const BATCH_SIZE = 25;
/** Attempts per batch; the waits between them (100 ms doubling) add up to 3.1 s at most. */
const MAX_BATCH_ATTEMPTS = 6;
const BASE_DELAY_MS = 100;

export interface SessionMaintenanceDeps {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly ttlAttribute?: string;
  /** CloudWatch namespace of the EMF metric. */
  readonly namespace: string;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Receives the log and EMF lines; stdout by default. */
  readonly write?: Writer;
  /** Scan page size; unset, DynamoDB returns pages of up to 1 MB. */
  readonly scanPageSize?: number;
}

export interface SessionMaintenanceResult {
  /** Items the Scan read, expired or not. */
  readonly scanned: number;
  readonly deleted: number;
}

type Key = Record<string, unknown>;

export function createHandler(
  deps: SessionMaintenanceDeps,
): (event: ScheduledEvent) => Promise<SessionMaintenanceResult> {
  const { client, tableName, namespace, write } = deps;
  const ttlAttribute = deps.ttlAttribute ?? DEFAULT_TTL_ATTRIBUTE;
  const sleep = deps.sleep ?? delay;

  // BatchWriteItem reports throttled deletes as UnprocessedItems instead of failing, so the SDK's own retries never
  // see them: retry those here.
  async function deleteBatch(keys: readonly Key[]): Promise<number> {
    let requests: BatchWriteWriteRequest[] = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 1; ; attempt++) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = UnprocessedItems?.[tableName] ?? [];
      if (requests.length === 0) return keys.length;
      if (attempt === MAX_BATCH_ATTEMPTS) {
        throw new Error(
          `${requests.length} of ${keys.length} expired sessions left undeleted in ${tableName} after ${attempt} BatchWriteItem attempts`,
        );
      }
      await sleep(BASE_DELAY_MS * 2 ** (attempt - 1));
    }
  }

  return async () => {
    const now = (deps.now ?? (() => new Date()))();
    const pages = paginateScan(
      { client, pageSize: deps.scanPageSize },
      {
        TableName: tableName,
        ProjectionExpression: '#key',
        FilterExpression: '#ttl < :now',
        ExpressionAttributeNames: { '#key': SESSION_TABLE_KEY.partitionKey.name, '#ttl': ttlAttribute },
        ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
      },
    );
    let scanned = 0;
    let deleted = 0;
    // Filled across pages so that small pages still make full batches.
    const pending: Key[] = [];
    for await (const page of pages) {
      scanned += page.ScannedCount ?? 0;
      pending.push(...(page.Items ?? []));
      while (pending.length >= BATCH_SIZE) deleted += await deleteBatch(pending.splice(0, BATCH_SIZE));
    }
    if (pending.length > 0) deleted += await deleteBatch(pending);

    const result = { scanned, deleted };
    log('info', 'expired sessions deleted', { tableName, ...result }, write);
    putMetrics([{ name: 'ExpiredSessionsDeleted', value: deleted, unit: 'Count' }], { namespace, now, write });
    return result;
  };
}

// Built once per execution environment so that warm invocations reuse its connections.
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: ScheduledEvent): Promise<SessionMaintenanceResult> =>
  createHandler({
    client,
    tableName: requireEnv('SESSION_TABLE_NAME'),
    ttlAttribute: process.env.SESSION_TTL_ATTRIBUTE || undefined,
    namespace: process.env.METRIC_NAMESPACE || `${requireEnv('SERVICE')}/${requireEnv('ENVIRONMENT')}`,
  })(event);
