/**
 * The error processor against real local endpoints: dynalite holds the idempotency table (Powertools Idempotency's
 * conditional writes and TTL records), and an HTTP server stands in for SNS (the real SDK client reaches it through
 * its endpoint).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import {
  configFromEnv,
  createHandler,
  handler,
  SummaryDeliveryError,
  type ErrorProcessorConfig,
} from '../../../lambdas/error-processor';
import { startDynamoDbLocal, type DynamoDbLocal } from '../dynamodb-local';
import { captureOutput, lambdaContext, testPowertools, type CapturedOutput } from '../powertools-output';
import { FUNCTION, logsEvent, payload, powertoolsError, powertoolsInfo, REQUEST_IDS, runtimeError } from './fixtures';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:concert-dev-warning-alerts';

interface Published {
  readonly TopicArn?: string;
  readonly Subject?: string;
  readonly Message?: string;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

let published: Published[] = [];
let failNext = 0;
/** SNS's query protocol (form-encoded Action=Publish, XML answer); JSON if the SDK speaks that instead. */
const sns: Server = createServer(async (req, res) => {
  const raw = await body(req);
  const json = String(req.headers['content-type']).includes('json');
  const input: Published = json ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
  if (failNext > 0) {
    failNext--;
    res.writeHead(500, { 'content-type': 'text/xml' });
    res.end(
      '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>boom</Message></Error></ErrorResponse>',
    );
    return;
  }
  published.push({ TopicArn: input.TopicArn, Subject: input.Subject, Message: input.Message });
  const id = `msg-${published.length}`;
  if (json) {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify({ MessageId: id }));
  } else {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${id}</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }
});

let local: DynamoDbLocal;
let snsEndpoint = '';
let tables = 0;
let output: CapturedOutput;

beforeAll(async () => {
  local = await startDynamoDbLocal();
  await new Promise<void>((resolve) => sns.listen(0, '127.0.0.1', resolve));
  snsEndpoint = `http://127.0.0.1:${(sns.address() as AddressInfo).port}`;
});
afterAll(async () => {
  sns.closeAllConnections();
  await new Promise((resolve) => sns.close(resolve));
  await local.stop();
});
beforeEach(() => {
  published = [];
  failNext = 0;
  output = captureOutput();
});
afterEach(() => jest.restoreAllMocks());

/** A fresh idempotency table (Powertools' default key `id`) and a handler over it, as a new container would be. */
async function newProcessor(overrides: Partial<ErrorProcessorConfig> = {}) {
  const tableName = `idempotency-${++tables}`;
  await local.createTable(tableName, { partitionKey: { name: 'id', type: 'S' } });
  const config: ErrorProcessorConfig = {
    service: 'concert',
    environment: 'dev',
    warningTopicArn: TOPIC,
    idempotencyTableName: tableName,
    metricNamespace: 'concert/dev',
    dedupWindowSeconds: 900,
    ...overrides,
  };
  const container = () =>
    createHandler({
      config,
      tools: testPowertools('concert/dev', 'concert'),
      sns: new SNSClient({ endpoint: snsEndpoint }),
      dynamodb: new DynamoDBClient({ endpoint: local.endpoint }),
    });
  return { tableName, run: container(), container };
}

const throttled = (requestId: string) =>
  powertoolsError('bedrock call failed', requestId, { name: 'ThrottlingException', message: 'Rate exceeded' });

