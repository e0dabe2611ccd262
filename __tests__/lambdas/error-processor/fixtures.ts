/** CloudWatch Logs subscription payloads as the service sends them: JSON, gzipped, base64 in `awslogs.data`. */
import { gzipSync } from 'zlib';

export const LOG_GROUP = '/aws/lambda/concert-dev-chatbot';
export const FUNCTION = 'concert-dev-chatbot';

let nextId = 0;

export interface PayloadOptions {
  readonly logGroup?: string;
  readonly messageType?: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
}

export function payload(messages: readonly string[], options: PayloadOptions = {}): Record<string, unknown> {
  return {
    messageType: options.messageType ?? 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: options.logGroup ?? LOG_GROUP,
    logStream: '2025/06/01/[$LATEST]0123456789abcdef',
    subscriptionFilters: ['concert-dev-errors'],
    logEvents: messages.map((message, i) => ({
      id: String(++nextId).padStart(56, '0'),
      timestamp: Date.UTC(2025, 5, 1, 3, 0, i),
      message,
    })),
  };
}

/** The event a subscription filter delivers. */
export function logsEvent(body: unknown): { awslogs: { data: string } } {
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(body))).toString('base64') } };
}

/** A Powertools Logger error line, as lambdas/shared/powertools.ts writes it. */
export function powertoolsError(message: string, requestId: string, error?: { name: string; message: string }): string {
  return JSON.stringify({
    level: 'ERROR',
    message,
    timestamp: '2025-06-01T03:00:00.000Z',
    service: 'concert',
    cold_start: false,
    function_arn: `arn:aws:lambda:us-east-1:123456789012:function:${FUNCTION}:live`,
    function_memory_size: '256',
    function_name: FUNCTION,
    function_request_id: requestId,
    sampling_rate: 0,
    xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
    ...(error && {
      error: {
        ...error,
        location: 'file:///var/task/index.js:1:200',
        stack: `${error.name}: ${error.message}\n    at handler (/var/task/index.js:1:200)`,
      },
    }),
  });
}

export const powertoolsInfo = (message: string, requestId: string): string =>
  JSON.stringify({
    level: 'INFO',
    message,
    service: 'concert',
    function_name: FUNCTION,
    function_request_id: requestId,
  });

/** The Node.js runtime's line for an error that escaped the handler. */
export function runtimeError(requestId: string, errorType: string, errorMessage: string): string {
  const detail = {
    errorType,
    errorMessage,
    stack: [`${errorType}: ${errorMessage}`, '    at Runtime.handler (/var/task/index.js:1:99)'],
  };
  return `2025-06-01T03:00:01.000Z\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(detail)}`;
}

export const REQUEST_IDS = [
  '8a0f3a52-1d9e-4a63-9d52-1a2b3c4d5e01',
  '8a0f3a52-1d9e-4a63-9d52-1a2b3c4d5e02',
  '8a0f3a52-1d9e-4a63-9d52-1a2b3c4d5e03',
];
