/**
 * The handler against real HTTP: a local server stands in for the Slack webhook, another for Secrets Manager, which
 * the real SDK client reaches through AWS_ENDPOINT_URL_SECRETS_MANAGER.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import {
  AlertDeliveryError,
  configFromEnv,
  createHandler,
  formatSlackMessage,
  handler,
  parseMessage,
  type AlertProcessorDeps,
} from '../../../lambdas/alert-processor';
import { captureOutput, lambdaContext, type CapturedOutput } from '../powertools-output';
import { SECRET_ARN, TOPICS, alarmRecord, compositeAlarm, metricAlarm, snsEvent, snsRecord } from './fixtures';

type Reply = (res: ServerResponse) => void;

interface Recorded {
  readonly url?: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

const WEBHOOK_PATH = '/services/T000/B000/XXXX';
const NOW = new Date('2025-01-15T10:30:15.000Z');

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  // The SDK and fetch keep connections alive; close() alone would wait for them.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

const reply =
  (status: number, body: string, headers: Record<string, string> = {}): Reply =>
  (res) =>
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
const ok = reply(200, 'ok');
const serverError = reply(500, 'internal_error');
/** Never answers in time; stops waiting when the client gives up. */
const hang: Reply = (res) => {
  const timer = setTimeout(ok, 10_000, res);
  res.on('close', () => clearTimeout(timer));
};

let slackRequests: Recorded[] = [];
let slackReplies: Reply[] = [];
const slack = createServer(async (req, res) => {
  slackRequests.push({ url: req.url, headers: req.headers, body: await readJson(req) });
  (slackReplies.shift() ?? ok)(res);
});

let secretRequests: Recorded[] = [];
let webhookUrl = '';
const secretsManager = createServer(async (req, res) => {
  const body = await readJson(req);
  secretRequests.push({ headers: req.headers, body });
  const known =
    req.headers['x-amz-target'] === 'secretsmanager.GetSecretValue' &&
    (body as { SecretId?: unknown }).SecretId === SECRET_ARN;
  const answer = known
    ? { ARN: SECRET_ARN, Name: 'checkout-prod/slack-webhook', SecretString: webhookUrl, VersionStages: ['AWSCURRENT'] }
    : { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." };
  res.writeHead(known ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
});

const testEnv = (secretsPort: number): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${secretsPort}`,
  ENVIRONMENT: 'prod',
  SERVICE: 'checkout',
  CRITICAL_TOPIC_ARN: TOPICS.critical,
  WARNING_TOPIC_ARN: TOPICS.warning,
  INFO_TOPIC_ARN: TOPICS.info,
  SLACK_WEBHOOK_SECRET_ARN: SECRET_ARN,
  SLACK_TIMEOUT_MS: '300',
  SLACK_RETRY_BASE_MS: '1',
});

const savedEnv = { ...process.env };
let output: CapturedOutput;
const emf = () => output.emf().find((entry) => !('ColdStart' in entry));
const logs = (level: string) => output.logs(level.toUpperCase());

const newHandler = (deps: Partial<AlertProcessorDeps> = {}) =>
  createHandler({ config: configFromEnv(), now: () => NOW, ...deps });

const metricsLine = (delivered: number, malformed: number, failed: number) => ({
  _aws: {
    Timestamp: NOW.getTime(),
    CloudWatchMetrics: [
      {
        Namespace: 'checkout/prod',
        Dimensions: [['service']],
        Metrics: [
          { Name: 'AlertsDelivered', Unit: 'Count' },
          { Name: 'AlertsMalformed', Unit: 'Count' },
          { Name: 'AlertsFailed', Unit: 'Count' },
        ],
      },
    ],
  },
  service: 'checkout',
  AlertsDelivered: delivered,
  AlertsMalformed: malformed,
  AlertsFailed: failed,
});

beforeAll(async () => {
  const [slackPort, secretsPort] = await Promise.all([listen(slack), listen(secretsManager)]);
  webhookUrl = `http://127.0.0.1:${slackPort}${WEBHOOK_PATH}`;
  Object.assign(process.env, testEnv(secretsPort));
});

afterAll(async () => {
  process.env = savedEnv;
  await Promise.all([close(slack), close(secretsManager)]);
});

beforeEach(() => {
  slackRequests = [];
  slackReplies = [];
  secretRequests = [];
  output = captureOutput();
});

afterEach(() => output.restore());

