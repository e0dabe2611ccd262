/**
 * GET /health on every API: reports that the function runs and which build is live. Works behind API Gateway REST
 * (payload 1.0) and HTTP APIs (payload 2.0), whose proxy responses share this shape.
 *
 * It calls no AWS API, so it carries no Tracer (Lambda's active tracing records the invocation); Logger puts the
 * request ID and the API's request ID (correlation ID) on its line, which is at debug level: load balancers and
 * uptime checks call it constantly.
 */
import type { Context } from 'aws-lambda';
import { createPowertools, instrument, type Powertools } from '../shared/powertools';

export interface HealthBody {
  readonly status: 'ok';
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly timestamp: string;
}

export interface ProxyResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function health(env: NodeJS.ProcessEnv, now: Date = new Date()): ProxyResult {
  const body: HealthBody = {
    status: 'ok',
    service: env.SERVICE ?? 'unknown',
    environment: env.ENVIRONMENT ?? 'unknown',
    version: env.VERSION ?? 'unknown',
    timestamp: now.toISOString(),
  };
  return {
    statusCode: 200,
    // Health answers must never be served from a cache, or a dead function would look alive.
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

let tools: Powertools | undefined;
let instrumented: ((event: unknown, context?: Context) => Promise<ProxyResult>) | undefined;

export const handler = (event?: unknown, context?: Context): Promise<ProxyResult> => {
  tools ??= createPowertools();
  const { logger } = tools;
  instrumented ??= instrument(
    tools,
    async () => {
      const result = health(process.env);
      logger.debug('health checked', { version: process.env.VERSION });
      return result;
    },
    {
      correlationId: (event) =>
        (event as { requestContext?: { requestId?: string } } | undefined)?.requestContext?.requestId,
    },
  );
  return instrumented(event, context);
};
