/**
 * Hourly chatbot activity metrics: conversations with at least one message in the last hour, and those messages.
 *
 * Conversation history table (env CONVERSATION_TABLE_NAME): partition key `conversationId` (S), sort key `timestamp`
 * (N, epoch milliseconds of the message); `userId`, `role` and `text` are free attributes.
 *
 * The window cuts across every conversation, which the table's key cannot query, so this Scans the whole table and
 * filters on `timestamp`. Read cost therefore grows with the history kept, not with the hour's traffic. When that
 * becomes noticeable, a GSI keyed by an hour bucket (partition) and `timestamp` (sort) lets a Query read just the
 * window; until then it would only add a write to every message for a job that runs 24 times a day.
 *
 * IAM: dynamodb:Scan on the conversation table.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { createPowertools, instrument, MetricUnit, requireEnv, type Powertools } from '../shared/powertools';

export const CONVERSATION_TABLE_KEY = {
  partitionKey: { name: 'conversationId', type: 'S' },
  sortKey: { name: 'timestamp', type: 'N' },
} as const;

const WINDOW_MS = 60 * 60 * 1000;

export interface ConversationAnalyticsDeps {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Logger and Metrics (namespace set) of the function. */
  readonly tools: Powertools;
  readonly now?: () => Date;
  /** Scan page size; unset, DynamoDB returns pages of up to 1 MB. */
  readonly scanPageSize?: number;
}

export interface ConversationAnalyticsResult {
  readonly conversations: number;
  readonly messages: number;
  /** Inclusive, ISO 8601. */
  readonly windowStart: string;
  /** Exclusive, ISO 8601. */
  readonly windowEnd: string;
}

export function createHandler(
  deps: ConversationAnalyticsDeps,
): (event: ScheduledEvent) => Promise<ConversationAnalyticsResult> {
  const { client, tableName } = deps;
  const { logger, metrics } = deps.tools;

  return async () => {
    const now = (deps.now ?? (() => new Date()))();
    const end = now.getTime();
    const start = end - WINDOW_MS;
    const { partitionKey, sortKey } = CONVERSATION_TABLE_KEY;
    const pages = paginateScan(
      { client, pageSize: deps.scanPageSize },
      {
        TableName: tableName,
        ProjectionExpression: '#conversation',
        FilterExpression: '#timestamp >= :start AND #timestamp < :end',
        ExpressionAttributeNames: { '#conversation': partitionKey.name, '#timestamp': sortKey.name },
        ExpressionAttributeValues: { ':start': start, ':end': end },
      },
    );
    const conversations = new Set<string>();
    let messages = 0;
    for await (const page of pages) {
      for (const item of page.Items ?? []) conversations.add(item[partitionKey.name]);
      messages += page.Count ?? 0;
    }

    const result = {
      conversations: conversations.size,
      messages,
      windowStart: new Date(start).toISOString(),
      windowEnd: now.toISOString(),
    };
    logger.info('conversation activity counted', { tableName, ...result });
    metrics.setTimestamp(now);
    metrics.addMetric('ActiveConversations', MetricUnit.Count, result.conversations);
    metrics.addMetric('ConversationMessages', MetricUnit.Count, messages);
    return result;
  };
}

// Built once per execution environment so that warm invocations reuse its connections; captured, so that the trace
// shows every Scan page.
const tracer = new Tracer();
const client = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})));

type Handler = (event: ScheduledEvent, context?: Context) => Promise<ConversationAnalyticsResult>;
let fromEnvironment: Handler | undefined;

/** Configured from the environment on the first invocation (a missing variable fails it, naming the variable). */
export const handler: Handler = async (event, context) => {
  fromEnvironment ??= (() => {
    const tools = createPowertools({
      namespace: process.env.METRIC_NAMESPACE || `${requireEnv('SERVICE')}/${requireEnv('ENVIRONMENT')}`,
      tracer,
    });
    const run = createHandler({ client, tableName: requireEnv('CONVERSATION_TABLE_NAME'), tools });
    // The scheduled event's ID ties every line of a run together.
    return instrument(tools, run, { correlationId: (event) => event?.id });
  })();
  return fromEnvironment(event, context);
};
