/**
 * The worker against real local servers, asserting what each ended up holding: a model endpoint (an HTTP server
 * that can be slow, fail or answer garbage), dynalite for the tracking and idempotency tables, s3rver for the
 * templates and output buckets, redis-server for the template cache, and an HTTP server for SSM and Secrets Manager.
 *
 * redis-server must be on the PATH: CI (CI=true) fails without it; elsewhere the suite is skipped with a reason.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'http';
import { Redis } from 'ioredis';
import { createServer as createNetServer, type AddressInfo } from 'net';
import {
  cacheKey,
  createWorker,
  outputKey,
  STATUS_INDEX,
  templateKey,
  type Worker,
  type WorkerConfig,
} from '../../../lambdas/codegen-worker';
import { startDynamoDbLocal, type DynamoDbLocal } from '../dynamodb-local';
import {
  close,
  findRedisServer,
  listen,
  readBody,
  startParameterStores,
  startRedis,
  startS3,
  type LocalRedis,
  type LocalS3,
  type ParameterStores,
} from './local-servers';

const REDIS_SERVER = findRedisServer();
const IN_CI = process.env.CI === 'true';
if (!REDIS_SERVER && !IN_CI) {
  console.warn(
    'Skipping the codegen worker integration tests: redis-server is not on the PATH (apt-get install -y redis-server).',
  );
}
const suite = REDIS_SERVER || IN_CI ? describe : describe.skip;

const TRACKING = 'codegen-requests';
const IDEMPOTENCY = 'codegen-idempotency';
const TEMPLATES = 'codegen-templates';
const OUTPUT = 'codegen-output';
const ENDPOINT_PARAMETER = '/svc/dev/codegen/model-endpoint';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:svc/dev/codegen/model-api-key-AbCdEf';
const API_KEY = 'test-model-key';
const MAX_RECEIVE_COUNT = 3;
const MODEL_ATTEMPTS = 2;

type Reply = (res: ServerResponse) => void;
interface ModelRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: { model?: string; messages: { role: string; content: string }[] };
}

const completion =
  (content: string): Reply =>
  (res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ model: 'gpt-test', choices: [{ message: { role: 'assistant', content } }] }));
const status =
  (code: number, body = 'error'): Reply =>
  (res) =>
    res.writeHead(code).end(body);
const garbage: Reply = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [');
/** Answers only after the worker's timeout, and stops waiting when the client gives up. */
const slow: Reply = (res) => {
  const timer = setTimeout(completion('too late'), 5000, res);
  res.on('close', () => clearTimeout(timer));
  timer.unref();
};

let modelRequests: ModelRequest[] = [];
let modelReplies: Reply[] = [];
let defaultReply: Reply = completion('export const generated = true;');
const model = createServer(async (req, res) => {
  modelRequests.push({ headers: req.headers, body: JSON.parse(await readBody(req)) });
  (modelReplies.shift() ?? defaultReply)(res);
});

function sqsRecord(body: unknown, options: { messageId?: string; receiveCount?: number } = {}): SQSRecord {
  return {
    messageId: options.messageId ?? `m-${Math.random().toString(36).slice(2)}`,
    receiptHandle: 'handle',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: String(Date.parse('2026-01-15T10:00:00.000Z')),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.parse('2026-01-15T10:00:01.000Z')),
    },
    messageAttributes: {},
    md5OfBody: 'md5',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:svc-dev-codegen-requests',
    awsRegion: 'us-east-1',
  };
}

const event = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

