/**
 * Phoney template API (seed 001): one container-image function behind an HTTP API, with the seed's stage sizing
 * (256/512/1024 MB, 15/30/30 s, concurrency 100/500/1000), configuration in SSM and Secrets Manager, a dashboard and
 * alarms (latency over 10 s in dev and staging, 5 s in prod, the prod defaults of the app layer).
 */
import type { AppLayerInput } from '../layers/app';
import type { PlatformConfigInput } from '../schema';

/** The seed's per-stage sizing; its concurrency is the function's reserved concurrency (README, "App layer"). */
interface StageSizing {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly concurrency: number;
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  readonly corsOrigins: readonly [string, ...string[]];
}

/**
 * The FastAPI app (Mangum handler) as a container image from the registry stack's repository `phoney-<env>-api`,
 * behind an HTTP API; `1.0.0` is an example of the first tag the product's build pushes (README, "Publishing the
 * first image or artifact").
 */
/** Why Phoney's routes are served without an API Gateway authorizer (the suppression reviewers read). */
const PHONEY_AUTH_REASON =
  'The FastAPI app authenticates every request itself: JWT bearer tokens signed with SECRET_KEY, and basic auth ' +
  '(API_USERNAME, the credentials secret) to obtain them, as the guide describes.';

const phoneyApp = (stage: StageSizing): AppLayerInput => ({
  memoryMb: stage.memoryMb,
  timeoutSeconds: stage.timeoutSeconds,
  functions: {
    api: {
      description: 'Phoney template API (FastAPI behind Mangum)',
      code: { type: 'image', tag: '1.0.0' },
      reservedConcurrency: stage.concurrency,
      parameters: ['SECRET_KEY', 'API_USERNAME', 'CORS_ORIGINS', 'RATE_LIMIT_PER_MINUTE'],
      secrets: ['credentials'],
    },
  },
  api: {
    type: 'http',
    // The FastAPI app checks its own HS256 JWTs (SECRET_KEY) and basic auth; API Gateway's JWT authorizer needs an
    // issuer publishing keys (JWKS), which a shared-secret token has not.
    routes: {
      'ANY /': { function: 'api', public: { reason: PHONEY_AUTH_REASON } },
      'ANY /{proxy+}': { function: 'api', public: { reason: PHONEY_AUTH_REASON } },
    },
    cors: { allowOrigins: [...stage.corsOrigins] },
    throttling: stage.throttling,
  },
  parameters: {
    SECRET_KEY: { type: 'SecureString', description: 'JWT signing key' },
    API_USERNAME: { description: 'Basic auth username' },
    CORS_ORIGINS: { value: stage.corsOrigins.join(','), description: 'Allowed CORS origins' },
    RATE_LIMIT_PER_MINUTE: { value: '60', description: 'Requests per client per minute' },
  },
  secrets: { credentials: { description: 'JSON with api_password_hash and jwt_secret' } },
});

/** Alarms reach Slack and email; the seed has no on-call rotation, so nothing pages. */
const alerting = { enabled: true, criticalAlertEmail: 'oncall@example.com', teamNotificationEmail: 'team@example.com' };

/** The seed's dashboard (function, API and custom metrics) and a budget sized for one API per stage. */
const monitoring = (monthlyLimitUsd: number) => ({ enabled: true, budget: { monthlyLimitUsd } });

/** The seed's latency alarm: over 10 s in dev, 5 s in production. */
const observability = (thresholdMs: number) => ({ enabled: true, latencyAlarm: { thresholdMs } });

export const phoney: PlatformConfigInput = {
  service: 'phoney',
  region: 'us-east-1',
  repository: { owner: 'example-org', name: 'phoney', defaultBranch: 'main' },
  environments: {
    dev: {
      app: phoneyApp({
        memoryMb: 256,
        timeoutSeconds: 15,
        concurrency: 100,
        throttling: { rateLimit: 50, burstLimit: 100 },
        corsOrigins: ['http://localhost:3000', 'https://dev.phoney.example.com'],
      }),
      alerting,
      monitoring: monitoring(50),
      observability: observability(10_000),
    },
    staging: {
      app: phoneyApp({
        memoryMb: 512,
        timeoutSeconds: 30,
        concurrency: 500,
        throttling: { rateLimit: 250, burstLimit: 500 },
        corsOrigins: ['https://staging.phoney.example.com'],
      }),
      alerting,
      monitoring: monitoring(100),
      observability: observability(10_000),
    },
    prod: {
      protectStatefulResources: true,
      app: {
        ...phoneyApp({
          memoryMb: 1024,
          timeoutSeconds: 30,
          concurrency: 1000,
          throttling: { rateLimit: 1000, burstLimit: 2000 },
          corsOrigins: ['https://phoney.example.com'],
        }),
        // Reserving 1000 executions needs the region's quota raised from its default of 1000 (Service Quotas).
        concurrencyQuota: 2000,
        domain: { name: 'api.phoney.example.com', hostedZoneId: 'Z1234567890ABC' },
      },
      alerting,
      monitoring: monitoring(500),
      observability: observability(5000),
    },
  },
};