describe('alert-processor against local Slack and Secrets Manager', () => {
  it('posts the formatted message to the webhook URL read from the secret', async () => {
    const event = snsEvent(snsRecord('Nightly export finished: 1,204 orders', TOPICS.warning, 'Export report'));

    await expect(newHandler()(event)).resolves.toEqual({ delivered: 1, malformed: 0, failed: 0 });

    expect(secretRequests).toEqual([
      {
        headers: expect.objectContaining({ 'x-amz-target': 'secretsmanager.GetSecretValue' }),
        body: { SecretId: SECRET_ARN },
      },
    ]);
    expect(slackRequests).toEqual([
      {
        url: WEBHOOK_PATH,
        headers: expect.objectContaining({ 'content-type': 'application/json' }),
        body: {
          text: 'WARNING: Export report in prod',
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: ':warning: WARNING: Export report', emoji: true } },
          ],
          attachments: [
            {
              color: '#F5A623',
              blocks: [
                { type: 'section', text: { type: 'mrkdwn', text: 'Nightly export finished: 1,204 orders' } },
                {
                  type: 'section',
                  fields: [
                    { type: 'mrkdwn', text: '*Environment*\nprod' },
                    { type: 'mrkdwn', text: '*Service*\ncheckout' },
                  ],
                },
              ],
            },
          ],
        },
      },
    ]);
    expect(emf()).toEqual(metricsLine(1, 0, 0));
  });

  it('retries a 5xx and succeeds on the second attempt', async () => {
    slackReplies = [serverError, ok];
    const alarm = metricAlarm();

    await expect(newHandler()(snsEvent(alarmRecord(alarm)))).resolves.toEqual({
      delivered: 1,
      malformed: 0,
      failed: 0,
    });

    const expected = formatSlackMessage(parseMessage(JSON.stringify(alarm)), {
      severity: 'critical',
      environment: 'prod',
      service: 'checkout',
    });
    expect(slackRequests.map((r) => r.body)).toEqual([expected, expected]);
    expect(logs('warn')).toEqual([
      expect.objectContaining({ message: 'Slack delivery attempt failed, retrying', attempt: 1, delayMs: 1 }),
    ]);
  });

  it('gives up after three 5xx answers, backing off exponentially, and throws with the summary', async () => {
    slackReplies = [serverError, serverError, serverError];
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void sleeps.push(ms);

    const result = newHandler({ sleep })(snsEvent(alarmRecord(metricAlarm())));

    await expect(result).rejects.toThrow(AlertDeliveryError);
    await expect(result).rejects.toMatchObject({ summary: { delivered: 0, malformed: 0, failed: 1 } });
    expect(slackRequests).toHaveLength(3);
    expect(sleeps).toEqual([1, 2]);
    expect(logs('error')).toEqual([
      expect.objectContaining({
        message: 'alert delivery failed',
        kind: 'metric-alarm',
        severity: 'critical',
        error: 'SlackDeliveryError: HTTP 500: internal_error; gave up after 3 attempts',
      }),
    ]);
    expect(emf()).toEqual(metricsLine(0, 0, 1));
  });

  it('does not retry a 4xx, and still delivers the other records before throwing', async () => {
    slackReplies = [reply(400, 'invalid_blocks'), ok];
    const event = snsEvent(alarmRecord(metricAlarm()), alarmRecord(compositeAlarm(), TOPICS.warning));

    await expect(newHandler()(event)).rejects.toMatchObject({ summary: { delivered: 1, malformed: 0, failed: 1 } });

    expect(slackRequests).toHaveLength(2);
    expect(logs('error')).toEqual([
      expect.objectContaining({ error: 'SlackDeliveryError: HTTP 400: invalid_blocks; gave up after 1 attempt' }),
    ]);
  });

  it('honours Retry-After on a 429, capped at five seconds', async () => {
    slackReplies = [
      reply(429, 'rate_limited', { 'retry-after': '2' }),
      reply(429, 'rate_limited', { 'retry-after': '120' }),
    ];
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void sleeps.push(ms);

    await expect(newHandler({ sleep })(snsEvent(alarmRecord(metricAlarm())))).resolves.toMatchObject({ delivered: 1 });

    expect(slackRequests).toHaveLength(3);
    expect(sleeps).toEqual([2000, 5000]);
  });

  it('retries a request that times out', async () => {
    slackReplies = [hang, ok];

    await expect(newHandler()(snsEvent(alarmRecord(metricAlarm())))).resolves.toMatchObject({ delivered: 1 });

    expect(slackRequests).toHaveLength(2);
    expect(logs('warn')).toEqual([expect.objectContaining({ error: expect.stringMatching(/^TimeoutError/) })]);
  });

  it('retries a refused connection', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await close(closed);
    const getSecret = async () => `http://127.0.0.1:${port}${WEBHOOK_PATH}`;

    await expect(newHandler({ getSecret })(snsEvent(alarmRecord(metricAlarm())))).rejects.toMatchObject({
      summary: { failed: 1 },
    });

    expect(logs('warn')).toHaveLength(2);
    expect(logs('error')).toEqual([
      expect.objectContaining({ error: expect.stringMatching(/ECONNREFUSED.*gave up after 3 attempts$/) }),
    ]);
  });

  it('counts malformed records and delivers the rest of the event', async () => {
    const event = snsEvent(
      alarmRecord(metricAlarm()),
      alarmRecord(metricAlarm({ AlarmName: undefined }), TOPICS.warning),
      snsRecord('Backup completed', 'arn:aws:sns:us-east-1:123456789012:someone-elses-topic', 'Backup'),
      { eventSource: 'aws:sqs', body: 'not for us' } as never,
    );

    await expect(newHandler()(event)).resolves.toEqual({ delivered: 2, malformed: 2, failed: 0 });

    expect(slackRequests.map((r) => (r.body as { attachments: { color: string }[] }).attachments[0].color)).toEqual([
      '#D0021B',
      '#4A90E2',
    ]);
    expect(logs('error')).toEqual([
      expect.objectContaining({
        message: 'malformed alert dropped',
        topicArn: TOPICS.warning,
        reason: 'metric alarm: AlarmName: Required',
      }),
      expect.objectContaining({
        message: 'malformed alert dropped',
        reason: expect.stringMatching(/^not an SNS record/),
      }),
    ]);
    expect(logs('warn')).toEqual([
      expect.objectContaining({
        message: 'alert from an unknown topic, sent as info',
        topicArn: 'arn:aws:sns:us-east-1:123456789012:someone-elses-topic',
      }),
    ]);
    expect(emf()).toEqual(metricsLine(2, 2, 0));
  });

  it('reads the secret once while it is cached (Parameters, SLACK_WEBHOOK_MAX_AGE_SECONDS)', async () => {
    const run = newHandler();

    await run(snsEvent(alarmRecord(metricAlarm())));
    await run(snsEvent(alarmRecord(compositeAlarm(), TOPICS.warning)));

    expect(slackRequests).toHaveLength(2);
    expect(secretRequests).toHaveLength(1);
  });

  it('reads the secret again after a failed read', async () => {
    const getSecret = jest.fn().mockRejectedValueOnce(new Error('throttled')).mockResolvedValue(webhookUrl);
    const run = newHandler({ getSecret });

    await expect(run(snsEvent(alarmRecord(metricAlarm())))).rejects.toMatchObject({ summary: { failed: 1 } });
    await expect(run(snsEvent(alarmRecord(metricAlarm())))).resolves.toMatchObject({ delivered: 1 });

    expect(getSecret).toHaveBeenCalledTimes(2);
    expect(slackRequests).toHaveLength(1);
  });

  it.each([
    ['no Records', {}],
    ['empty Records', { Records: [] }],
    ['null', null],
  ])('counts an event with %s as malformed without throwing', async (_, event) => {
    const getSecret = jest.fn();

    await expect(newHandler({ getSecret })(event)).resolves.toEqual({ delivered: 0, malformed: 1, failed: 0 });

    expect(getSecret).not.toHaveBeenCalled();
    expect(logs('error')).toEqual([expect.objectContaining({ reason: 'event has no Records' })]);
    expect(emf()).toEqual(metricsLine(0, 1, 0));
  });

  it('builds the exported handler from the environment, with the request and SNS message IDs on every line', async () => {
    const event = snsEvent(alarmRecord(metricAlarm()));
    const context = lambdaContext('checkout-prod-alert-processor');

    await expect(handler(event, context)).resolves.toEqual({ delivered: 1, malformed: 0, failed: 0 });

    expect(secretRequests).toHaveLength(1);
    expect(slackRequests).toHaveLength(1);
    expect(emf()).toMatchObject({ AlertsDelivered: 1, _aws: { CloudWatchMetrics: [{ Namespace: 'checkout/prod' }] } });
    const messageId = event.Records[0].Sns.MessageId;
    expect(logs('info')).toEqual([
      expect.objectContaining({ message: 'alert delivered', function_request_id: context.awsRequestId }),
      expect.objectContaining({ message: 'alerts processed', correlation_id: messageId, service: 'checkout' }),
    ]);
  });
});
