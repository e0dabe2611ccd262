/**
 * The saved queries run, through a parser of the Insights subset they use, over log lines the platform's own
 * handlers write (captured from the handlers running on Powertools) and Lambda's REPORT lines.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler as alertProcessor } from '../../../lambdas/alert-processor';
import { createHandler as conversationAnalytics } from '../../../lambdas/conversation-analytics';
import { instrument } from '../../../lambdas/shared/powertools';
import {
  COLD_STARTS,
  CONVERSATION_STATS,
  DATA_QUALITY,
  ERROR_ANALYSIS,
  FAMILY_PROBLEMS,
  insightsQueries,
  LATENCY,
} from '../../../modules/monitoring/insights-queries';
import { DATA_QUALITY_FIELD } from '../../../modules/monitoring/log-metrics';
import { CONFIG } from '../../lambdas/alert-processor/fixtures';
import { scheduledEvent } from '../../lambdas/dynamodb-local';
import { captureOutput, lambdaContext, testPowertools, type Line } from '../../lambdas/powertools-output';
import {
  parseQuery,
  QuerySyntaxError,
  referencedFields,
  runQuery,
  toRecord,
  type LogRecord,
} from '../../support/insights-query';

const T0 = Date.UTC(2025, 5, 1, 3, 0, 0);

/** Runs the platform's handlers and returns what they logged, as Logs Insights records. */
async function handlerLines(): Promise<LogRecord[]> {
  const output = captureOutput();
  try {
    // conversation-analytics: one run over a table with two conversations.
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
    jest.spyOn(client, 'send').mockImplementation(async (command: unknown) => {
      if (!(command instanceof ScanCommand)) throw new Error('unexpected command');
      return { Items: [{ conversationId: 'a' }, { conversationId: 'a' }, { conversationId: 'b' }], Count: 3 };
    });
    const analytics = testPowertools('concert/dev', 'concert');
    const run = instrument(analytics, conversationAnalytics({ client, tableName: 'history', tools: analytics }), {
      correlationId: (e) => e.id,
    });
    await run(scheduledEvent(new Date(T0)), lambdaContext('concert-dev-conversation-analytics'));

    // alert-processor: a malformed alert (logged as an error and dropped).
    const alerts = testPowertools('concert/dev', 'concert');
    alerts.logger.addContext(lambdaContext('concert-dev-alert-processor'));
    await alertProcessor({ config: CONFIG, tools: alerts, getSecret: async () => 'unused' })({ Records: [{ x: 1 }] });

    // Any instrumented handler whose invocation fails: the wrapper logs the error with its name and stack.
    const failing = testPowertools('concert/dev', 'concert');
    const broken = instrument(failing, async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'venueId')");
    });
    await expect(broken({}, lambdaContext('concert-dev-venue-popularity'))).rejects.toThrow(TypeError);

    // The data-quality convention: a warning with the data_quality_issue field.
    const quality = testPowertools('concert/dev', 'concert');
    quality.logger.addContext(lambdaContext('concert-dev-session-maintenance'));
    quality.logger.warn('session without expiry skipped', { [DATA_QUALITY_FIELD]: 'session-missing-ttl' });
    quality.logger.warn('session without expiry skipped', { [DATA_QUALITY_FIELD]: 'session-missing-ttl' });
  } finally {
    output.restore();
    jest.restoreAllMocks();
  }
  return output
    .lines()
    .filter((l: Line) => !('_aws' in l))
    .map((l, i) => toRecord(JSON.stringify(l), T0 + i * 1000, `/aws/lambda/${String(l.function_name)}`));
}

const REPORT_LINES = [
  'REPORT RequestId: 11111111-1111-4111-8111-111111111111\tDuration: 100.00 ms\tBilled Duration: 100 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\tInit Duration: 412.50 ms',
  'REPORT RequestId: 22222222-2222-4222-8222-222222222222\tDuration: 200.00 ms\tBilled Duration: 200 ms\tMemory Size: 256 MB\tMax Memory Used: 81 MB',
  'REPORT RequestId: 33333333-3333-4333-8333-333333333333\tDuration: 300.00 ms\tBilled Duration: 300 ms\tMemory Size: 256 MB\tMax Memory Used: 82 MB',
  'REPORT RequestId: 44444444-4444-4444-8444-444444444444\tDuration: 4000.00 ms\tBilled Duration: 4000 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\tInit Duration: 387.50 ms',
  'START RequestId: 44444444-4444-4444-8444-444444444444 Version: 3',
];

let records: LogRecord[];
beforeAll(async () => {
  records = [
    ...(await handlerLines()),
    ...REPORT_LINES.map((line, i) => toRecord(line, T0 + 60_000 + i * 1000, '/aws/lambda/concert-dev-chatbot')),
  ];
});

