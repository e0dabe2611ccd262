/**
 * What Powertools prints, captured: Logger and Metrics write JSON lines to process.stdout and process.stderr (their
 * own Console on those streams), so the tests read the lines the function would hand to CloudWatch Logs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { Powertools } from '../../lambdas/shared/powertools';

export type Line = Record<string, unknown>;

export interface CapturedOutput {
  /** Every JSON line written since the capture started, in order. */
  lines(): Line[];
  /** Log lines (those with a `level`), optionally of one level (`INFO`, `WARN`, `ERROR`). */
  logs(level?: string): Line[];
  /** Embedded-metric-format records. */
  emf(): Line[];
  restore(): void;
}

export function captureOutput(): CapturedOutput {
  const written: string[] = [];
  const record = (chunk: unknown): boolean => {
    written.push(String(chunk));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(record);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(record);
  const lines = (): Line[] =>
    written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Line);
  return {
    lines,
    logs: (level) => lines().filter((l) => 'level' in l && (level === undefined || l.level === level)),
    emf: () => lines().filter((l) => '_aws' in l),
    restore: () => {
      stdout.mockRestore();
      stderr.mockRestore();
    },
  };
}

/** A Logger and Metrics pair as the handlers build them, for a given namespace. */
export function testPowertools(namespace: string, serviceName = 'test'): Powertools {
  return { logger: new Logger({ serviceName }), metrics: new Metrics({ namespace, serviceName }) };
}

/** A Lambda context with a known request ID, for the lines that must carry it. */
export function lambdaContext(functionName: string, awsRequestId = 'c6af9ac6-7b61-11e6-9a41-93e812345678'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '1',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}:live`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2025/06/01/[1]abcdef',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
