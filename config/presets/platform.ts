/** The default preset: every layer on, in dev, staging and prod, with the seeds' per-environment values. */
import type { AppLayerInput } from '../layers/app';
import type { CodegenLayerInput } from '../layers/codegen';
import type { CdnLayerInput } from '../layers/cdn';
import type { JobsLayerInput } from '../layers/jobs';
import type { PlatformConfigInput } from '../schema';
import { weeklySchedule } from './examples';

interface AppSizing {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Pre-initialized executions of the API function (prod). */
  readonly provisionedConcurrency?: number;
}

/**
 * Every kind of function and both API kinds: an HTTP API in dev and a REST API (X-Ray, preflight mocks) in staging
 * and prod; the API function as a zip artifact from the data layer's deployment bucket, in the VPC with the shared
 * layer; a container-image function it invokes; a Lambda authorizer on the public routes and IAM on the admin
 * routes; a table; parameters and a secret.
 * `1.0.0` is an example of the first published key and tag.
 */
const platformApp = (api: 'http' | 'rest', sizing: AppSizing): AppLayerInput => ({
  memoryMb: sizing.memoryMb,
  timeoutSeconds: sizing.timeoutSeconds,
  layer: {},
  functions: {
    api: {
      description: 'Platform API',
      code: { type: 'artifact', key: 'functions/api/1.0.0.zip' },
      vpc: true,
      sharedLayer: true,
      provisionedConcurrency: sizing.provisionedConcurrency,
      tables: { items: { access: 'read-write' } },
      parameters: ['FEATURE_FLAGS', 'SIGNING_KEY'],
      secrets: ['credentials'],
      invokes: ['renderer'],
    },
    authorizer: {
      description: 'Checks the session token of every API request (Lambda authorizer)',
      code: { type: 'artifact', key: 'functions/authorizer/1.0.0.zip' },
      memoryMb: 256,
      // API Gateway waits 10 s for an authorizer; every request waits for this one, so it must answer in well under 1 s.
      timeoutSeconds: 10,
      alarms: { latencyThresholdMs: 1000 },
      parameters: ['SIGNING_KEY'],
    },
    renderer: {
      description: 'Document rendering (container image)',
      code: { type: 'image', tag: '1.0.0' },
      memoryMb: 2048,
      timeoutSeconds: 120,
      alarms: { latencyThresholdMs: 60000 },
    },
  },
  api: {
    type: api,
    authorizers: { session: { type: 'lambda', function: 'authorizer' } },
    routes: {
      'ANY /{proxy+}': { function: 'api', authorizer: 'session' },
      'ANY /admin/{proxy+}': { function: 'api', authorization: 'iam' },
    },
    cors: { allowOrigins: ['https://app.example.com', 'https://admin.example.com'] },
  },
  tables: { items: { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } } },
  parameters: {
    FEATURE_FLAGS: { type: 'StringList', value: 'search,exports' },
    SIGNING_KEY: { type: 'SecureString', description: 'Signs session tokens' },
  },
  secrets: { credentials: { description: 'Third-party API credentials (JSON)' } },
});

/**
 * Concert's scheduled chatbot jobs with all three chatbot tables in this layer, so that they stand on their own
 * (the `concert` preset keeps the conversation history in the app layer, as its seed does).
 */
const jobs: JobsLayerInput = {
  enabled: true,
  tables: {
    'user-preferences': { partitionKey: { name: 'userId', type: 'S' } },
    'session-state': { partitionKey: { name: 'sessionId', type: 'S' }, ttlAttribute: 'expiresAt' },
    'conversation-history': {
      partitionKey: { name: 'conversationId', type: 'S' },
      sortKey: { name: 'timestamp', type: 'N' },
      ttlAttribute: 'expiresAt',
    },
  },
  functions: {
    'session-maintenance': {
      code: { type: 'bundled', handler: 'session-maintenance' },
      schedule: 'rate(1 day)',
      timeoutSeconds: 300,
      tables: { 'session-state': { actions: ['Scan', 'BatchWriteItem'], environmentVariable: 'SESSION_TABLE_NAME' } },
    },
    'conversation-analytics': {
      code: { type: 'bundled', handler: 'conversation-analytics' },
      schedule: 'rate(1 hour)',
      timeoutSeconds: 300,
      tables: { 'conversation-history': { actions: ['Scan'], environmentVariable: 'CONVERSATION_TABLE_NAME' } },
    },
  },
};

/**
 * Code generation with the Frigg seed's per-environment concurrency (5, 8, 20) and 300 s timeout; the template
 * cache follows the platform default (on in prod only).
 */
