/**
 * GET /health on every API: reports that the function runs and which build is live. Works behind API Gateway REST
 * (payload 1.0) and HTTP APIs (payload 2.0), whose proxy responses share this shape.
 */

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

export async function handler(): Promise<ProxyResult> {
  return health(process.env);
}
