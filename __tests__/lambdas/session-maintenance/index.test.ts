import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler, handler, SESSION_TABLE_KEY } from '../../../lambdas/session-maintenance';
import { scheduledEvent, startDynamoDbLocal, type DynamoDbLocal, type Item } from '../dynamodb-local';
import { captureOutput, lambdaContext, testPowertools, type CapturedOutput } from '../powertools-output';

const NOW = new Date('2025-06-01T03:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const event = scheduledEvent(NOW);

let local: DynamoDbLocal;
beforeAll(async () => {
  local = await startDynamoDbLocal();
});
afterAll(() => local.stop());
let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => jest.restoreAllMocks());

let tables = 0;
async function sessionTable(items: readonly Item[]): Promise<string> {
  const name = `sessions-${++tables}`;
  await local.createTable(name, SESSION_TABLE_KEY);
  await local.put(name, items);
  return name;
}

async function remainingIds(tableName: string): Promise<string[]> {
  return (await local.scan(tableName)).map((item) => String(item.sessionId)).sort();
}

function emf(deleted: number): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: NOW.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: 'concert/test',
          Dimensions: [['service']],
          Metrics: [{ Name: 'ExpiredSessionsDeleted', Unit: 'Count' }],
        },
      ],
    },
    service: 'test',
    ExpiredSessionsDeleted: deleted,
  };
}

const sessions = (prefix: string, count: number, expiresAt?: (i: number) => unknown): Item[] =>
  Array.from({ length: count }, (_, i) => ({
    sessionId: `${prefix}-${String(i).padStart(2, '0')}`,
    ...(expiresAt && { expiresAt: expiresAt(i) }),
  }));

describe('session-maintenance against the emulator', () => {
  test('deletes exactly the sessions whose TTL is before now, in full batches, across scan pages', async () => {
    const kept = [
      ...sessions('active', 10, (i) => NOW_SECONDS + 1 + i * 3600),
      { sessionId: 'expires-now', expiresAt: NOW_SECONDS },
      ...sessions('no-ttl', 5),
      // DynamoDB TTL ignores values that are not numbers, and so does the job.
      { sessionId: 'string-ttl', expiresAt: String(NOW_SECONDS - 100) },
    ];
    const tableName = await sessionTable([...sessions('expired', 60, (i) => NOW_SECONDS - 1 - i * 3600), ...kept]);
    const send = jest.spyOn(local.client, 'send');
    const tools = testPowertools('concert/test');

    const result = await createHandler({ client: local.client, tableName, tools, now: () => NOW, scanPageSize: 10 })(
      event,
    );
    tools.metrics.publishStoredMetrics();

    const commands = send.mock.calls.map(([command]) => command);
    expect(result).toEqual({ scanned: 77, deleted: 60 });
    expect(await remainingIds(tableName)).toEqual(kept.map((item) => item.sessionId).sort());
    expect(commands.filter((command) => command instanceof ScanCommand)).toHaveLength(8);
    const batchSizes = commands
      .filter((command) => command instanceof BatchWriteCommand)
      .map((command) => command.input.RequestItems?.[tableName].length);
    expect(batchSizes).toEqual([25, 25, 10]);
    expect(output.logs('INFO')).toEqual([
      expect.objectContaining({ message: 'expired sessions deleted', tableName, scanned: 77, deleted: 60 }),
    ]);
    expect(output.emf()).toEqual([emf(60)]);
  });

  test('reads the expiry from the configured TTL attribute', async () => {
    const tableName = await sessionTable([
      { sessionId: 'ttl-past', ttl: NOW_SECONDS - 1, expiresAt: NOW_SECONDS + 60 },
      { sessionId: 'ttl-future', ttl: NOW_SECONDS + 60, expiresAt: NOW_SECONDS - 1 },
    ]);

    const run = createHandler({
      client: local.client,
      tableName,
      ttlAttribute: 'ttl',
      tools: testPowertools('concert/test'),
      now: () => NOW,
    });

    expect(await run(event)).toEqual({ scanned: 2, deleted: 1 });
    expect(await remainingIds(tableName)).toEqual(['ttl-future']);
  });

  test('reports zero on an empty table, without writing', async () => {
    const tableName = await sessionTable([]);
    const send = jest.spyOn(local.client, 'send');
    const tools = testPowertools('concert/test');

    const run = createHandler({ client: local.client, tableName, tools, now: () => NOW });

    expect(await run(event)).toEqual({ scanned: 0, deleted: 0 });
    tools.metrics.publishStoredMetrics();
    expect(send.mock.calls.filter(([command]) => command instanceof BatchWriteCommand)).toHaveLength(0);
    expect(output.emf()).toEqual([emf(0)]);
  });
});

