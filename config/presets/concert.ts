/**
 * Concert Data Platform (seed 002): the six layered stacks (networking, storage and processing, compute, chatbot,
 * monitoring, tracing and logging) with the seed's 7-day log retention. The guide's `development` and `production`
 * are this preset's `dev` and `prod`.
 */
import type { AppLayerInput } from '../layers/app';
import type { JobsLayerInput } from '../layers/jobs';
import type { PlatformConfigInput } from '../schema';

/** The seed's VPC and subnets, plus the third zone Redshift Serverless needs (10.0.3.0/24 and 10.0.12.0/24). */
const network = {
  enabled: true,
  cidr: '10.0.0.0/16',
  availabilityZones: 3,
  publicSubnets: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
  privateSubnets: ['10.0.10.0/24', '10.0.11.0/24', '10.0.12.0/24'],
};

/** The seed's streams: one shard each outside prod (its cost advice for development), on demand in prod. */
const streams = (mode: 'on-demand' | 'provisioned') =>
  ['concert-events', 'artist-data', 'venue-data'].map((name) =>
    mode === 'provisioned' ? { name, mode, shards: 1 } : { name, mode },
  );

const data = { enabled: true, streams: streams('provisioned'), redshift: { baseCapacityRpus: 8 } };

/**
 * The seed's API handlers (api_lambda_handlers.py, one zip the product's build uploads to the data layer's deployment
 * bucket; `functions/api-handlers/1.0.0.zip` is an example key) in the private subnets with the shared layer, behind
 * a REST API, and the conversation history table the chatbot writes and the analytics job reads.
 */
const handler = (name: string, description: string) => ({
  description,
  code: {
    type: 'artifact' as const,
    key: 'functions/api-handlers/1.0.0.zip',
    runtime: 'python3.12' as const,
    handler: `api_lambda_handlers.${name}`,
  },
  vpc: true,
  sharedLayer: true,
});

const concertApp: AppLayerInput = {
  memoryMb: 512,
  timeoutSeconds: 29,
  layer: { path: 'lambdas/layers/shared', compatibleRuntimes: ['python3.12', 'nodejs22.x'] },
  functions: {
    chatbot: {
      ...handler('chatbot_handler', 'Concert chatbot (Bedrock agent)'),
      parameters: ['BEDROCK_AGENT_ID', 'BEDROCK_AGENT_ALIAS_ID'],
      tables: { 'conversation-history': { access: 'read-write' } },
    },
    'venue-popularity': handler('venue_popularity_handler', 'Venue popularity'),
    'ticket-prediction': handler('ticket_prediction_handler', 'Ticket sales prediction (SageMaker)'),
    recommendations: handler('recommendations_handler', 'Concert recommendations'),
  },
  api: {
    type: 'rest',
    // The guide leaves authorization open; every route needs the API key of a usage plan, which also meters and
    // throttles each client (the model-backed routes are the expensive ones).
    usagePlans: {
      clients: { throttling: { rateLimit: 50, burstLimit: 100 }, quota: { limit: 100000, period: 'MONTH' } },
    },
    routes: {
      'POST /chat': { function: 'chatbot', apiKeyRequired: true },
      'GET /venues/{venueId}/popularity': { function: 'venue-popularity', apiKeyRequired: true },
      'POST /predictions/tickets': { function: 'ticket-prediction', apiKeyRequired: true },
      'GET /recommendations/{userId}': { function: 'recommendations', apiKeyRequired: true },
    },
  },
  tables: {
    // The layout lambdas/conversation-analytics reads (CONVERSATION_TABLE_KEY); messages expire after expiresAt.
    'conversation-history': {
      partitionKey: { name: 'conversationId', type: 'S' },
      sortKey: { name: 'timestamp', type: 'N' },
      ttlAttribute: 'expiresAt',
    },
  },
  // The seed's optional Bedrock agent IDs, set out of band once the agent exists.
  parameters: {
    BEDROCK_AGENT_ID: { description: 'Bedrock agent of the chatbot' },
    BEDROCK_AGENT_ALIAS_ID: { description: 'Bedrock agent alias of the chatbot' },
  },
};

/** The seed's chatbot stack: its two tables, daily session maintenance and hourly conversation analytics. */
const concertJobs: JobsLayerInput = {
  enabled: true,
  tables: {
    'user-preferences': { partitionKey: { name: 'userId', type: 'S' } },
    // The layout lambdas/session-maintenance cleans (SESSION_TABLE_KEY, DEFAULT_TTL_ATTRIBUTE).
    'session-state': { partitionKey: { name: 'sessionId', type: 'S' }, ttlAttribute: 'expiresAt' },
  },
  functions: {
    'session-maintenance': {
      description: 'Deletes expired chatbot sessions',
      code: { type: 'bundled', handler: 'session-maintenance' },
      schedule: 'rate(1 day)',
      timeoutSeconds: 300,
      vpc: true,
      tables: { 'session-state': { actions: ['Scan', 'BatchWriteItem'], environmentVariable: 'SESSION_TABLE_NAME' } },
      environment: { SESSION_TTL_ATTRIBUTE: 'expiresAt' },
    },
    'conversation-analytics': {
      description: "Counts the last hour's conversations and messages",
      code: { type: 'bundled', handler: 'conversation-analytics' },
      schedule: 'rate(1 hour)',
      timeoutSeconds: 300,
      vpc: true,
      tables: { 'conversation-history': { actions: ['Scan'], environmentVariable: 'CONVERSATION_TABLE_NAME' } },
    },
  },
};

const layers = {
  network: { ...network, natGateways: 'single' as const },
  data,
  app: concertApp,
  jobs: concertJobs,
  // The seed's single AlertEmail receives critical and warning alerts; it has no on-call rotation to page.
  alerting: { enabled: true, criticalAlertEmail: 'alerts@example.com', teamNotificationEmail: 'alerts@example.com' },
  // The seed's four dashboards: data pipeline, ML models and chatbot group the areas of the watched resources; the
  // API dashboard is the `api` area's own. Redshift, NAT and streams make it the costliest preset.
  monitoring: {
    enabled: true,
    dashboardGroups: {
      'data-pipeline': { title: 'Data pipeline', areas: ['data', 'network'] },
      'ml-models': { title: 'ML models', areas: ['ml'] },
      chatbot: { title: 'Chatbot', areas: ['chatbot', 'jobs'] },
    },
  },
  observability: { enabled: true },
};

export const concert: PlatformConfigInput = {
  service: 'concert',
  region: 'us-east-1',
  repository: { owner: 'example-org', name: 'concert-data-platform', defaultBranch: 'main' },
  environments: {
    dev: { ...layers, logRetentionDays: 7, monitoring: { ...layers.monitoring, budget: { monthlyLimitUsd: 500 } } },
    staging: { ...layers, logRetentionDays: 7, monitoring: { ...layers.monitoring, budget: { monthlyLimitUsd: 500 } } },
    prod: {
      ...layers,
      logRetentionDays: 7,
      monitoring: { ...layers.monitoring, budget: { monthlyLimitUsd: 3000 } },
      protectStatefulResources: true,
      network: { ...network, natGateways: 'per-az', flowLogs: { enabled: true } },
      data: { ...data, streams: streams('on-demand'), redshift: { baseCapacityRpus: 32 } },
    },
  },
};
