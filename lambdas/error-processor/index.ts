/**
 * The error processor: subscribed (CloudWatch Logs subscription filters) to the log groups of the environment's
 * functions, it turns the errors they log into a count metric and a summary on the warning topic, at most one
 * summary per distinct error (function, type, masked message) per deduplication window.
 *
 * Environment: SERVICE, ENVIRONMENT, WARNING_TOPIC_ARN and IDEMPOTENCY_TABLE_NAME are required; METRIC_NAMESPACE
 * (default `<SERVICE>/<ENVIRONMENT>`) and DEDUP_WINDOW_SECONDS (900) are optional.
 * IAM: sns:Publish on the warning topic (kms:GenerateDataKey and kms:Decrypt on its key through SNS);
 * dynamodb:PutItem, GetItem, UpdateItem and DeleteItem on the idempotency table.
 *
 * Deduplication is Powertools Idempotency over a DynamoDB table with TTL: subscription filters invoke the function
 * concurrently from many containers, so a per-container memory would forward one alert per container; the
 * persistence layer's conditional write lets exactly one invocation publish per fingerprint until the record expires
 * (the local cache spares DynamoDB the repeats a burst brings to one container). A publish that fails deletes the
 * record again, so the retry publishes.
 *
 * Metrics: ErrorRecords (dimension function_name), ErrorSummariesForwarded, ErrorSummariesSuppressed and
 * MalformedLogPayloads. Malformed payloads are logged and counted, never retried; a failed publish makes the
 * invocation throw once the other summaries are done (CloudWatch Logs invokes asynchronously, so Lambda retries).
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'crypto';
import { createPowertools, instrument, MetricUnit, requireEnv, type Powertools } from '../shared/powertools';
import { decodeLogsEvent, extractErrors, fingerprint, MalformedPayloadError, type ErrorRecord } from './decode';

export * from './decode';

export const DEFAULT_DEDUP_WINDOW_SECONDS = 900;
/** Request IDs quoted in one summary; the rest are counted. */
const MAX_REQUEST_IDS = 5;
/** Stack lines quoted in one summary. */
const MAX_STACK_LINES = 8;

