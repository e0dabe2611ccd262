/**
 * The tracking table: one item per request ID, moving `queued -> running -> succeeded | failed`. Every write sets
 * `updatedAt`, the sort key of the status index (`status`, `updatedAt`), so "what is running, oldest first" is one
 * query. Finished items get `expiresAt` (epoch seconds), the table's TTL attribute.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CODEGEN_CONTRACT } from '../../core/codegen-contract';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export const STATUS_INDEX = CODEGEN_CONTRACT.statusIndex;

export interface TrackingTableOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Days a finished item is kept. */
  readonly retentionDays: number;
  readonly now?: () => Date;
}

export interface JobError {
  readonly code: string;
  readonly message: string;
}

export class TrackingTable {
  private readonly now: () => Date;

  constructor(private readonly options: TrackingTableOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Records the request as queued when it is first seen; an item that already exists keeps its state. */
  async received(requestId: string, template: string | undefined, sentAt: Date): Promise<void> {
    const now = this.now().toISOString();
    await this.update(
      requestId,
      'SET #status = if_not_exists(#status, :queued), queuedAt = if_not_exists(queuedAt, :sentAt), ' +
        'updatedAt = if_not_exists(updatedAt, :now), attempts = if_not_exists(attempts, :zero)' +
        (template ? ', template = if_not_exists(template, :template)' : ''),
      {
        ':queued': 'queued',
        ':sentAt': sentAt.toISOString(),
        ':now': now,
        ':zero': 0,
        ...(template ? { ':template': template } : {}),
      },
    );
  }

  /**
   * Marks the job running and counts the attempt. Returns false when it has already succeeded (a late duplicate
   * whose idempotency record has expired), which the caller treats as done.
   */
  async running(requestId: string, receiveCount: number): Promise<boolean> {
    try {
      await this.update(
        requestId,
        'SET #status = :running, startedAt = :now, updatedAt = :now, attempts = :count',
        { ':running': 'running', ':now': this.now().toISOString(), ':count': receiveCount, ':succeeded': 'succeeded' },
        '#status <> :succeeded',
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async succeeded(requestId: string, result: { outputKey: string; durationMs: number; model?: string }): Promise<void> {
    const now = this.now();
    await this.update(
      requestId,
      'SET #status = :succeeded, outputKey = :outputKey, durationMs = :durationMs, finishedAt = :now, ' +
        'updatedAt = :now, #ttl = :expiresAt' +
        (result.model ? ', model = :model' : '') +
        ' REMOVE lastError',
      {
        ':succeeded': 'succeeded',
        ':outputKey': result.outputKey,
        ':durationMs': result.durationMs,
        ':now': now.toISOString(),
        ':expiresAt': this.expiry(now),
        ...(result.model ? { ':model': result.model } : {}),
      },
    );
  }

  /** The job failed for good: the error is kept on the item, which expires like a successful one. */
  async failed(requestId: string, error: JobError): Promise<void> {
    const now = this.now();
    await this.unlessSucceeded(() =>
      this.update(
        requestId,
        'SET #status = :failed, lastError = :error, finishedAt = :now, updatedAt = :now, #ttl = :expiresAt',
        { ':failed': 'failed', ':error': error, ':now': now.toISOString(), ':expiresAt': this.expiry(now) },
        'attribute_not_exists(#status) OR #status <> :succeeded',
        { ':succeeded': 'succeeded' },
      ),
    );
  }

  /** The attempt failed and SQS will deliver the message again: back to queued, with the error of this attempt. */
  async retrying(requestId: string, error: JobError): Promise<void> {
    await this.unlessSucceeded(() =>
      this.update(
        requestId,
        'SET #status = :queued, lastError = :error, updatedAt = :now',
        { ':queued': 'queued', ':error': error, ':now': this.now().toISOString(), ':succeeded': 'succeeded' },
        '#status <> :succeeded',
      ),
    );
  }

  /** A job that has succeeded (through another delivery) keeps its result. */
  private async unlessSucceeded(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private expiry(now: Date): number {
    return Math.floor(now.getTime() / 1000) + this.options.retentionDays * 86_400;
  }

  private async update(
    requestId: string,
    expression: string,
    values: Record<string, unknown>,
    condition?: string,
    conditionValues: Record<string, unknown> = {},
  ): Promise<void> {
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: { [CODEGEN_CONTRACT.trackingKey]: requestId },
        UpdateExpression: expression,
        ConditionExpression: condition,
        // DynamoDB refuses names an expression does not use.
        ExpressionAttributeNames: {
          '#status': 'status',
          ...(expression.includes('#ttl') ? { '#ttl': CODEGEN_CONTRACT.trackingTtlAttribute } : {}),
        },
        ExpressionAttributeValues: { ...values, ...conditionValues },
      }),
    );
  }
}
