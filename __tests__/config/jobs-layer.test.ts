import { validateConfig } from '../../config/load';
import { SCHEDULE_RULE } from '../../config/layers/jobs';
import { computeInput, problemsOf } from '../support/compute';

const BUNDLED = { type: 'bundled', handler: 'session-maintenance' } as const;
const TABLE = { partitionKey: { name: 'sessionId', type: 'S' } } as const;

type EnvInput = Parameters<typeof computeInput>[0];
const withJobs = (jobs: EnvInput['jobs'], env: EnvInput = {}) => computeInput({ ...env, jobs });

describe('jobs layer schema', () => {
  test('is off by default, and applies the documented defaults', () => {
    expect(validateConfig(computeInput({})).environments.dev.jobs).toEqual({
      enabled: false,
      tables: {},
      functions: {},
    });
    const fn = validateConfig(
      withJobs({ enabled: true, functions: { clean: { code: BUNDLED, schedule: 'rate(1 day)' } } }),
    ).environments.dev.jobs.functions.clean;
    expect(fn).toMatchObject({
      scheduleEnabled: true,
      eventRetryAttempts: 2,
      maxEventAgeSeconds: 3600,
      functionRetryAttempts: 2,
      vpc: false,
    });
  });

  test('schedules are rate or six-field cron expressions', () => {
    for (const ok of ['rate(1 day)', 'rate(1 hour)', 'rate(5 minutes)', 'rate(12 hours)', 'cron(0 3 * * ? *)']) {
      expect(SCHEDULE_RULE.test(ok)).toBe(true);
    }
    for (const bad of ['rate(1 days)', 'rate(2 hour)', 'rate(0 minutes)', 'cron(0 3 * * ?)', 'daily', '@hourly']) {
      expect(SCHEDULE_RULE.test(bad)).toBe(false);
    }
  });

  describe('fails when', () => {
    test('a schedule is malformed', () => {
      expect(
        problemsOf(withJobs({ enabled: true, functions: { clean: { code: BUNDLED, schedule: 'every day' } } })),
      ).toEqual([
        'environments.dev.jobs.functions.clean.schedule: must be rate(<n> <unit>) or cron(<6 fields>), for example rate(1 hour) or cron(0 3 * * ? *), got "every day"',
      ]);
    });

    test('retry settings are outside what EventBridge and Lambda accept', () => {
      expect(
        problemsOf(
          withJobs({
            enabled: true,
            functions: {
              clean: {
                code: BUNDLED,
                schedule: 'rate(1 day)',
                eventRetryAttempts: 186,
                maxEventAgeSeconds: 30,
                functionRetryAttempts: 3,
              },
            },
          }),
        ),
      ).toEqual([
        'environments.dev.jobs.functions.clean.eventRetryAttempts: must be a whole number between 0 and 185, got 186',
        'environments.dev.jobs.functions.clean.maxEventAgeSeconds: must be a whole number between 60 and 86400, got 30',
        'environments.dev.jobs.functions.clean.functionRetryAttempts: must be a whole number between 0 and 2, got 3',
      ]);
    });

    test('a job shares a name with an app function or table', () => {
      expect(
        problemsOf(
          withJobs(
            {
              enabled: true,
              tables: { sessions: TABLE },
              functions: {
                api: { code: BUNDLED, schedule: 'rate(1 day)' },
                health: { code: BUNDLED, schedule: 'rate(1 day)' },
              },
            },
            { app: { tables: { sessions: TABLE }, functions: { api: { code: BUNDLED } } } },
          ),
        ),
      ).toEqual([
        'environments.dev.jobs.functions.api: is also a function of the app layer; function names are unique in an environment, got an object with code, schedule',
        'environments.dev.jobs.functions.health: is also a function of the app layer; function names are unique in an environment, got an object with code, schedule',
        'environments.dev.jobs.tables.sessions: is also a table of the app layer; table names are unique in an environment, got {"partitionKey":{"name":"sessionId","type":"S"}}',
      ]);
    });

    test('a job uses a table, parameter or secret that neither layer defines', () => {
      expect(
        problemsOf(
          withJobs({
            enabled: true,
            functions: {
              clean: {
                code: BUNDLED,
                schedule: 'rate(1 day)',
                tables: { ghost: { access: 'read' } },
                parameters: ['NOPE'],
                secrets: ['nope'],
              },
            },
          }),
        ),
      ).toEqual([
        'environments.dev.jobs.functions.clean.parameters.0: must name a parameter of app.parameters, got "NOPE"',
        'environments.dev.jobs.functions.clean.secrets.0: must name a secret of app.secrets, got "nope"',
        'environments.dev.jobs.functions.clean.tables.ghost: must name a table of this layer (none defined), got {"access":"read"}',
      ]);
    });

    test('a job asks for VPC placement without the network layer, or has no published image yet', () => {
      expect(
        problemsOf(
          withJobs({
            enabled: true,
            functions: { clean: { code: { type: 'image' }, schedule: 'rate(1 day)', vpc: true } },
          }),
        ),
      ).toEqual([
        'environments.dev.jobs.functions.clean.vpc: places the function in the VPC, but environments.dev.network.enabled is false; enable the network layer or set vpc: false, got true',
        'environments.dev.jobs.functions.clean.code.tag: is required: choose the tag of the first image (for example the git commit SHA) and set it here, then npm run cdktf -- deploy svc-dev-registry, push the image to ECR repository svc-dev-clean (README, "Publishing the first image or artifact"), and deploy svc-dev-jobs',
      ]);
    });

    test('jobs and app functions together reserve more than the quota allows', () => {
      expect(
        problemsOf(
          withJobs(
            {
              enabled: true,
              functions: { clean: { code: BUNDLED, schedule: 'rate(1 day)', reservedConcurrency: 500 } },
            },
            { app: { functions: { api: { code: BUNDLED, reservedConcurrency: 450 } } } },
          ),
        ),
      ).toEqual([
        'environments.dev.jobs.functions: reserve, with the app layer, 950 concurrent executions, more than app.concurrencyQuota (1000) minus the 100 Lambda keeps unreserved, got an object with clean',
      ]);
    });
  });

  test('jobs may use the app layer tables, parameters and secrets', () => {
    expect(() =>
      validateConfig(
        withJobs(
          {
            enabled: true,
            functions: {
              analytics: {
                code: BUNDLED,
                schedule: 'rate(1 hour)',
                tables: { history: { actions: ['Scan'] } },
                parameters: ['KEY'],
                secrets: ['credentials'],
              },
            },
          },
          { app: { tables: { history: TABLE }, parameters: { KEY: { value: 'v' } }, secrets: { credentials: {} } } },
        ),
      ),
    ).not.toThrow();
  });
});
