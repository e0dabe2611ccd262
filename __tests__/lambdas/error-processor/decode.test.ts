import { gzipSync } from 'zlib';
import {
  decodeLogsEvent,
  extractErrors,
  fingerprint,
  MalformedPayloadError,
} from '../../../lambdas/error-processor/decode';
import {
  FUNCTION,
  LOG_GROUP,
  logsEvent,
  payload,
  powertoolsError,
  powertoolsInfo,
  REQUEST_IDS,
  runtimeError,
} from './fixtures';

describe('decodeLogsEvent', () => {
  test('decodes a real gzip + base64 subscription payload', () => {
    const body = payload(['first line', 'second line']);
    expect(decodeLogsEvent(logsEvent(body))).toEqual(body);
  });

  test.each([
    ['no awslogs', {}, /no awslogs.data/],
    ['null', null, /no awslogs.data/],
    ['data not gzip', { awslogs: { data: Buffer.from('plain text').toString('base64') } }, /not base64 of gzip/],
    ['gzip of non-JSON', { awslogs: { data: gzipSync('not json').toString('base64') } }, /does not decompress to JSON/],
    ['an unknown messageType', logsEvent({ ...payload([]), messageType: 'OTHER' }), /messageType must be/],
    [
      'no logEvents',
      logsEvent({ messageType: 'DATA_MESSAGE', logGroup: LOG_GROUP }),
      /no logGroup string or logEvents/,
    ],
    ['an event without message', logsEvent({ ...payload([]), logEvents: [{ timestamp: 1 }] }), /no message string/],
  ])('fails with MalformedPayloadError on %s', (_, event, message) => {
    expect(() => decodeLogsEvent(event)).toThrow(MalformedPayloadError);
    expect(() => decodeLogsEvent(event)).toThrow(message);
  });
});

describe('extractErrors', () => {
  test('takes message, request ID, function and stack from Powertools ERROR lines and skips other levels', () => {
    const body = decodeLogsEvent(
      logsEvent(
        payload([
          powertoolsInfo('request served', REQUEST_IDS[0]),
          powertoolsError('bedrock call failed', REQUEST_IDS[1], {
            name: 'ThrottlingException',
            message: 'Rate exceeded',
          }),
          'START RequestId: 8a0f3a52-1d9e-4a63-9d52-1a2b3c4d5e01 Version: 3',
          '{not json',
        ]),
      ),
    );
    expect(extractErrors(body)).toEqual([
      {
        functionName: FUNCTION,
        requestId: REQUEST_IDS[1],
        errorType: 'ThrottlingException',
        message: 'bedrock call failed: Rate exceeded',
        stack: 'ThrottlingException: Rate exceeded\n    at handler (/var/task/index.js:1:200)',
        timestamp: Date.UTC(2025, 5, 1, 3, 0, 1),
        logGroup: LOG_GROUP,
        logStream: '2025/06/01/[$LATEST]0123456789abcdef',
      },
    ]);
  });

  test('reads the runtime line of an escaped error and a timeout, naming the function from the log group', () => {
    const body = decodeLogsEvent(
      logsEvent(
        payload([
          runtimeError(REQUEST_IDS[0], 'TypeError', "Cannot read properties of undefined (reading 'id')"),
          `2025-06-01T03:00:02.000Z ${REQUEST_IDS[2]} Task timed out after 30.03 seconds`,
        ]),
      ),
    );
    expect(extractErrors(body)).toEqual([
      expect.objectContaining({
        functionName: FUNCTION,
        requestId: REQUEST_IDS[0],
        errorType: 'TypeError',
        message: "Cannot read properties of undefined (reading 'id')",
        stack:
          "TypeError: Cannot read properties of undefined (reading 'id')\n    at Runtime.handler (/var/task/index.js:1:99)",
      }),
      expect.objectContaining({
        requestId: REQUEST_IDS[2],
        errorType: 'Timeout',
        message: 'Task timed out after 30.03 seconds',
      }),
    ]);
  });

  test('a control message holds no errors', () => {
    const body = decodeLogsEvent(
      logsEvent(payload(['CWL CONTROL MESSAGE: Checking health of destination'], { messageType: 'CONTROL_MESSAGE' })),
    );
    expect(extractErrors(body)).toEqual([]);
  });
});

describe('fingerprint', () => {
  const [a, b, c] = extractErrors(
    decodeLogsEvent(
      logsEvent(
        payload([
          powertoolsError('order 1234 not found', REQUEST_IDS[0], { name: 'NotFound', message: 'key "a1" missing' }),
          powertoolsError('order 98 not found', REQUEST_IDS[1], { name: 'NotFound', message: 'key "zz" missing' }),
          powertoolsError('order 98 not found', REQUEST_IDS[2], {
            name: 'ValidationError',
            message: 'key "zz" missing',
          }),
        ]),
      ),
    ),
  );

  test('is the same for occurrences that differ only in numbers and quoted values', () => {
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  test('differs by error type and by function', () => {
    expect(fingerprint(c)).not.toBe(fingerprint(b));
    expect(fingerprint({ ...b, functionName: 'concert-dev-other' })).not.toBe(fingerprint(b));
  });
});