const context = {
  functionName: 'svc-dev-codegen-worker',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:svc-dev-codegen-worker',
  memoryLimitInMB: '512',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/svc-dev-codegen-worker',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

suite('codegen worker against local servers', () => {
  let dynamo: DynamoDbLocal;
  let s3Local: LocalS3;
  let redisLocal: LocalRedis;
  let stores: ParameterStores;
  let s3: S3Client;
  let redis: Redis;
  let modelUrl: string;
  let worker: Worker;
  let clients: { dynamodb: DynamoDBClient; s3: S3Client; ssm: SSMClient; secretsManager: SecretsManagerClient };
  let stdout: string[];

  const config = (overrides: Partial<WorkerConfig> = {}): WorkerConfig => ({
    trackingTableName: TRACKING,
    idempotencyTableName: IDEMPOTENCY,
    templatesBucket: TEMPLATES,
    outputBucket: OUTPUT,
    modelEndpointParameter: ENDPOINT_PARAMETER,
    modelApiKeySecretId: SECRET_ARN,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    modelTimeoutMs: 300,
    modelMaxAttempts: MODEL_ATTEMPTS,
    modelRetryBaseMs: 10,
    trackingRetentionDays: 30,
    idempotencyExpirySeconds: 3600,
    parametersMaxAgeSeconds: 300,
    cache: { host: redisLocal.host, port: redisLocal.port, tls: false, ttlSeconds: 600 },
    ...overrides,
  });

  const newWorker = (overrides: Partial<WorkerConfig> = {}): Worker =>
    createWorker({
      config: config(overrides),
      clients,
      logger: new Logger({ serviceName: 'codegen-worker', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'svc/dev', serviceName: 'codegen-worker' }),
      tracer: new Tracer({ serviceName: 'codegen-worker', enabled: false }),
      random: () => 0.5,
    });

  const tracked = async (requestId: string) =>
    (await dynamo.client.send(new GetCommand({ TableName: TRACKING, Key: { requestId } }))).Item;
  const readOutput = async (requestId: string) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: OUTPUT, Key: outputKey(requestId) }));
    return JSON.parse(await object.Body!.transformToString()) as Record<string, unknown>;
  };
  const outputKeys = async () =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: OUTPUT }))).Contents ?? []).map((o) => o.Key);
  const putTemplate = (name: string, template: unknown) =>
    s3.send(new PutObjectCommand({ Bucket: TEMPLATES, Key: templateKey(name), Body: JSON.stringify(template) }));
  /** Sums of each custom metric over the EMF lines Powertools wrote. */
  const metricTotals = (): Record<string, number> => {
    const totals: Record<string, number> = {};
    for (const line of stdout.join('').split('\n')) {
      if (!line.includes('"_aws"')) continue;
      const record = JSON.parse(line) as Record<string, unknown> & {
        _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] };
      };
      for (const { Name } of record._aws.CloudWatchMetrics[0].Metrics) {
        const value = record[Name];
        const values = Array.isArray(value) ? (value as number[]) : [value as number];
        totals[Name] = (totals[Name] ?? 0) + values.reduce((a, b) => a + b, 0);
      }
    }
    return totals;
  };

  beforeAll(async () => {
    if (!REDIS_SERVER) {
      throw new Error(
        'redis-server is not on the PATH; the codegen worker integration tests need it (apt-get install -y redis-server, as .ci/run does)',
      );
    }
    process.env.AWS_LAMBDA_FUNCTION_NAME = context.functionName;
    [dynamo, s3Local, redisLocal, stores] = await Promise.all([
      startDynamoDbLocal(),
      startS3([TEMPLATES, OUTPUT]),
      startRedis(REDIS_SERVER),
      startParameterStores(),
    ]);
    modelUrl = `http://127.0.0.1:${await listen(model)}/v1/chat/completions`;
    stores.parameters[ENDPOINT_PARAMETER] = modelUrl;
    stores.secrets[SECRET_ARN] = JSON.stringify({ apiKey: API_KEY });
    const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
    const common = { region: 'us-east-1', credentials };
    clients = {
      dynamodb: new DynamoDBClient({ ...common, endpoint: dynamo.endpoint }),
      // s3rver accepts its own fixed credentials only.
      s3: new S3Client({
        region: 'us-east-1',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        endpoint: s3Local.endpoint,
        forcePathStyle: true,
      }),
      ssm: new SSMClient({ ...common, endpoint: stores.endpoint }),
      secretsManager: new SecretsManagerClient({ ...common, endpoint: stores.endpoint }),
    };
    s3 = clients.s3;
    redis = new Redis({ host: redisLocal.host, port: redisLocal.port });
    await dynamo.client.send(
      new CreateTableCommand({
        TableName: TRACKING,
        KeySchema: [{ AttributeName: 'requestId', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'requestId', AttributeType: 'S' },
          { AttributeName: 'status', AttributeType: 'S' },
          { AttributeName: 'updatedAt', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: STATUS_INDEX,
            KeySchema: [
              { AttributeName: 'status', KeyType: 'HASH' },
              { AttributeName: 'updatedAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await dynamo.createTable(IDEMPOTENCY, { partitionKey: { name: 'id', type: 'S' } });
    await putTemplate('integration', {
      system: 'You write {{language}} code.',
      prompt: 'Write an integration for {{name}} in {{language}}.',
    });
  });

  afterAll(async () => {
    worker?.close();
    redis?.disconnect();
    Object.values(clients ?? {}).forEach((c) => c.destroy());
    await Promise.all([dynamo?.stop(), s3Local?.stop(), redisLocal?.stop(), stores?.stop(), close(model)]);
  });

  beforeEach(async () => {
    modelRequests = [];
    modelReplies = [];
    defaultReply = completion('export const generated = true;');
    stores.calls.length = 0;
    await redis?.flushall();
    worker = newWorker();
    stdout = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(chunk.toString());
      return true;
    });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    worker?.close();
  });

  test('generates: renders the template from the bucket, calls the model, writes the output, tracks succeeded', async () => {
    const request = {
      requestId: 'req-ok-1',
      template: 'integration',
      parameters: { name: 'Acme', language: 'TypeScript' },
    };
    const response = await worker.handler(event(sqsRecord(request)), context);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(modelRequests).toHaveLength(1);
    expect(modelRequests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(modelRequests[0].body.messages).toEqual([
      { role: 'system', content: 'You write TypeScript code.' },
      { role: 'user', content: 'Write an integration for Acme in TypeScript.' },
    ]);
    expect(await readOutput('req-ok-1')).toMatchObject({
      requestId: 'req-ok-1',
      template: 'integration',
      model: 'gpt-test',
      output: 'export const generated = true;',
    });
    const item = await tracked('req-ok-1');
    expect(item).toMatchObject({
      status: 'succeeded',
      template: 'integration',
      outputKey: 'generated/req-ok-1.json',
      attempts: 1,
      queuedAt: '2026-01-15T10:00:00.000Z',
      model: 'gpt-test',
    });
    expect(item?.lastError).toBeUndefined();
    const retention = item!.expiresAt - Math.floor(Date.now() / 1000);
    expect(retention).toBeGreaterThan(29 * 86_400);
    expect(retention).toBeLessThanOrEqual(30 * 86_400);
    // The template was written back to the cache after the bucket read.
    expect(JSON.parse((await redis.get(cacheKey('integration')))!)).toMatchObject({ prompt: expect.any(String) });
    expect(await redis.ttl(cacheKey('integration'))).toBeGreaterThan(500);
    expect(metricTotals()).toMatchObject({ GenerationSucceeded: 1, TemplateCacheMisses: 1 });
    expect(metricTotals().GenerationDuration).toBeGreaterThanOrEqual(0);
    const byStatus = await dynamo.client.send(
      new QueryCommand({
        TableName: TRACKING,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'succeeded' },
      }),
    );
    expect(byStatus.Items?.map((i) => i.requestId)).toContain('req-ok-1');
  });

  test('reads the template from the cache first', async () => {
    await redis.set(cacheKey('integration'), JSON.stringify({ prompt: 'Cached prompt for {{name}}.' }));
    const request = { requestId: 'req-cache-1', template: 'integration', parameters: { name: 'Acme' } };
    expect(await worker.handler(event(sqsRecord(request)), context)).toEqual({ batchItemFailures: [] });
    expect(modelRequests[0].body.messages).toEqual([{ role: 'user', content: 'Cached prompt for Acme.' }]);
    expect(metricTotals()).toMatchObject({ TemplateCacheHits: 1 });
  });

  test('the same request delivered twice produces one result', async () => {
    const request = { requestId: 'req-dup-1', template: 'integration', parameters: { name: 'A', language: 'Go' } };
    await worker.handler(event(sqsRecord(request, { messageId: 'first' })), context);
    defaultReply = completion('a second, different answer');
    const second = await worker.handler(event(sqsRecord(request, { messageId: 'second' })), context);

    expect(second).toEqual({ batchItemFailures: [] });
    expect(modelRequests).toHaveLength(1);
    expect((await readOutput('req-dup-1')).output).toBe('export const generated = true;');
    expect(await tracked('req-dup-1')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect((await outputKeys()).filter((k) => k === outputKey('req-dup-1'))).toHaveLength(1);
  });

  test('reads the endpoint and key once and serves later invocations from the Parameters cache', async () => {
    for (const id of ['req-param-1', 'req-param-2']) {
      await worker.handler(
        event(sqsRecord({ requestId: id, template: 'integration', parameters: { name: 'x', language: 'y' } })),
        context,
      );
    }
    expect(stores.calls.sort()).toEqual(['AmazonSSM.GetParameter', 'secretsmanager.GetSecretValue']);
    expect(modelRequests).toHaveLength(2);
  });

  test('a malformed message is not retried: not JSON is dropped, a bad field marks the job failed', async () => {
    const response = await worker.handler(
      event(
        sqsRecord('this is not json', { messageId: 'not-json' }),
        sqsRecord({ requestId: 'req-bad-1', template: '../etc/passwd', parameters: {} }, { messageId: 'bad-template' }),
      ),
      context,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(modelRequests).toHaveLength(0);
    expect(await tracked('req-bad-1')).toMatchObject({
      status: 'failed',
      lastError: { code: 'MalformedRequest', message: expect.stringContaining('template:') },
    });
    expect(metricTotals()).toMatchObject({ GenerationFailed: 2 });
  });

  test('a slow model is retried with bounded attempts, reported as a batch failure and left queued', async () => {
    defaultReply = slow;
    const request = { requestId: 'req-slow-1', template: 'integration', parameters: { name: 'A', language: 'Go' } };
    const response = await worker.handler(event(sqsRecord(request, { messageId: 'slow-1', receiveCount: 1 })), context);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'slow-1' }] });
    expect(modelRequests).toHaveLength(MODEL_ATTEMPTS);
    expect(await tracked('req-slow-1')).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: { code: 'ModelTimeout' },
    });
    expect(await outputKeys()).not.toContain(outputKey('req-slow-1'));
    expect(metricTotals()).toMatchObject({ GenerationRetried: 1 });
  });

  test('on its last allowed delivery a timing-out request is marked failed and still handed back for the DLQ', async () => {
    defaultReply = slow;
    const request = { requestId: 'req-slow-2', template: 'integration', parameters: { name: 'A', language: 'Go' } };
    await worker.handler(event(sqsRecord(request, { messageId: 'try-1', receiveCount: 1 })), context);
    await worker.handler(event(sqsRecord(request, { messageId: 'try-1', receiveCount: 2 })), context);
    const last = await worker.handler(
      event(sqsRecord(request, { messageId: 'try-1', receiveCount: MAX_RECEIVE_COUNT })),
      context,
    );

    expect(last).toEqual({ batchItemFailures: [{ itemIdentifier: 'try-1' }] });
    expect(modelRequests).toHaveLength(MODEL_ATTEMPTS * MAX_RECEIVE_COUNT);
    expect(await tracked('req-slow-2')).toMatchObject({
      status: 'failed',
      attempts: MAX_RECEIVE_COUNT,
      lastError: { code: 'ModelTimeout' },
      expiresAt: expect.any(Number),
    });
    expect(metricTotals()).toMatchObject({ GenerationRetried: 2, GenerationFailed: 1 });
  });

  test('a failing model (503) is retried within the delivery and the second attempt succeeds', async () => {
    modelReplies = [status(503, 'overloaded')];
    const request = { requestId: 'req-503-1', template: 'integration', parameters: { name: 'A', language: 'Go' } };
    expect(await worker.handler(event(sqsRecord(request)), context)).toEqual({ batchItemFailures: [] });
    expect(modelRequests).toHaveLength(2);
    expect(await tracked('req-503-1')).toMatchObject({ status: 'succeeded' });
  });

  test('a malformed model answer is retried and, when it persists, handed back to SQS', async () => {
    defaultReply = garbage;
    const request = { requestId: 'req-garbage-1', template: 'integration', parameters: { name: 'A', language: 'Go' } };
    const response = await worker.handler(event(sqsRecord(request, { messageId: 'garbage' })), context);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'garbage' }] });
    expect(modelRequests).toHaveLength(MODEL_ATTEMPTS);
    expect(await tracked('req-garbage-1')).toMatchObject({
      status: 'queued',
      lastError: { code: 'ModelMalformedAnswer' },
    });
  });

  test('a model refusal (400), a missing template or parameter end the job failed without a retry', async () => {
    modelReplies = [status(400, '{"error": "unknown model"}')];
    const response = await worker.handler(
      event(
        sqsRecord({ requestId: 'req-400-1', template: 'integration', parameters: { name: 'A', language: 'Go' } }),
        sqsRecord({ requestId: 'req-missing-1', template: 'no-such-template', parameters: {} }),
        sqsRecord({ requestId: 'req-param-missing', template: 'integration', parameters: { name: 'A' } }),
      ),
      // One at a time, so the refusal goes to the request that reaches the model.
      context,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(modelRequests).toHaveLength(1);
    expect(await tracked('req-400-1')).toMatchObject({ status: 'failed', lastError: { code: 'ModelHttp400' } });
    expect(await tracked('req-missing-1')).toMatchObject({ status: 'failed', lastError: { code: 'TemplateNotFound' } });
    expect(await tracked('req-param-missing')).toMatchObject({
      status: 'failed',
      lastError: { code: 'MissingParameters', message: expect.stringContaining('language') },
    });
    // A refused request stays refused: its redelivery returns the stored outcome without calling the model.
    await worker.handler(
      event(sqsRecord({ requestId: 'req-400-1', template: 'integration', parameters: { name: 'A', language: 'Go' } })),
      context,
    );
    expect(modelRequests).toHaveLength(1);
  });

  test('reports only the failed records of a batch', async () => {
    modelReplies = [];
    defaultReply = completion('ok');
    await putTemplate('slow', { prompt: 'SLOW {{name}}' });
    const slowModel = createServer(async (req, res) => {
      const body = await readBody(req);
      (body.includes('SLOW') ? slow : completion('fast'))(res);
    });
    const port = await listen(slowModel);
    stores.parameters[ENDPOINT_PARAMETER] = `http://127.0.0.1:${port}/v1/chat/completions`;
    const batchWorker = newWorker();
    try {
      const response = await batchWorker.handler(
        event(
          sqsRecord(
            { requestId: 'req-batch-ok', template: 'integration', parameters: { name: 'A', language: 'Go' } },
            { messageId: 'ok' },
          ),
          sqsRecord(
            { requestId: 'req-batch-slow', template: 'slow', parameters: { name: 'A' } },
            { messageId: 'late' },
          ),
        ),
        context,
      );
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'late' }] });
      expect(await tracked('req-batch-ok')).toMatchObject({ status: 'succeeded' });
      expect(await tracked('req-batch-slow')).toMatchObject({ status: 'queued', lastError: { code: 'ModelTimeout' } });
    } finally {
      stores.parameters[ENDPOINT_PARAMETER] = modelUrl;
      batchWorker.close();
      await close(slowModel);
    }
  });

  test('a cache that is down is bypassed: the template comes from the bucket', async () => {
    // A port that accepts connections and drops them at once, as a cache that is failing does.
    const dropping = createNetServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    const port = (dropping.address() as AddressInfo).port;
    const noCache = newWorker({ cache: { host: '127.0.0.1', port, tls: false, ttlSeconds: 60 } });
    try {
      const request = {
        requestId: 'req-nocache-1',
        template: 'integration',
        parameters: { name: 'A', language: 'Go' },
      };
      expect(await noCache.handler(event(sqsRecord(request)), context)).toEqual({ batchItemFailures: [] });
      expect(await tracked('req-nocache-1')).toMatchObject({ status: 'succeeded' });
      expect(metricTotals().TemplateCacheErrors).toBeGreaterThanOrEqual(1);
    } finally {
      noCache.close();
      await new Promise((resolve) => dropping.close(resolve));
    }
  });
});