const codegen = (maxConcurrentGenerations: number): CodegenLayerInput => ({
  enabled: true,
  modelEndpoint: 'https://models.example.com/v1/chat/completions',
  maxConcurrentGenerations,
  generationTimeoutSeconds: 300,
});

/**
 * Both kinds of site: a single-page app (SPA fallback, a DNS-validated certificate in prod) and a package site with
 * per-framework behaviours and the package API; access logs outside dev; WAF in count mode until prod blocks.
 */
const platformCdn = (logging: boolean, domain?: { name: string; hostedZoneId: string }): CdnLayerInput => ({
  enabled: true,
  priceClass: 'PriceClass_100',
  logging: logging
    ? { enabled: true }
    : { enabled: false, reason: 'dev serves test builds only; its access logs are not kept, to save cost' },
  sites: {
    web: { spaFallback: true, domain },
    ui: { pathBehaviours: [{ pathPattern: '/packages/react/*' }, { pathPattern: '/packages/vue/*' }] },
  },
  packages: { site: 'ui', frameworks: ['react', 'vue'] },
});

/** Three zones, because the data layer's Redshift Serverless workgroup needs private subnets in three. */
const network = { enabled: true, availabilityZones: 3 };

/** Critical alerts page and email the on-call address; warnings email the team; everything reaches Slack. */
const alerting = (criticalAlertEmail: string) => ({
  enabled: true,
  criticalAlertEmail,
  teamNotificationEmail: 'platform-team@example.com',
});

export const platform: PlatformConfigInput = {
  service: 'platform',
  region: 'us-east-1',
  tags: { CostCenter: 'platform' },
  repository: { owner: 'example-org', name: 'serverless-platform', defaultBranch: 'main' },
  state: { backend: 'local' },
  oncall: {
    enabled: true,
    team: { name: 'Platform', description: 'Serverless platform on-call' },
    schedules: [
      weeklySchedule('primary', ['oncall-1@example.com', 'oncall-2@example.com', 'oncall-3@example.com']),
      weeklySchedule('secondary', ['oncall-2@example.com', 'oncall-3@example.com', 'oncall-1@example.com']),
    ],
    escalation: {
      loops: 2,
      levels: [
        { delayMinutes: 15, schedules: ['primary'] },
        { delayMinutes: 15, schedules: ['secondary'] },
        { delayMinutes: 30, users: ['engineering-lead@example.com'] },
      ],
    },
  },
  github: {
    enabled: true,
    description: 'Multi-environment serverless platform on AWS (CDK for Terraform)',
    topics: ['cdktf', 'terraform', 'aws', 'serverless'],
    environments: { prod: { reviewers: { teams: ['platform-leads'] } } },
  },
  // The renderer function ships as a container image, so the UI build of this preset builds images too.
  pipeline: { enabled: true, preset: 'platform', ui: { enabled: true, buildsContainerImages: true } },
  environments: {
    dev: {
      logRetentionDays: 7,
      network: { ...network, natGateways: 'single' },
      data: { enabled: true, streams: [{ name: 'events', mode: 'provisioned', shards: 1 }] },
      app: platformApp('http', { memoryMb: 256, timeoutSeconds: 15 }),
      jobs,
      cdn: platformCdn(false),
      codegen: codegen(5),
      alerting: alerting('dev-alerts@example.com'),
      monitoring: { enabled: true },
      observability: { enabled: true },
    },
    staging: {
      logRetentionDays: 14,
      network: { ...network, natGateways: 'single' },
      data: { enabled: true, streams: [{ name: 'events', mode: 'provisioned', shards: 1 }] },
      app: platformApp('rest', { memoryMb: 512, timeoutSeconds: 30 }),
      jobs,
      cdn: platformCdn(true),
      codegen: codegen(8),
      alerting: alerting('staging-alerts@example.com'),
      monitoring: { enabled: true },
      observability: { enabled: true },
    },
    prod: {
      logRetentionDays: 30,
      protectStatefulResources: true,
      network: { ...network, natGateways: 'per-az', flowLogs: { enabled: true } },
      data: { enabled: true, streams: [{ name: 'events' }], redshift: { baseCapacityRpus: 32 } },
      app: platformApp('rest', { memoryMb: 1024, timeoutSeconds: 30, provisionedConcurrency: 5 }),
      jobs,
      cdn: platformCdn(true, { name: 'www.example.com', hostedZoneId: 'Z1234567890ABC' }),
      codegen: codegen(20),
      alerting: alerting('oncall@example.com'),
      monitoring: { enabled: true },
      observability: { enabled: true },
    },
  },
};