describe('error-processor against dynalite and a local SNS', () => {
  test('forwards one summary per distinct error of a compressed payload and counts every error', async () => {
    const { run } = await newProcessor();
    const event = logsEvent(
      payload([
        powertoolsInfo('request served', REQUEST_IDS[0]),
        throttled(REQUEST_IDS[0]),
        throttled(REQUEST_IDS[1]),
        runtimeError(REQUEST_IDS[2], 'TypeError', 'x is undefined'),
      ]),
    );

    await expect(run(event, lambdaContext('concert-dev-error-processor'))).resolves.toEqual({
      errors: 3,
      groups: 2,
      forwarded: 2,
      suppressed: 0,
      failed: 0,
      malformed: 0,
    });

    expect(published.map((p) => [p.TopicArn, p.Subject])).toEqual([
      [TOPIC, `concert dev: ThrottlingException in ${FUNCTION}`],
      [TOPIC, `concert dev: TypeError in ${FUNCTION}`],
    ]);
    const first = published[0].Message!.split('\n');
    expect(first.slice(0, 4)).toEqual([
      'ThrottlingException: bedrock call failed: Rate exceeded',
      `Function: ${FUNCTION}`,
      'Occurrences in this batch: 2, first at 2025-06-01T03:00:01.000Z',
      `Request IDs: ${REQUEST_IDS[0]}, ${REQUEST_IDS[1]}`,
    ]);
    expect(first).toContain('Stack:');
    const emf = output.emf();
    expect(emf).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ function_name: FUNCTION, ErrorRecords: 3, service: 'concert' }),
        expect.objectContaining({ ErrorSummariesForwarded: 2, ErrorSummariesSuppressed: 0 }),
      ]),
    );
  });

  test('a burst of the same error across invocations and containers is forwarded once within the window', async () => {
    const { run, container } = await newProcessor();
    const burst = (i: number) =>
      logsEvent(
        payload(
          Array.from({ length: 20 }, (_, j) =>
            throttled(`${REQUEST_IDS[0].slice(0, -2)}${String(i * 20 + j).padStart(2, '0')}`),
          ),
        ),
      );

    const first = await run(burst(0));
    const again = await run(burst(1));
    // Another container has no local cache: the DynamoDB record stops it.
    const other = await container()(burst(2));
    // More containers while the record holds.
    const later = await Promise.all([container()(burst(3)), container()(burst(4))]);
    expect(first).toMatchObject({ errors: 20, groups: 1, forwarded: 1 });
    expect(again).toMatchObject({ errors: 20, forwarded: 0, suppressed: 1 });
    expect(other).toMatchObject({ forwarded: 0, suppressed: 1 });
    expect(later.map((s) => s.forwarded)).toEqual([0, 0]);
    expect(published).toHaveLength(1);
    expect(published[0].Message).toContain('Occurrences in this batch: 20');
    expect(published[0].Message).toMatch(/and 15 more/);
  });

  test('of concurrent first sightings in fresh containers, the conditional write lets exactly one publish', async () => {
    const { container } = await newProcessor();
    const event = logsEvent(payload([throttled(REQUEST_IDS[0])]));

    const results = await Promise.all(Array.from({ length: 4 }, () => container()(event)));

    expect(results.map((r) => r.forwarded).sort()).toEqual([0, 0, 0, 1]);
    expect(results.map((r) => r.suppressed).sort()).toEqual([0, 1, 1, 1]);
    expect(published).toHaveLength(1);
  });

  test('forwards the same error again once the window has passed', async () => {
    const { run, tableName } = await newProcessor({ dedupWindowSeconds: 60 });
    await run(logsEvent(payload([throttled(REQUEST_IDS[0])])));
    // Age the record past its expiry, as time would.
    const items = await local.scan(tableName);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'COMPLETED', expiration: expect.any(Number) });
    await local.put(tableName, [{ ...items[0], expiration: Math.floor(Date.now() / 1000) - 1 }]);

    await expect(run(logsEvent(payload([throttled(REQUEST_IDS[1])])))).resolves.toMatchObject({ forwarded: 0 });
    // The local cache of this container still holds it; a new container reads the expired record and publishes.
    const fresh = (await newProcessorOn(tableName, 60))(logsEvent(payload([throttled(REQUEST_IDS[2])])));
    await expect(fresh).resolves.toMatchObject({ forwarded: 1 });
    expect(published).toHaveLength(2);
  });

  test('drops and counts malformed payloads without publishing or throwing', async () => {
    const { run } = await newProcessor();
    for (const event of [{}, { awslogs: { data: 'bm90IGd6aXA=' } }, logsEvent({ messageType: 'DATA_MESSAGE' })]) {
      await expect(run(event)).resolves.toMatchObject({ malformed: 1, forwarded: 0 });
    }
    expect(published).toEqual([]);
    expect(output.emf().map((e) => e.MalformedLogPayloads)).toEqual([1, 1, 1]);
    expect(output.logs('ERROR').map((l) => l.message)).toEqual(Array(3).fill('malformed log payload dropped'));
  });

  test('ignores the control message CloudWatch Logs sends when the subscription is created', async () => {
    const { run } = await newProcessor();
    const event = logsEvent(
      payload(['CWL CONTROL MESSAGE: Checking health of destination'], { messageType: 'CONTROL_MESSAGE' }),
    );
    await expect(run(event)).resolves.toMatchObject({ errors: 0, forwarded: 0, malformed: 0 });
    expect(published).toEqual([]);
  });

  test('a failed publish throws after the other summaries, and the retry publishes it', async () => {
    const { run } = await newProcessor();
    const event = logsEvent(
      payload([throttled(REQUEST_IDS[0]), runtimeError(REQUEST_IDS[1], 'TypeError', 'x is undefined')]),
    );
    // The SDK retries a 500 three times in all: fail every attempt of the first publish.
    failNext = 3;

    const result = run(event);
    await expect(result).rejects.toThrow(SummaryDeliveryError);
    await expect(result).rejects.toMatchObject({ summary: { forwarded: 1, failed: 1 } });
    expect(published.map((p) => p.Subject)).toEqual([`concert dev: TypeError in ${FUNCTION}`]);

    // Lambda's retry: the failed one was not recorded as done, the delivered one is not sent twice.
    await expect(run(event)).resolves.toMatchObject({ forwarded: 1, suppressed: 1 });
    expect(published.map((p) => p.Subject)).toEqual([
      `concert dev: TypeError in ${FUNCTION}`,
      `concert dev: ThrottlingException in ${FUNCTION}`,
    ]);
  });
});

