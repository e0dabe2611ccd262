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
import type { ScheduledEvent } from 'aws-lambda';
import { log, putMetrics, requireEnv, type Writer } from '../shared/telemetry';

export const CONVERSATION_TABLE_KEY = {
  partitionKey: { name: 'conversationId', type: 'S' },
  sortKey: { name: 'timestamp', type: 'N' },
} as const;

const WINDOW_MS = 60 * 60 * 1000;

export interface ConversationAnalyticsDeps {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** CloudWatch namespace of the EMF metrics. */
  readonly namespace: string;
  readonly now?: () => Date;
  /** Receives the log and EMF lines; stdout by default. */
  readonly write?: Writer;
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
  const { client, tableName, namespace, write } = deps;

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
    log('info', 'conversation activity counted', { tableName, ...result }, write);
    putMetrics(
      [
        { name: 'ActiveConversations', value: result.conversations, unit: 'Count' },
        { name: 'ConversationMessages', value: messages, unit: 'Count' },
      ],
      { namespace, now, write },
    );
    return result;
  };
}

// Built once per execution environment so that warm invocations reuse its connections.
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: ScheduledEvent): Promise<ConversationAnalyticsResult> =>
  createHandler({
    client,
    tableName: requireEnv('CONVERSATION_TABLE_NAME'),
    namespace: process.env.METRIC_NAMESPACE || `${requireEnv('SERVICE')}/${requireEnv('ENVIRONMENT')}`,
  })(event);
