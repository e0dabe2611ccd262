/**
 * SmartPack (seed 003): React front end on a private S3 origin behind CloudFront with origin access control (the
 * guide's public-read website bucket is replaced), a Node.js API function and a 3008 MB container function behind a
 * REST API, WAF, an ACM certificate in us-east-1 and an error alarm.
 */
import type { AppLayerInput } from '../layers/app';
import type { CdnLayerInput } from '../layers/cdn';
import type { PlatformConfigInput } from '../schema';

/**
 * The Express API (serverless-http) as a zip artifact from the product's build, serving /generate, and the Ollama
 * AI function as a 3008 MB container image that the API invokes (it runs up to 300 s, beyond what API Gateway
 * waits). Both are published to the registry stack first; `1.0.0` is an example of the first key and tag.
 */
const smartpackApp = (nodeEnv: string, origin: string): AppLayerInput => ({
  memoryMb: 512,
  timeoutSeconds: 30,
  functions: {
    api: {
      description: 'SmartPack API (Express behind serverless-http)',
      code: { type: 'artifact', key: 'functions/api/1.0.0.zip', runtime: 'nodejs22.x', handler: 'index.handler' },
      environment: { NODE_ENV: nodeEnv, AI_MODEL: 'llama3.1:8b', LOG_LEVEL: 'info', CORS_ORIGIN: origin },
      secrets: ['config'],
      invokes: ['ai'],
    },
    ai: {
      description: 'SmartPack packing-list generation (Ollama)',
      code: { type: 'image', tag: '1.0.0' },
      memoryMb: 3008,
      timeoutSeconds: 300,
      environment: { NODE_ENV: nodeEnv, MODEL_NAME: 'llama3.1:8b', MAX_TOKENS: '2048', TEMPERATURE: '0.7' },
      alarms: { latencyThresholdMs: 120000 },
    },
  },
  api: {
    type: 'rest',
    routes: {
      'POST /generate': {
        function: 'api',
        public: {
          reason:
            'The SmartPack single-page app calls POST /generate without sign-in (the guide creates it with ' +
            '--authorization-type NONE); stage throttling bounds what an anonymous caller can spend.',
        },
      },
    },
    cors: { allowOrigins: [origin] },
  },
  secrets: { config: { description: 'JSON with apiKey, weatherApiKey and databaseUrl' } },
});

/**
 * The React build behind CloudFront: PriceClass_100 and index.html as the error document (SPA fallback), as in the
 * guide; its public-read website bucket becomes a private origin read through origin access control. Production
 * gets the guide's DNS-validated us-east-1 certificate for its domain.
 */
const cdn = (domain?: { name: string; hostedZoneId: string }): CdnLayerInput => ({
  enabled: true,
  priceClass: 'PriceClass_100',
  logging:
    domain !== undefined
      ? { enabled: true }
      : { enabled: false, reason: 'dev has no public domain and serves test builds only; no access logs kept' },
  sites: { web: { comment: 'SmartPack front end', spaFallback: true, domain } },
});

const layers = {
  // The seed's error alarm notifies by email (and Slack); it has no on-call rotation to page.
  alerting: { enabled: true, criticalAlertEmail: 'oncall@example.com', teamNotificationEmail: 'team@example.com' },
  monitoring: { enabled: true },
  // The seed's high error rate alarm: error lines, Sum, over 10 in 300 s for 2 periods, to the alert topic.
  observability: { enabled: true, errorAlarm: { threshold: 10, periodSeconds: 300, evaluationPeriods: 2 } },
};

export const smartpack: PlatformConfigInput = {
  service: 'smartpack',
  region: 'us-east-1',
  repository: { owner: 'example-org', name: 'smartpack', defaultBranch: 'main' },
  environments: {
    dev: {
      ...layers,
      cdn: cdn(),
      monitoring: { enabled: true, budget: { monthlyLimitUsd: 100 } },
      app: smartpackApp('development', 'https://dev.smartpack.example.com'),
    },
    prod: {
      ...layers,
      cdn: cdn({ name: 'smartpack.example.com', hostedZoneId: 'Z1234567890ABC' }),
      protectStatefulResources: true,
      monitoring: { enabled: true, budget: { monthlyLimitUsd: 500 } },
      app: smartpackApp('production', 'https://smartpack.example.com'),
    },
  },
};