async function newProcessorOn(tableName: string, dedupWindowSeconds: number) {
  return createHandler({
    config: {
      service: 'concert',
      environment: 'dev',
      warningTopicArn: TOPIC,
      idempotencyTableName: tableName,
      metricNamespace: 'concert/dev',
      dedupWindowSeconds,
    },
    tools: testPowertools('concert/dev', 'concert'),
    sns: new SNSClient({ endpoint: snsEndpoint }),
    dynamodb: new DynamoDBClient({ endpoint: local.endpoint }),
  });
}

describe('error-processor configured from the environment', () => {
  const original = process.env;
  afterEach(() => {
    process.env = original;
  });

  test('builds the exported handler from the environment', async () => {
    const tableName = 'env-idempotency';
    await local.createTable(tableName, { partitionKey: { name: 'id', type: 'S' } });
    process.env = {
      ...original,
      SERVICE: 'concert',
      ENVIRONMENT: 'dev',
      WARNING_TOPIC_ARN: TOPIC,
      IDEMPOTENCY_TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
      AWS_ENDPOINT_URL_SNS: snsEndpoint,
    };
    await expect(handler(logsEvent(payload([throttled(REQUEST_IDS[0])])))).resolves.toMatchObject({ forwarded: 1 });
    expect(published).toHaveLength(1);
  });

  test.each(['SERVICE', 'ENVIRONMENT', 'WARNING_TOPIC_ARN', 'IDEMPOTENCY_TABLE_NAME'])(
    'fails when %s is missing',
    (name) => {
      const env = { SERVICE: 's', ENVIRONMENT: 'e', WARNING_TOPIC_ARN: TOPIC, IDEMPOTENCY_TABLE_NAME: 't' };
      expect(() => configFromEnv({ ...env, [name]: undefined })).toThrow(`environment variable ${name} is required`);
    },
  );

  test('fails when DEDUP_WINDOW_SECONDS is not a positive integer', () => {
    const env = { SERVICE: 's', ENVIRONMENT: 'e', WARNING_TOPIC_ARN: TOPIC, IDEMPOTENCY_TABLE_NAME: 't' };
    expect(() => configFromEnv({ ...env, DEDUP_WINDOW_SECONDS: '0' })).toThrow(
      /DEDUP_WINDOW_SECONDS must be a positive integer, got "0"/,
    );
    expect(configFromEnv(env).dedupWindowSeconds).toBe(900);
  });
});