describe('session-maintenance retries of UnprocessedItems', () => {
  const keys = sessions('expired', 3);

  /** Its Scan finds `keys`; its BatchWriteItem call number n leaves the first `unprocessed(n)` requests unprocessed. */
  function fakeClient(unprocessed: (call: number) => number) {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const batchSizes: number[] = [];
    jest.spyOn(client, 'send').mockImplementation(async (command: unknown) => {
      if (command instanceof ScanCommand) return { Items: keys, Count: keys.length, ScannedCount: keys.length };
      if (!(command instanceof BatchWriteCommand)) throw new Error('unexpected command');
      const requests = command.input.RequestItems?.sessions ?? [];
      batchSizes.push(requests.length);
      return { UnprocessedItems: { sessions: requests.slice(0, unprocessed(batchSizes.length)) } };
    });
    return { client, batchSizes };
  }

  test('retries with doubling delays until every delete is processed', async () => {
    const { client, batchSizes } = fakeClient((call) => [2, 1, 0][call - 1]);
    const sleeps: number[] = [];

    const run = createHandler({
      client,
      tableName: 'sessions',
      tools: testPowertools('concert/test'),
      now: () => NOW,
      sleep: async (ms) => void sleeps.push(ms),
    });

    expect(await run(event)).toEqual({ scanned: 3, deleted: 3 });
    expect(batchSizes).toEqual([3, 2, 1]);
    expect(sleeps).toEqual([100, 200]);
  });

  test('fails when deletes are still unprocessed after the last attempt, naming how many', async () => {
    const { client, batchSizes } = fakeClient(() => 3);
    const sleeps: number[] = [];

    const run = createHandler({
      client,
      tableName: 'sessions',
      tools: testPowertools('concert/test'),
      now: () => NOW,
      sleep: async (ms) => void sleeps.push(ms),
    });

    await expect(run(event)).rejects.toThrow(
      '3 of 3 expired sessions left undeleted in sessions after 6 BatchWriteItem attempts',
    );
    expect(batchSizes).toEqual([3, 3, 3, 3, 3, 3]);
    expect(sleeps).toEqual([100, 200, 400, 800, 1600]);
    expect(output.lines()).toEqual([]);
  });
});

describe('session-maintenance handler configured from the environment', () => {
  const original = process.env;
  beforeEach(() => {
    process.env = {
      ...original,
      AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
      SESSION_TABLE_NAME: 'env-sessions',
      SERVICE: 'concert',
      ENVIRONMENT: 'dev',
    };
    delete process.env.METRIC_NAMESPACE;
  });
  afterEach(() => {
    process.env = original;
  });

  test('uses the table, TTL attribute and namespace it is given', async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    await local.createTable('env-sessions', SESSION_TABLE_KEY);
    await local.put('env-sessions', [
      { sessionId: 'past', validUntil: nowSeconds - 3600 },
      { sessionId: 'future', validUntil: nowSeconds + 3600 },
    ]);
    process.env.SESSION_TTL_ATTRIBUTE = 'validUntil';
    const context = lambdaContext('concert-dev-session-maintenance');

    expect(await handler(event, context)).toEqual({ scanned: 2, deleted: 1 });
    expect(await remainingIds('env-sessions')).toEqual(['future']);
    expect(output.emf()).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: 'concert/dev' })] }),
        service: 'concert',
        ExpiredSessionsDeleted: 1,
      }),
    ]);
    expect(output.logs('INFO')).toEqual([
      expect.objectContaining({ function_request_id: context.awsRequestId, correlation_id: event.id }),
    ]);
  });

  test.each(['SESSION_TABLE_NAME', 'SERVICE', 'ENVIRONMENT'])('fails when %s is missing', async (name) => {
    delete process.env[name];
    await jest.isolateModulesAsync(async () => {
      const fresh = await import('../../../lambdas/session-maintenance');
      await expect(fresh.handler(event)).rejects.toThrow(`environment variable ${name} is required`);
    });
  });
});
