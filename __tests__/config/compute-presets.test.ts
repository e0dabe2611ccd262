/** The app and jobs layers of the presets carry their seeds' values, and match what the platform's handlers read. */
import { loadConfig } from '../../config/load';
import { appDefaults } from '../../config/layers/app';
import { CONVERSATION_TABLE_KEY } from '../../lambdas/conversation-analytics';
import { DEFAULT_TTL_ATTRIBUTE, SESSION_TABLE_KEY } from '../../lambdas/session-maintenance';

const envs = (preset: string) => loadConfig({ preset }).environments;

describe('phoney preset (seed 001)', () => {
  const config = envs('phoney');

  test('stage sizing: 256/512/1024 MB, 15/30/30 s, reserved concurrency 100/500/1000', () => {
    const sizing = ['dev', 'staging', 'prod'].map((env) => {
      const app = config[env].app;
      return [app.memoryMb, app.timeoutSeconds, app.functions.api.reservedConcurrency];
    });
    expect(sizing).toEqual([
      [256, 15, 100],
      [512, 30, 500],
      [1024, 30, 1000],
    ]);
    // 1000 reserved executions need a raised regional quota, which the preset declares.
    expect(config.prod.app.concurrencyQuota).toBeGreaterThanOrEqual(1100);
  });

  test('one container function behind an HTTP API with CORS and throttling', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const app = config[env].app;
      expect(app.functions.api.code).toEqual({ type: 'image', tag: '1.0.0' });
      expect(app.api).toMatchObject({ type: 'http', routes: { 'ANY /{proxy+}': { function: 'api' } } });
      expect(app.api?.cors?.allowOrigins.length).toBeGreaterThan(0);
      expect(app.api?.throttling.rateLimit).toBeGreaterThan(0);
    }
  });

  test('configuration in SSM under /phoney/<stage>/ and credentials in Secrets Manager', () => {
    const app = config.dev.app;
    expect(Object.keys(app.parameters).sort()).toEqual([
      'API_USERNAME',
      'CORS_ORIGINS',
      'RATE_LIMIT_PER_MINUTE',
      'SECRET_KEY',
    ]);
    expect(app.parameters.SECRET_KEY).toEqual({ type: 'SecureString', description: 'JWT signing key' });
    expect(app.parameters.CORS_ORIGINS.value).toBe(app.api?.cors?.allowOrigins.join(','));
    expect(Object.keys(app.secrets)).toEqual(['credentials']);
    expect(app.functions.api.secrets).toEqual(['credentials']);
  });

  test('latency alarms over 10 s in dev and 5 s in prod; canary only in prod', () => {
    expect(appDefaults(config.dev.app, config.dev.protectStatefulResources)).toMatchObject({
      latencyThresholdMs: 10000,
      deploymentStrategy: 'all-at-once',
    });
    expect(appDefaults(config.prod.app, config.prod.protectStatefulResources)).toMatchObject({
      latencyThresholdMs: 5000,
      deploymentStrategy: 'canary',
    });
  });
});

describe('concert preset (seed 002, stacks 3 and 4)', () => {
  const config = envs('concert');

  test('four artifact handlers (plus health) in the VPC with the shared layer, behind a REST API', () => {
    const app = config.dev.app;
    expect(Object.keys(app.functions).sort()).toEqual([
      'chatbot',
      'recommendations',
      'ticket-prediction',
      'venue-popularity',
    ]);
    for (const fn of Object.values(app.functions)) {
      expect(fn).toMatchObject({ code: { type: 'artifact', runtime: 'python3.12' }, vpc: true, sharedLayer: true });
    }
    expect(app.layer?.compatibleRuntimes).toContain('python3.12');
    expect(app.api?.type).toBe('rest');
    expect(new Set(Object.values(app.api?.routes ?? {}).map((r) => r.function))).toEqual(
      new Set(Object.keys(app.functions)),
    );
  });

  test('the conversation history table has the layout the analytics job reads', () => {
    const table = config.dev.app.tables['conversation-history'];
    expect({ partitionKey: table.partitionKey, sortKey: table.sortKey }).toEqual(CONVERSATION_TABLE_KEY);
    expect(table.billingMode).toBe('on-demand');
  });

  test('chatbot tables, maintenance daily and analytics hourly, wired to the variables the handlers read', () => {
    const jobs = config.dev.jobs;
    expect(jobs.enabled).toBe(true);
    expect(Object.keys(jobs.tables).sort()).toEqual(['session-state', 'user-preferences']);
    expect({ partitionKey: jobs.tables['session-state'].partitionKey }).toEqual(SESSION_TABLE_KEY);
    expect(jobs.tables['session-state'].ttlAttribute).toBe(DEFAULT_TTL_ATTRIBUTE);

    const maintenance = jobs.functions['session-maintenance'];
    expect(maintenance).toMatchObject({
      code: { type: 'bundled', handler: 'session-maintenance' },
      schedule: 'rate(1 day)',
      tables: { 'session-state': { actions: ['Scan', 'BatchWriteItem'], environmentVariable: 'SESSION_TABLE_NAME' } },
      environment: { SESSION_TTL_ATTRIBUTE: DEFAULT_TTL_ATTRIBUTE },
    });
    expect(jobs.functions['conversation-analytics']).toMatchObject({
      code: { type: 'bundled', handler: 'conversation-analytics' },
      schedule: 'rate(1 hour)',
      tables: { 'conversation-history': { actions: ['Scan'], environmentVariable: 'CONVERSATION_TABLE_NAME' } },
    });
  });
});

describe('smartpack preset (seed 003)', () => {
  const config = envs('smartpack');

  test('a Node.js API artifact serving /generate and a 3008 MB container AI function behind a REST API', () => {
    for (const env of ['dev', 'prod']) {
      const app = config[env].app;
      expect(app.functions.api).toMatchObject({
        code: { type: 'artifact', runtime: 'nodejs22.x', handler: 'index.handler' },
        invokes: ['ai'],
      });
      expect(app.functions.api.memoryMb ?? app.memoryMb).toBe(512);
      expect(app.functions.ai).toMatchObject({ code: { type: 'image' }, memoryMb: 3008, timeoutSeconds: 300 });
      expect(app.api).toMatchObject({
        type: 'rest',
        routes: { 'POST /generate': { function: 'api', authorization: 'none' } },
      });
    }
    // The seed's URLs read /prod/health and /prod/generate: the stage is the environment.
    expect(config.prod.app.api?.stageName).toBeUndefined();
    expect(Object.keys(config.prod.app.secrets)).toEqual(['config']);
  });
});

describe('platform preset', () => {
  test('shows both API kinds', () => {
    const config = envs('platform');
    expect([config.dev.app.api?.type, config.staging.app.api?.type, config.prod.app.api?.type]).toEqual([
      'http',
      'rest',
      'rest',
    ]);
    expect(new Set(Object.values(config.dev.app.functions).map((f) => f.code.type))).toEqual(
      new Set(['artifact', 'image']),
    );
    expect(Object.values(config.dev.jobs.functions).map((f) => f.code.type)).toEqual(['bundled', 'bundled']);
  });
});