export interface ErrorProcessorConfig {
  readonly service: string;
  readonly environment: string;
  readonly warningTopicArn: string;
  readonly idempotencyTableName: string;
  readonly metricNamespace: string;
  readonly dedupWindowSeconds: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ErrorProcessorConfig {
  const service = requireEnv('SERVICE', env);
  const environment = requireEnv('ENVIRONMENT', env);
  const rawWindow = env.DEDUP_WINDOW_SECONDS;
  const window = rawWindow === undefined || rawWindow === '' ? DEFAULT_DEDUP_WINDOW_SECONDS : Number(rawWindow);
  if (!Number.isInteger(window) || window < 1) {
    throw new Error(`environment variable DEDUP_WINDOW_SECONDS must be a positive integer, got "${rawWindow}"`);
  }
  return {
    service,
    environment,
    warningTopicArn: requireEnv('WARNING_TOPIC_ARN', env),
    idempotencyTableName: requireEnv('IDEMPOTENCY_TABLE_NAME', env),
    metricNamespace: env.METRIC_NAMESPACE || `${service}/${environment}`,
    dedupWindowSeconds: window,
  };
}

/** The errors of one batch that share a fingerprint. */
export interface ErrorGroup {
  readonly fingerprint: string;
  readonly first: ErrorRecord;
  readonly count: number;
  readonly requestIds: readonly string[];
}

export function groupErrors(records: readonly ErrorRecord[]): ErrorGroup[] {
  const groups = new Map<string, { first: ErrorRecord; count: number; requestIds: Set<string> }>();
  for (const record of records) {
    const key = fingerprint(record);
    const group = groups.get(key) ?? { first: record, count: 0, requestIds: new Set<string>() };
    group.count++;
    if (record.requestId) group.requestIds.add(record.requestId);
    groups.set(key, group);
  }
  return [...groups].map(([key, g]) => ({
    fingerprint: key,
    first: g.first,
    count: g.count,
    requestIds: [...g.requestIds],
  }));
}

/** SNS limits a subject to 100 characters. */
export function summarySubject(group: ErrorGroup, config: ErrorProcessorConfig): string {
  const subject = `${config.service} ${config.environment}: ${group.first.errorType} in ${group.first.functionName}`;
  return subject.length <= 100 ? subject : `${subject.slice(0, 99)}…`;
}

export function summaryMessage(group: ErrorGroup, config: ErrorProcessorConfig): string {
  const { first } = group;
  const ids = group.requestIds.slice(0, MAX_REQUEST_IDS);
  const more = group.requestIds.length - ids.length;
  const lines = [
    `${first.errorType}: ${first.message}`,
    `Function: ${first.functionName}`,
    `Occurrences in this batch: ${group.count}, first at ${new Date(first.timestamp).toISOString()}`,
  ];
  if (ids.length > 0) lines.push(`Request IDs: ${ids.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  lines.push(`Log group: ${first.logGroup} (stream ${first.logStream})`);
  if (first.stack) lines.push('Stack:', ...first.stack.split('\n').slice(0, MAX_STACK_LINES));
  lines.push(`Further occurrences within ${config.dedupWindowSeconds} s are counted (ErrorRecords) but not forwarded.`);
  return lines.join('\n');
}

export interface ErrorProcessorDeps {
  readonly config: ErrorProcessorConfig;
  readonly sns: SNSClient;
  readonly dynamodb: DynamoDBClient;
  /** @default Logger and Metrics for the configured service and namespace */
  readonly tools?: Powertools;
}

export interface ErrorSummary {
  readonly errors: number;
  /** Distinct errors (fingerprints) in the batch. */
  readonly groups: number;
  readonly forwarded: number;
  /** Distinct errors already forwarded within the window (or being forwarded by another invocation). */
  readonly suppressed: number;
  readonly failed: number;
  readonly malformed: number;
}

export class SummaryDeliveryError extends Error {
  override name = 'SummaryDeliveryError';

  constructor(readonly summary: ErrorSummary) {
    super(`${summary.failed} error summary(ies) could not be published to the warning topic`);
  }
}

interface ForwardRequest {
  readonly fingerprint: string;
  /** Identifies this invocation: a stored result with another token means the summary was sent before. */
  readonly token: string;
  readonly subject: string;
  readonly message: string;
}

interface ForwardResult {
  readonly token: string;
  readonly messageId?: string;
}

export function createHandler(deps: ErrorProcessorDeps): (event: unknown, context?: Context) => Promise<ErrorSummary> {
  const { config, sns } = deps;
  const { logger, metrics } =
    deps.tools ?? createPowertools({ serviceName: config.service, namespace: config.metricNamespace });
  const idempotency = new IdempotencyConfig({
    eventKeyJmesPath: 'fingerprint',
    expiresAfterSeconds: config.dedupWindowSeconds,
    useLocalCache: true,
  });
  const forward = makeIdempotent(
    async (request: ForwardRequest): Promise<ForwardResult> => {
      const { MessageId } = await sns.send(
        new PublishCommand({ TopicArn: config.warningTopicArn, Subject: request.subject, Message: request.message }),
      );
      return { token: request.token, messageId: MessageId };
    },
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: config.idempotencyTableName,
        awsSdkV3Client: deps.dynamodb,
      }),
      config: idempotency,
    },
  );

  async function forwardGroup(group: ErrorGroup, token: string): Promise<'forwarded' | 'suppressed' | 'failed'> {
    const fields = { fingerprint: group.fingerprint, functionName: group.first.functionName, count: group.count };
    try {
      const result = await forward({
        fingerprint: group.fingerprint,
        token,
        subject: summarySubject(group, config),
        message: summaryMessage(group, config),
      });
      if (result.token === token) {
        logger.info('error summary forwarded', { ...fields, messageId: result.messageId });
        return 'forwarded';
      }
      logger.info('error summary suppressed: already forwarded in the window', fields);
      return 'suppressed';
    } catch (error) {
      if (error instanceof IdempotencyAlreadyInProgressError) {
        logger.info('error summary suppressed: another invocation is forwarding it', fields);
        return 'suppressed';
      }
      logger.error('error summary could not be published', { ...fields, error: String(error) });
      return 'failed';
    }
  }

  return async (event, context) => {
    if (context) idempotency.registerLambdaContext(context);
    let records: ErrorRecord[];
    try {
      records = extractErrors(decodeLogsEvent(event));
    } catch (error) {
      if (!(error instanceof MalformedPayloadError)) throw error;
      logger.error('malformed log payload dropped', { reason: error.message });
      metrics.addMetric('MalformedLogPayloads', MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
      return { errors: 0, groups: 0, forwarded: 0, suppressed: 0, failed: 0, malformed: 1 };
    }

    const perFunction = new Map<string, number>();
    for (const r of records) perFunction.set(r.functionName, (perFunction.get(r.functionName) ?? 0) + 1);
    for (const [functionName, count] of perFunction) {
      // One EMF record per function: a flush carries one set of dimensions.
      metrics.singleMetric().addDimension('function_name', functionName).addMetric('ErrorRecords', 'Count', count);
    }

    const token = randomUUID();
    const groups = groupErrors(records);
    const outcome = { forwarded: 0, suppressed: 0, failed: 0 };
    for (const group of groups) outcome[await forwardGroup(group, token)]++;
    const summary: ErrorSummary = { errors: records.length, groups: groups.length, ...outcome, malformed: 0 };

    metrics.addMetric('ErrorSummariesForwarded', MetricUnit.Count, outcome.forwarded);
    metrics.addMetric('ErrorSummariesSuppressed', MetricUnit.Count, outcome.suppressed);
    metrics.publishStoredMetrics();
    logger.info('log batch processed', { ...summary });
    if (outcome.failed > 0) throw new SummaryDeliveryError(summary);
    return summary;
  };
}

let defaultHandler: ((event: unknown, context?: Context) => Promise<ErrorSummary>) | undefined;

/** Built on first use, so that importing the module for its functions needs no environment. */
export const handler = async (event: unknown, context?: Context): Promise<ErrorSummary> => {
  defaultHandler ??= (() => {
    const config = configFromEnv();
    const tracer = new Tracer({ serviceName: config.service });
    const tools = createPowertools({ serviceName: config.service, namespace: config.metricNamespace, tracer });
    const run = createHandler({
      config,
      tools,
      sns: tracer.captureAWSv3Client(new SNSClient({})),
      dynamodb: tracer.captureAWSv3Client(new DynamoDBClient({})),
    });
    return instrument(tools, run);
  })();
  return defaultHandler(event, context);
};
