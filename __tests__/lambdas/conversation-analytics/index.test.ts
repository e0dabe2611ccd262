import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CONVERSATION_TABLE_KEY, createHandler, handler } from '../../../lambdas/conversation-analytics';
import { scheduledEvent, startDynamoDbLocal, type DynamoDbLocal } from '../dynamodb-local';
import { captureOutput, lambdaContext, testPowertools, type CapturedOutput } from '../powertools-output';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const END = NOW.getTime();
const START = END - 60 * 60 * 1000;
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
async function conversationTable(
  messages: ReadonlyArray<[conversationId: string, timestamp: number]>,
): Promise<string> {
  const name = `conversations-${++tables}`;
  await local.createTable(name, CONVERSATION_TABLE_KEY);
  await local.put(
    name,
    messages.map(([conversationId, timestamp], i) => ({
      conversationId,
      timestamp,
      userId: `user-${conversationId}`,
      role: i % 2 ? 'assistant' : 'user',
      text: `message ${i}`,
    })),
  );
  return name;
}

describe('conversation-analytics against the emulator', () => {
  test('counts the conversations and messages in [now - 1h, now), across scan pages', async () => {
    const tableName = await conversationTable([
      ['alpha', START],
      ['alpha', START + 1_000],
      ['alpha', END - 1],
      ['bravo', START - 1],
      ['bravo', START + 30 * 60 * 1000],
      ['bravo', END - 60_000],
      ['charlie', END],
      ['charlie', END + 60_000],
      ['delta', START - 60 * 60 * 1000],
      ['delta', START - 30 * 60 * 1000],
      ['echo', START + 10 * 60 * 1000],
    ]);
    const send = jest.spyOn(local.client, 'send');
    const tools = testPowertools('concert/test');

    const result = await createHandler({ client: local.client, tableName, tools, now: () => NOW, scanPageSize: 4 })(
      event,
    );
    tools.metrics.publishStoredMetrics();

    expect(result).toEqual({
      conversations: 3,
      messages: 6,
      windowStart: '2025-06-01T11:00:00.000Z',
      windowEnd: '2025-06-01T12:00:00.000Z',
    });
    expect(send.mock.calls.filter(([command]) => command instanceof ScanCommand)).toHaveLength(3);
    expect(output.logs('INFO')).toEqual([
      expect.objectContaining({ message: 'conversation activity counted', service: 'test', tableName, ...result }),
    ]);
    expect(output.emf()).toEqual([
      {
        _aws: {
          Timestamp: END,
          CloudWatchMetrics: [
            {
              Namespace: 'concert/test',
              Dimensions: [['service']],
              Metrics: [
                { Name: 'ActiveConversations', Unit: 'Count' },
                { Name: 'ConversationMessages', Unit: 'Count' },
              ],
            },
          ],
        },
        service: 'test',
        ActiveConversations: 3,
        ConversationMessages: 6,
      },
    ]);
  });

  test('reports zero when nothing was said in the window', async () => {
    const tableName = await conversationTable([['alpha', START - 1]]);

    const run = createHandler({
      client: local.client,
      tableName,
      tools: testPowertools('concert/test'),
      now: () => NOW,
    });

    expect(await run(event)).toMatchObject({ conversations: 0, messages: 0 });
  });
});

describe('conversation-analytics handler configured from the environment', () => {
  const original = process.env;
  beforeEach(() => {
    process.env = {
      ...original,
      AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
      CONVERSATION_TABLE_NAME: 'env-conversations',
      SERVICE: 'concert',
      ENVIRONMENT: 'dev',
      // What Lambda sets in an on-demand execution environment; Powertools reads it to tell a cold start.
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    };
    delete process.env.METRIC_NAMESPACE;
  });
  afterEach(() => {
    process.env = original;
  });

  test('uses the table it is given and METRIC_NAMESPACE over SERVICE/ENVIRONMENT', async () => {
    await local.createTable('env-conversations', CONVERSATION_TABLE_KEY);
    await local.put('env-conversations', [{ conversationId: 'alpha', timestamp: Date.now() - 60_000 }]);
    process.env.METRIC_NAMESPACE = 'chatbot/custom';
    const context = lambdaContext('concert-dev-conversation-analytics');

    expect(await handler(event, context)).toMatchObject({ conversations: 1, messages: 1 });
    const [coldStart, metrics] = output.emf();
    expect(coldStart).toMatchObject({ ColdStart: 1, function_name: 'concert-dev-conversation-analytics' });
    expect(metrics).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'chatbot/custom' }] },
      service: 'concert',
      ActiveConversations: 1,
    });
    // Every line of the run carries the request ID and the scheduled event's ID as correlation ID.
    expect(output.logs('INFO')).toEqual([
      expect.objectContaining({
        message: 'conversation activity counted',
        function_request_id: context.awsRequestId,
        correlation_id: event.id,
        cold_start: true,
      }),
    ]);
  });

  test.each(['CONVERSATION_TABLE_NAME', 'SERVICE', 'ENVIRONMENT'])('fails when %s is missing', async (name) => {
    delete process.env[name];
    await jest.isolateModulesAsync(async () => {
      const fresh = await import('../../../lambdas/conversation-analytics');
      await expect(fresh.handler(event)).rejects.toThrow(`environment variable ${name} is required`);
    });
  });
});
