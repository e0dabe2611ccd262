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
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { setTimeout as delay } from 'timers/promises';
import { createPowertools, instrument, MetricUnit, requireEnv, type Powertools } from '../shared/powertools';

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
  /** Logger and Metrics (namespace set) of the function. */
  readonly tools: Powertools;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
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
  const { client, tableName } = deps;
  const { logger, metrics } = deps.tools;
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
    logger.info('expired sessions deleted', { tableName, ...result });
    metrics.setTimestamp(now);
    metrics.addMetric('ExpiredSessionsDeleted', MetricUnit.Count, deleted);
    return result;
  };
}

// Built once per execution environment so that warm invocations reuse its connections; captured, so that the trace
// shows every Scan and BatchWriteItem.
const tracer = new Tracer();
const client = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})));

type Handler = (event: ScheduledEvent, context?: Context) => Promise<SessionMaintenanceResult>;
let fromEnvironment: Handler | undefined;

/** Configured from the environment on the first invocation (a missing variable fails it, naming the variable). */
export const handler: Handler = async (event, context) => {
  fromEnvironment ??= (() => {
    const tools = createPowertools({
      namespace: process.env.METRIC_NAMESPACE || `${requireEnv('SERVICE')}/${requireEnv('ENVIRONMENT')}`,
      tracer,
    });
    const run = createHandler({
      client,
      tableName: requireEnv('SESSION_TABLE_NAME'),
      ttlAttribute: process.env.SESSION_TTL_ATTRIBUTE || undefined,
      tools,
    });
    // The scheduled event's ID ties every line of a run together.
    return instrument(tools, run, { correlationId: (event) => event?.id });
  })();
  return fromEnvironment(event, context);
};
