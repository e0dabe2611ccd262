/**
 * The code-generation worker, consuming the request queue (SQS event source with ReportBatchItemFailures).
 *
 * For each message: parse the request, record it `queued` in the tracking table, then, once per request ID
 * (Powertools Idempotency on the idempotency table): mark it `running`, load the template (cache first, then the
 * templates bucket, writing back to the cache), render it, call the model endpoint (timeout, bounded retries with
 * backoff and jitter), write the result to the output bucket and mark it `succeeded`.
 *
 * Failures: a malformed message, a missing or unrenderable template, or a model refusal (4xx) marks the job
 * `failed` with the error and is not reported as a batch item failure, so SQS deletes it. Anything else (model
 * timeout, 5xx, malformed answer, an AWS call failing) is reported as a batch item failure: SQS delivers it again
 * after the visibility timeout, the tracking item goes back to `queued` with the error of the attempt, and the last
 * allowed delivery (MAX_RECEIVE_COUNT) records `failed` before SQS moves the message to the dead-letter queue.
 *
 * Environment: TRACKING_TABLE_NAME, IDEMPOTENCY_TABLE_NAME, TEMPLATES_BUCKET, OUTPUT_BUCKET,
 * MODEL_ENDPOINT_PARAMETER (SSM parameter name), MODEL_API_KEY_SECRET_ARN (Secrets Manager; the bare key or
 * `{"apiKey": "..."}`) and MAX_RECEIVE_COUNT are required; MODEL_TIMEOUT_MS (90000), MODEL_MAX_ATTEMPTS (3),
 * MODEL_RETRY_BASE_MS (1000), MODEL_NAME (none), TRACKING_RETENTION_DAYS (30), IDEMPOTENCY_EXPIRY_SECONDS (86400),
 * PARAMETERS_MAX_AGE_SECONDS (300), CACHE_ENDPOINT (`host:port`; no cache when unset), CACHE_TLS (true) and
 * TEMPLATE_CACHE_TTL_SECONDS (3600) are optional; POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE name the
 * logs and metrics.
 *
 * Metrics (namespace POWERTOOLS_METRICS_NAMESPACE, dimension `service`): GenerationSucceeded, GenerationFailed
 * (jobs that ended failed), GenerationRetried (deliveries handed back to SQS), GenerationDuration (ms),
 * TemplateCacheHits, TemplateCacheMisses, TemplateCacheErrors.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { Redis } from 'ioredis';
import { CODEGEN_CONTRACT } from '../../core/codegen-contract';
import { PermanentGenerationError, RetryableGenerationError } from './errors';
import { callModel } from './model';
import { GenerationRequest, MalformedRequestError, parseRequest } from './request';
import { renderTemplate, TemplateStore } from './template';
import { JobError, TrackingTable } from './tracking';

export * from './errors';
export * from './model';
export * from './request';
export * from './template';
export * from './tracking';

export const METRIC_NAMES = CODEGEN_CONTRACT.metrics;

export interface CacheConfig {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly ttlSeconds: number;
}

export interface WorkerConfig {
  readonly trackingTableName: string;
  readonly idempotencyTableName: string;
  readonly templatesBucket: string;
  readonly outputBucket: string;
  readonly modelEndpointParameter: string;
  readonly modelApiKeySecretId: string;
  readonly maxReceiveCount: number;
  readonly modelTimeoutMs: number;
  readonly modelMaxAttempts: number;
  readonly modelRetryBaseMs: number;
  readonly modelName?: string;
  readonly trackingRetentionDays: number;
  readonly idempotencyExpirySeconds: number;
  readonly parametersMaxAgeSeconds: number;
  readonly cache?: CacheConfig;
}

function requireEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`environment variable ${name} is required`);
  return value;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback?: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    if (fallback === undefined) throw new Error(`environment variable ${name} is required`);
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`environment variable ${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

function cacheFromEnv(env: NodeJS.ProcessEnv): CacheConfig | undefined {
  const endpoint = env.CACHE_ENDPOINT;
  if (endpoint === undefined || endpoint === '') return undefined;
  const match = /^([^:\s]+):(\d{1,5})$/.exec(endpoint);
  if (!match) throw new Error(`environment variable CACHE_ENDPOINT must be host:port, got "${endpoint}"`);
  return {
    host: match[1],
    port: Number(match[2]),
    tls: env.CACHE_TLS !== 'false',
    ttlSeconds: positiveInteger(env, 'TEMPLATE_CACHE_TTL_SECONDS', 3600),
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    trackingTableName: requireEnv(env, 'TRACKING_TABLE_NAME'),
    idempotencyTableName: requireEnv(env, 'IDEMPOTENCY_TABLE_NAME'),
    templatesBucket: requireEnv(env, 'TEMPLATES_BUCKET'),
    outputBucket: requireEnv(env, 'OUTPUT_BUCKET'),
    modelEndpointParameter: requireEnv(env, 'MODEL_ENDPOINT_PARAMETER'),
    modelApiKeySecretId: requireEnv(env, 'MODEL_API_KEY_SECRET_ARN'),
    maxReceiveCount: positiveInteger(env, 'MAX_RECEIVE_COUNT'),
    modelTimeoutMs: positiveInteger(env, 'MODEL_TIMEOUT_MS', 90_000),
    modelMaxAttempts: positiveInteger(env, 'MODEL_MAX_ATTEMPTS', 3),
    modelRetryBaseMs: positiveInteger(env, 'MODEL_RETRY_BASE_MS', 1000),
    modelName: env.MODEL_NAME || undefined,
    trackingRetentionDays: positiveInteger(env, 'TRACKING_RETENTION_DAYS', 30),
    idempotencyExpirySeconds: positiveInteger(env, 'IDEMPOTENCY_EXPIRY_SECONDS', 86_400),
    parametersMaxAgeSeconds: positiveInteger(env, 'PARAMETERS_MAX_AGE_SECONDS', 300),
    cache: cacheFromEnv(env),
  };
}

/** The AWS clients the worker uses; tests point them at local servers. */
export interface WorkerClients {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly ssm: SSMClient;
  readonly secretsManager: SecretsManagerClient;
}