describe("the saved queries over the platform handlers' log lines", () => {
  test('every field a query reads or shows occurs in the sample lines', () => {
    const known = new Set(records.flatMap((r) => Object.keys(r)));
    for (const query of [ERROR_ANALYSIS, CONVERSATION_STATS, LATENCY, COLD_STARTS, DATA_QUALITY, FAMILY_PROBLEMS]) {
      expect(referencedFields(parseQuery(query)).filter((f) => !known.has(f))).toEqual([]);
    }
  });

  test('error analysis counts the ERROR lines by function and error type, and nothing else', () => {
    expect(runQuery(ERROR_ANALYSIS, records)).toEqual([
      { function_name: 'concert-dev-alert-processor', 'error.name': null, errors: 1 },
      { function_name: 'concert-dev-venue-popularity', 'error.name': 'TypeError', errors: 1 },
    ]);
  });

  test('conversation stats sum the hourly runs of conversation-analytics', () => {
    expect(runQuery(CONVERSATION_STATS, records)).toEqual([
      {
        bin: '2025-06-01T00:00:00.000Z',
        messages: 3,
        peakConversations: 2,
        runs: 1,
        '@timestamp': Date.UTC(2025, 5, 1),
      },
    ]);
  });

  test('latency gives p50, p95 and p99 of the REPORT durations', () => {
    expect(runQuery(LATENCY, records)).toEqual([
      expect.objectContaining({ p50: 200, p95: 4000, p99: 4000, invocations: 4 }),
    ]);
  });

  test('cold starts count only invocations with an init duration', () => {
    expect(runQuery(COLD_STARTS, records)).toEqual([
      expect.objectContaining({ coldStarts: 2, avgInitMs: 400, maxInitMs: 412.5 }),
    ]);
  });

  test('data quality counts the issues by function and rule', () => {
    expect(runQuery(DATA_QUALITY, records)).toEqual([
      { function_name: 'concert-dev-session-maintenance', [DATA_QUALITY_FIELD]: 'session-missing-ttl', issues: 2 },
    ]);
  });

  test("a family's problems are its warnings and errors with request and correlation IDs, newest first", () => {
    const rows = runQuery(FAMILY_PROBLEMS, records);
    expect(rows.map((r) => r.level)).toEqual(['WARN', 'WARN', 'ERROR', 'ERROR']);
    expect(rows.every((r) => typeof r.function_request_id === 'string')).toBe(true);
    expect(rows.map((r) => r.message)).toContain('malformed alert dropped');
  });
});

describe('insightsQueries', () => {
  const queries = insightsQueries({
    allLogGroups: ['/aws/lambda/a', '/aws/lambda/b', '/aws/lambda/c'],
    families: { app: ['/aws/lambda/a'], jobs: ['/aws/lambda/b'], alerting: ['/aws/lambda/c'], cdn: [] },
    conversationLogGroups: ['/aws/lambda/b'],
  });

  test('has the platform queries over every log group and one per non-empty family over its own', () => {
    expect(queries.map((q) => `${q.folder}/${q.id} ${q.logGroupNames.join(',')}`)).toEqual([
      'platform/error-analysis /aws/lambda/a,/aws/lambda/b,/aws/lambda/c',
      'platform/latency /aws/lambda/a,/aws/lambda/b,/aws/lambda/c',
      'platform/cold-starts /aws/lambda/a,/aws/lambda/b,/aws/lambda/c',
      'platform/data-quality /aws/lambda/a,/aws/lambda/b,/aws/lambda/c',
      'platform/conversation-stats /aws/lambda/b',
      'app/app-problems /aws/lambda/a',
      'jobs/jobs-problems /aws/lambda/b',
      'alerting/alerting-problems /aws/lambda/c',
    ]);
  });

  test('every query parses', () => {
    for (const q of queries) expect(() => parseQuery(q.query)).not.toThrow();
  });

  test('without a conversation log group there is no conversation query', () => {
    const ids = insightsQueries({ allLogGroups: ['/aws/lambda/a'], families: {} }).map((q) => q.id);
    expect(ids).not.toContain('conversation-stats');
  });
});

describe('the query parser', () => {
  test.each([
    ['an unknown command', 'display @message'],
    ['an unsupported function', 'filter strlen(message) > 3'],
    ['sum(*)', 'stats sum(*) as s'],
    ['pct without a percentile', 'stats pct(@duration) as p'],
    ['a bad field', 'fields 1abc'],
  ])('fails on %s', (_, query) => {
    expect(() => parseQuery(query)).toThrow(QuerySyntaxError);
  });

  test('honours and/or precedence and parentheses', () => {
    const rows: LogRecord[] = [
      { a: 1, b: 1, c: 0 },
      { a: 0, b: 1, c: 1 },
      { a: 0, b: 0, c: 1 },
    ];
    expect(runQuery('filter a = 1 or b = 1 and c = 1', rows)).toHaveLength(2);
    expect(runQuery('filter (a = 1 or b = 1) and c = 1', rows)).toHaveLength(1);
  });
});
