/**
 * CloudWatch Logs subscription payloads and the error records in them.
 *
 * A subscription filter invokes the function with `{"awslogs": {"data": "<base64 of gzip of JSON>"}}`; the JSON is
 * a DATA_MESSAGE with the log group, stream and events, or a CONTROL_MESSAGE that CloudWatch Logs sends once to check
 * that the destination is reachable. An error record comes from either form a platform function logs errors in:
 * a Powertools Logger line (`{"level":"ERROR","message":...,"function_request_id":...,"error":{...}}`) or the Node.js
 * runtime's own line for an error that escaped the handler (`<time>\t<request id>\tERROR\tInvoke Error \t{json}`),
 * and the platform's `Task timed out` report.
 */
import { createHash } from 'crypto';
import { gunzipSync } from 'zlib';

export class MalformedPayloadError extends Error {
  override name = 'MalformedPayloadError';
}

export interface LogEvent {
  readonly id: string;
  readonly timestamp: number;
  readonly message: string;
}

export interface LogsPayload {
  readonly messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly subscriptionFilters: readonly string[];
  readonly logEvents: readonly LogEvent[];
}

/** One error a function logged. */
export interface ErrorRecord {
  /** Function name, from the log line or else from the log group `/aws/lambda/<name>`. */
  readonly functionName: string;
  readonly requestId?: string;
  readonly errorType: string;
  readonly message: string;
  readonly stack?: string;
  readonly timestamp: number;
  readonly logGroup: string;
  readonly logStream: string;
}

/** Decodes `event.awslogs.data`; anything that is not a well-formed subscription payload is malformed. */
export function decodeLogsEvent(event: unknown): LogsPayload {
  const data = (event as { awslogs?: { data?: unknown } } | null | undefined)?.awslogs?.data;
  if (typeof data !== 'string' || data.length === 0) {
    throw new MalformedPayloadError('event has no awslogs.data string');
  }
  let json: string;
  try {
    json = gunzipSync(Buffer.from(data, 'base64')).toString('utf8');
  } catch (error) {
    throw new MalformedPayloadError(`awslogs.data is not base64 of gzip data: ${(error as Error).message}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new MalformedPayloadError('awslogs.data does not decompress to JSON');
  }
  const p = payload as Partial<LogsPayload> | null;
  if (p === null || typeof p !== 'object') throw new MalformedPayloadError('payload is not an object');
  if (p.messageType !== 'DATA_MESSAGE' && p.messageType !== 'CONTROL_MESSAGE') {
    throw new MalformedPayloadError(
      `messageType must be DATA_MESSAGE or CONTROL_MESSAGE, got ${String(p.messageType)}`,
    );
  }
  if (typeof p.logGroup !== 'string' || !Array.isArray(p.logEvents)) {
    throw new MalformedPayloadError('payload has no logGroup string or logEvents array');
  }
  for (const e of p.logEvents) {
    if (typeof e?.message !== 'string' || typeof e?.timestamp !== 'number') {
      throw new MalformedPayloadError('a log event has no message string or timestamp number');
    }
  }
  return {
    messageType: p.messageType,
    owner: String(p.owner ?? ''),
    logGroup: p.logGroup,
    logStream: String(p.logStream ?? ''),
    subscriptionFilters: Array.isArray(p.subscriptionFilters) ? p.subscriptionFilters.map(String) : [],
    logEvents: p.logEvents,
  };
}

const LAMBDA_LOG_GROUP = /^\/aws\/lambda\/(.+)$/;
/** `2025-06-01T03:00:00.000Z\t<request id>\tERROR\t<rest>`: the Node.js runtime's text format. */
const RUNTIME_LINE = /^\S+\t([0-9a-f-]{36})\tERROR\t([\s\S]*)$/;
const TIMEOUT_LINE = /^\S+ ([0-9a-f-]{36}) Task timed out after ([\d.]+) seconds/;

function functionOf(logGroup: string): string {
  return LAMBDA_LOG_GROUP.exec(logGroup)?.[1] ?? logGroup;
}

function stackText(stack: unknown): string | undefined {
  if (typeof stack === 'string') return stack;
  if (Array.isArray(stack)) return stack.map(String).join('\n');
  return undefined;
}

/** The error of one log line, or undefined when the line is not an error. */
export function errorFromLine(line: string, payload: LogsPayload, timestamp: number): ErrorRecord | undefined {
  const base = { timestamp, logGroup: payload.logGroup, logStream: payload.logStream };
  const text = line.trim();
  if (text.startsWith('{')) {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    if (entry.level !== 'ERROR' && entry.level !== 'CRITICAL') return undefined;
    const error = (entry.error ?? {}) as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      ...base,
      functionName: typeof entry.function_name === 'string' ? entry.function_name : functionOf(payload.logGroup),
      requestId: typeof entry.function_request_id === 'string' ? entry.function_request_id : undefined,
      errorType: typeof error.name === 'string' ? error.name : 'Error',
      message: [entry.message, error.message].filter((m) => typeof m === 'string' && m !== '').join(': '),
      stack: stackText(error.stack),
    };
  }
  const runtime = RUNTIME_LINE.exec(text);
  if (runtime) {
    const [, requestId, rest] = runtime;
    const json = rest.indexOf('{');
    let detail: { errorType?: unknown; errorMessage?: unknown; stack?: unknown } = {};
    if (json >= 0) {
      try {
        detail = JSON.parse(rest.slice(json)) as typeof detail;
      } catch {
        detail = {};
      }
    }
    return {
      ...base,
      functionName: functionOf(payload.logGroup),
      requestId,
      errorType: typeof detail.errorType === 'string' ? detail.errorType : 'Error',
      message: typeof detail.errorMessage === 'string' ? detail.errorMessage : rest.trim(),
      stack: stackText(detail.stack),
    };
  }
  const timeout = TIMEOUT_LINE.exec(text);
  if (timeout) {
    return {
      ...base,
      functionName: functionOf(payload.logGroup),
      requestId: timeout[1],
      errorType: 'Timeout',
      message: `Task timed out after ${timeout[2]} seconds`,
    };
  }
  return undefined;
}

export function extractErrors(payload: LogsPayload): ErrorRecord[] {
  if (payload.messageType !== 'DATA_MESSAGE') return [];
  return payload.logEvents.flatMap((e) => errorFromLine(e.message, payload, e.timestamp) ?? []);
}

/**
 * What makes two errors "the same" for deduplication: function, type and message with the parts that vary between
 * occurrences (numbers, IDs, quoted values) masked, so a burst of one failure is one alert.
 */
export function fingerprint(record: ErrorRecord): string {
  const masked = record.message
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/"[^"]*"|'[^']*'/g, '<value>')
    .replace(/\d+/g, '<n>');
  return createHash('sha256')
    .update(`${record.functionName}\n${record.errorType}\n${masked}`)
    .digest('hex')
    .slice(0, 32);
}