export interface WorkerDeps {
  readonly config: WorkerConfig;
  /** @default clients with the SDK's defaults (region and endpoints from the Lambda environment) */
  readonly clients?: WorkerClients;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly tracer?: Tracer;
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly random?: () => number;
  readonly now?: () => Date;
}

/** What one record came to; stored by the idempotency layer as the result of a request ID. */
export interface GenerationOutcome {
  readonly requestId: string;
  readonly status: 'succeeded' | 'failed';
  readonly outputKey?: string;
  readonly error?: JobError;
}

export interface Worker {
  readonly handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  /** Closes the cache connection (tests; Lambda freezes the container instead). */
  close(): void;
}

export const outputKey = (requestId: string): string => `${CODEGEN_CONTRACT.generatedPrefix}${requestId}.json`;

const jobError = (error: unknown): JobError => ({
  code:
    error instanceof PermanentGenerationError || error instanceof RetryableGenerationError
      ? error.code
      : ((error as { name?: string }).name ?? 'Error'),
  message: String((error as Error).message ?? error).slice(0, 1000),
});

export function createWorker(deps: WorkerDeps): Worker {
  const { config } = deps;
  const logger = deps.logger ?? new Logger();
  const metrics = deps.metrics ?? new Metrics();
  const tracer = deps.tracer ?? new Tracer();
  const now = deps.now ?? (() => new Date());
  const clients = deps.clients ?? {
    dynamodb: new DynamoDBClient({}),
    s3: new S3Client({}),
    ssm: new SSMClient({}),
    secretsManager: new SecretsManagerClient({}),
  };
  const dynamodb = tracer.captureAWSv3Client(clients.dynamodb);
  const s3 = tracer.captureAWSv3Client(clients.s3);
  const ssm = new SSMProvider({ awsSdkV3Client: tracer.captureAWSv3Client(clients.ssm) });
  const secrets = new SecretsProvider({ awsSdkV3Client: tracer.captureAWSv3Client(clients.secretsManager) });

  const redis = config.cache
    ? new Redis({
        host: config.cache.host,
        port: config.cache.port,
        // ElastiCache Serverless accepts TLS connections only.
        tls: config.cache.tls ? { servername: config.cache.host } : undefined,
        lazyConnect: true,
        connectTimeout: 2000,
        commandTimeout: 1000,
        maxRetriesPerRequest: 1,
      })
    : undefined;
  redis?.on('error', (error: Error) => logger.warn('template cache connection error', { error: error.message }));

  const tracking = new TrackingTable({
    client: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    tableName: config.trackingTableName,
    retentionDays: config.trackingRetentionDays,
    now,
  });
  const templates = new TemplateStore({
    s3,
    bucket: config.templatesBucket,
    cache: redis,
    cacheTtlSeconds: config.cache?.ttlSeconds,
    onCacheError: (operation, error) => {
      metrics.addMetric('TemplateCacheErrors', MetricUnit.Count, 1);
      logger.warn('template cache failed; reading the bucket', { operation, error: String(error) });
    },
  });

  let remainingMs: () => number = () => Number.POSITIVE_INFINITY;

  async function modelCredentials(): Promise<{ endpoint: string; apiKey: string }> {
    const maxAge = config.parametersMaxAgeSeconds;
    const [endpoint, secret] = await Promise.all([
      ssm.get(config.modelEndpointParameter, { maxAge }),
      secrets.get(config.modelApiKeySecretId, { maxAge }),
    ]);
    if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint)) {
      throw new RetryableGenerationError(`parameter ${config.modelEndpointParameter} is not a URL`, 'ConfigInvalid');
    }
    if (typeof secret !== 'string' || secret.trim() === '') {
      throw new RetryableGenerationError(`secret ${config.modelApiKeySecretId} has no value yet`, 'ConfigInvalid');
    }
    return { endpoint, apiKey: apiKeyFromSecret(secret) };
  }

  /** One generation; runs once per request ID (the idempotency layer returns the stored outcome after that). */
  async function generate(request: GenerationRequest, receiveCount: number): Promise<GenerationOutcome> {
    const { requestId } = request;
    const started = Date.now();
    if (!(await tracking.running(requestId, receiveCount))) {
      logger.info('request already succeeded; duplicate ignored', { requestId });
      return { requestId, status: 'succeeded', outputKey: outputKey(requestId) };
    }
    try {
      const { template, source } = await templates.load(request.template);
      metrics.addMetric(source === 'cache' ? 'TemplateCacheHits' : 'TemplateCacheMisses', MetricUnit.Count, 1);
      const rendered = renderTemplate(request.template, template, request.parameters);
      const { endpoint, apiKey } = await modelCredentials();
      const answer = await callModel(
        { ...rendered, model: request.model ?? rendered.model ?? config.modelName },
        {
          endpoint,
          apiKey,
          timeoutMs: config.modelTimeoutMs,
          maxAttempts: config.modelMaxAttempts,
          retryBaseMs: config.modelRetryBaseMs,
          remainingMs: () => remainingMs(),
          random: deps.random,
          sleep: deps.sleep,
          onRetry: (attempt, error, waitMs) =>
            logger.warn('model call failed; retrying', { requestId, attempt, waitMs, error: error.message }),
        },
      );
      const key = outputKey(requestId);
      await s3.send(
        new PutObjectCommand({
          Bucket: config.outputBucket,
          Key: key,
          ContentType: 'application/json',
          Body: JSON.stringify({
            requestId,
            template: request.template,
            model: answer.model,
            output: answer.content,
            generatedAt: now().toISOString(),
          }),
        }),
      );
      const durationMs = Date.now() - started;
      await tracking.succeeded(requestId, { outputKey: key, durationMs, model: answer.model });
      metrics.addMetric(METRIC_NAMES.succeeded, MetricUnit.Count, 1);
      metrics.addMetric(METRIC_NAMES.duration, MetricUnit.Milliseconds, durationMs);
      logger.info('generation succeeded', { requestId, outputKey: key, attempts: answer.attempts, durationMs });
      return { requestId, status: 'succeeded', outputKey: key };
    } catch (error) {
      if (!(error instanceof PermanentGenerationError)) throw error;
      const failure = jobError(error);
      await tracking.failed(requestId, failure);
      metrics.addMetric(METRIC_NAMES.failed, MetricUnit.Count, 1);
      logger.error('generation failed for good', { requestId, ...failure });
      return { requestId, status: 'failed', error: failure };
    }
  }

  const idempotency = new IdempotencyConfig({
    eventKeyJmesPath: 'requestId',
    // The same request ID with another payload is a caller error, not a duplicate.
    payloadValidationJmesPath: '[template, parameters, model]',
    expiresAfterSeconds: config.idempotencyExpirySeconds,
  });
  const generateOnce = makeIdempotent(generate, {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: config.idempotencyTableName,
      awsSdkV3Client: dynamodb,
    }),
    config: idempotency,
  });

  async function processRecord(record: SQSRecord): Promise<GenerationOutcome | undefined> {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? '1');
    let request: GenerationRequest;
    try {
      request = parseRequest(record.body);
    } catch (error) {
      if (!(error instanceof MalformedRequestError)) throw error;
      const failure = jobError(error);
      logger.error('malformed request dropped', {
        messageId: record.messageId,
        requestId: error.requestId,
        ...failure,
      });
      metrics.addMetric(METRIC_NAMES.failed, MetricUnit.Count, 1);
      if (error.requestId === undefined) return undefined;
      await tracking.failed(error.requestId, failure);
      return { requestId: error.requestId, status: 'failed', error: failure };
    }
    const { requestId } = request;
    await tracking.received(requestId, request.template, new Date(Number(record.attributes.SentTimestamp) || now()));
    try {
      return await generateOnce(request, receiveCount);
    } catch (error) {
      if (error instanceof IdempotencyValidationError) {
        logger.error('request ID reused with a different payload; message dropped', { requestId });
        metrics.addMetric(METRIC_NAMES.failed, MetricUnit.Count, 1);
        return undefined;
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        logger.warn('request is being generated by another delivery; retried later', { requestId });
        throw error;
      }
      // The idempotency layer wraps the handler's own error; the cause is what failed.
      const cause = (error as { cause?: unknown }).cause ?? error;
      const failure = jobError(cause);
      if (receiveCount >= config.maxReceiveCount) {
        await tracking.failed(requestId, failure);
        metrics.addMetric(METRIC_NAMES.failed, MetricUnit.Count, 1);
        logger.error('generation failed on its last delivery; the message moves to the dead-letter queue', {
          requestId,
          receiveCount,
          ...failure,
        });
      } else {
        await tracking.retrying(requestId, failure);
        metrics.addMetric(METRIC_NAMES.retried, MetricUnit.Count, 1);
        logger.warn('generation failed; SQS delivers it again', { requestId, receiveCount, ...failure });
      }
      throw cause;
    }
  }

  const processor = new BatchProcessor(EventType.SQS);

  async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
    logger.addContext(context);
    idempotency.registerLambdaContext(context);
    remainingMs = () => context.getRemainingTimeInMillis();
    const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const subsegment = segment?.addNewSubsegment('## codegen-worker');
    if (subsegment) {
      tracer.setSegment(subsegment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      // Failures are returned as batchItemFailures even when every record failed: SQS retries exactly those, and
      // the function's Errors metric keeps meaning "the worker itself broke".
      return await processPartialResponse(event, processRecord, processor, {
        context,
        throwOnFullBatchFailure: false,
      });
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
      metrics.publishStoredMetrics();
    }
  }

  return {
    handler,
    close() {
      // No QUIT round trip: a client that never connected would wait for it.
      redis?.disconnect();
    },
  };
}

/** The API key from a secret holding the bare key or `{"apiKey": "..."}`; errors never quote the secret. */
export function apiKeyFromSecret(secret: string): string {
  const value = secret.trim();
  if (!value.startsWith('{')) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new RetryableGenerationError('model API key secret starts with "{" but is not JSON', 'ConfigInvalid');
  }
  const key = (parsed as { apiKey?: unknown }).apiKey;
  if (typeof key !== 'string' || key === '') {
    throw new RetryableGenerationError('model API key secret JSON has no "apiKey" string', 'ConfigInvalid');
  }
  return key;
}

let worker: Worker | undefined;

/** Built on first use rather than at import, so that importing the module for its functions needs no environment. */
export const handler = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  (worker ??= createWorker({ config: configFromEnv() })).handler(event, context);
