import { AWS_REGIONS } from '../../config/aws-regions';
import {
  ENVIRONMENT_WIDE_LAYERS,
  loadSelection,
  ConfigError,
  environmentsOf,
  listBundledHandlers,
  loadConfig,
  parseEnvironmentList,
  shortValue,
  validateConfig,
  validateSelection,
} from '../../config/load';
import { DEFAULT_LAMBDAS_DIR } from '../../modules/lambda-asset';
import { PRESETS } from '../../config/presets';
import { MutableInput, platformWith, problemsOf, SILENT_ALERTING } from '../support/config';

describe('loadConfig', () => {
  test.each(Object.keys(PRESETS))('preset %s is valid', (preset) => {
    const config = loadConfig({ preset });
    expect(Object.keys(config.environments).length).toBeGreaterThan(0);
  });

  test('applies schema defaults', () => {
    const config = validateConfig({
      service: 'svc',
      region: 'eu-west-1',
      repository: { owner: 'o', name: 'r' },
      environments: { dev: { alerting: SILENT_ALERTING } },
    });
    expect(config.state).toEqual({ backend: 'local' });
    expect(config.repository.defaultBranch).toBe('main');
    expect(config.environments.dev.logRetentionDays).toBe(7);
    expect(config.environments.dev.app).toMatchObject({ enabled: true, memoryMb: 256, timeoutSeconds: 15 });
  });

  test('the seeds per-environment API sizing is the default of the platform preset', () => {
    const envs = loadConfig({ preset: 'platform' }).environments;
    expect([envs.dev.app.memoryMb, envs.staging.app.memoryMb, envs.prod.app.memoryMb]).toEqual([256, 512, 1024]);
    expect([envs.dev.app.timeoutSeconds, envs.staging.app.timeoutSeconds, envs.prod.app.timeoutSeconds]).toEqual([
      15, 30, 30,
    ]);
  });

  test('PLATFORM_ENVS narrows the environments, keeping their order', () => {
    const config = loadConfig({ preset: 'platform', environments: ['prod', 'dev'] });
    expect(environmentsOf(config).map((e) => e.name)).toEqual(['dev', 'prod']);
  });

  test('fails when the preset is unknown, listing the valid presets', () => {
    expect(() => loadConfig({ preset: 'nope' })).toThrow(
      `PLATFORM_PRESET: unknown preset "nope"; valid presets: ${Object.keys(PRESETS).join(', ')}`,
    );
  });

  test('fails when an environment is unknown, listing the valid environments', () => {
    expect(() => loadConfig({ preset: 'smartpack', environments: ['dev', 'qa'] })).toThrow(
      'PLATFORM_ENVS: unknown environment "qa"; valid environments of preset smartpack: dev, prod',
    );
  });
});

describe('validation rules', () => {
  test('fails when a value is out of range, naming the path, the rule and the value', () => {
    const input = platformWith((c) => {
      c.environments.prod.app = { memoryMb: 64 };
    });
    expect(problemsOf(input)).toEqual([
      'environments.prod.app.memoryMb: must be a whole number between 128 and 10240, got 64',
    ]);
  });

  test('fails when the timeout exceeds Lambda limits', () => {
    const input = platformWith((c) => {
      c.environments.dev.app = { timeoutSeconds: 901 };
    });
    expect(problemsOf(input)).toEqual([
      'environments.dev.app.timeoutSeconds: must be a whole number between 1 and 900, got 901',
    ]);
  });

  test('fails when the service name is not safe in bucket names', () => {
    expect(problemsOf(platformWith((c) => (c.service = 'My_Service')))).toEqual([
      'service: must be 3 to 20 characters of a-z, 0-9 and -, start with a letter and not end with - (it starts every bucket name), got "My_Service"',
    ]);
    expect(problemsOf(platformWith((c) => (c.service = 'a-very-long-service-name-indeed')))[0]).toMatch(
      /^service: must be 3 to 20/,
    );
  });

  test('fails when a custom domain has neither a certificate nor a hosted zone', () => {
    const input = platformWith((c) => {
      c.environments.prod.app = { domain: { name: 'api.example.com' }, api: { type: 'http' } };
    });
    expect(problemsOf(input)).toEqual([
      'environments.prod.app.domain: a custom domain needs certificateArn or hostedZoneId (to issue a DNS-validated certificate), got {"name":"api.example.com"}',
    ]);
  });

  test('accepts a custom domain with a hosted zone', () => {
    const input = platformWith((c) => {
      c.environments.prod.app = {
        domain: { name: 'api.example.com', hostedZoneId: 'Z1234567890ABC' },
        api: { type: 'http' },
      };
    });
    expect(() => validateConfig(input)).not.toThrow();
  });

  test('fails when a field is unknown (a typo must not be ignored)', () => {
    const input = platformWith((c) => {
      (c.environments.dev as Record<string, unknown>).logRetentionDay = 7;
    });
    expect(problemsOf(input)).toEqual(['environments.dev: unknown field(s) "logRetentionDay"']);
  });

  test('fails when the log retention is not one CloudWatch accepts', () => {
    const input = platformWith((c) => {
      c.environments.dev.logRetentionDays = 10;
    });
    expect(problemsOf(input)).toEqual([
      'environments.dev.logRetentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 10',
    ]);
  });

  test('fails when the region or account is malformed', () => {
    expect(problemsOf(platformWith((c) => (c.region = 'Europe')))).toEqual([
      'region: must be a region of the AWS provider 5.100.0 (nearest: eu-north-1, eu-south-1, eu-south-2), got "Europe"',
    ]);
    expect(problemsOf(platformWith((c) => (c.environments.dev.account = '1234')))).toEqual([
      'environments.dev.account: must be a 12-digit AWS account ID, got "1234"',
    ]);
  });

  test('fails when an environment name is not usable in resource names', () => {
    const input = platformWith((c) => {
      c.environments = { Production: { alerting: SILENT_ALERTING } };
    });
    expect(problemsOf(input)).toEqual([
      'environments: environment names must be 2 to 10 characters of a-z and 0-9, got key "Production"',
    ]);
  });

  test('fails when there is no environment', () => {
    expect(problemsOf(platformWith((c) => (c.environments = {})))).toEqual([
      'environments: must define at least one environment, got {}',
    ]);
  });

  test('fails when the state backend is unknown or incomplete', () => {
    expect(problemsOf(platformWith((c) => (c.state = { backend: 'consul' } as never)))).toEqual([
      'state.backend: backend must be one of local, s3, cloud, got "consul"',
    ]);
    expect(problemsOf(platformWith((c) => (c.state = { backend: 'cloud' } as never)))).toEqual([
      'state.organization: is required',
    ]);
  });

  test('fails when a tag uses the reserved aws: prefix', () => {
    expect(problemsOf(platformWith((c) => (c.tags = { 'aws:owner': 'x' })))).toEqual([
      'tags: tag keys must not start with aws: (reserved), got key "aws:owner"',
    ]);
  });

  test('lists every problem at once', () => {
    const input = platformWith((c) => {
      c.region = 'nowhere';
      c.environments.dev.app = { memoryMb: 1 };
    });
    expect(problemsOf(input)).toHaveLength(2);
  });
});

/** The message of the ConfigError a call throws; fails the test if it throws nothing or something else. */
function configErrorOf(call: () => unknown): ConfigError {
  try {
    call();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('PLATFORM_ENVS', () => {
  test('unset or empty selects every environment; names are trimmed and kept once', () => {
    expect(parseEnvironmentList(undefined)).toEqual([]);
    expect(parseEnvironmentList('')).toEqual([]);
    expect(parseEnvironmentList(' dev , prod,dev')).toEqual(['dev', 'prod']);
  });

  test.each([',', '   ', ' , ', 'dev,,prod', 'dev,'])('fails when it is %j: commas or blanks with no name', (raw) => {
    expect(configErrorOf(() => parseEnvironmentList(raw)).problems).toEqual([
      {
        path: 'PLATFORM_ENVS',
        message: `must be environment names separated by commas, with no empty entry (unset it to build every environment), got ${JSON.stringify(raw)}`,
      },
    ]);
  });
});

describe('validating only the selected environments', () => {
  /** The default preset with a mistake in staging and prod and, when asked, one in the shared settings. */
  function brokenOutsideDev(shared = false): MutableInput {
    return platformWith((c) => {
      c.environments.staging.logRetentionDays = 10;
      c.environments.prod.app.memoryMb = 64;
      if (shared) c.region = 'xx-moon-1';
    });
  }

  test('errors of the environments left out do not block the selected one, and the skipped ones are named', () => {
    const loaded = validateSelection(brokenOutsideDev(), { preset: 'platform', environments: ['dev'] });
    expect(Object.keys(loaded.config.environments)).toEqual(['dev']);
    expect(loaded.skipped).toEqual(['staging', 'prod']);
  });

  test('a narrowed selection builds none of the global stacks that hold every environment', () => {
    // Applied from a dev-only synth they would destroy the staging and prod deploy roles and GitHub environments.
    const whole = loadSelection({ preset: 'platform' }).config;
    expect([whole.bootstrap.enabled, whole.github.enabled, whole.pipeline.enabled]).toEqual([true, true, true]);
    const narrowed = loadSelection({ preset: 'platform', environments: ['dev'] }).config;
    for (const layer of ENVIRONMENT_WIDE_LAYERS) expect(narrowed[layer].enabled).toBe(false);
  });

  test('fails when the shared settings are wrong, reporting them once and naming what was not validated', () => {
    const error = configErrorOf(() =>
      validateSelection(brokenOutsideDev(true), { preset: 'platform', environments: ['dev'] }),
    );
    expect(error.problems.map((p) => p.path)).toEqual(['region']);
    expect(error.message.split('\n')[0]).toBe(
      'invalid platform configuration (PLATFORM_ENVS selects dev; not validated: staging, prod):',
    );
  });

  test('fails when a selected environment is wrong, with only its own problems', () => {
    const error = configErrorOf(() =>
      validateSelection(brokenOutsideDev(), { preset: 'platform', environments: ['prod'] }),
    );
    expect(error.problems.map((p) => p.path)).toEqual(['environments.prod.app.memoryMb']);
  });

  test('without a selection, every environment is validated', () => {
    const error = configErrorOf(() => validateSelection(brokenOutsideDev(), { preset: 'platform' }));
    expect(error.problems.map((p) => p.path).sort()).toEqual([
      'environments.prod.app.memoryMb',
      'environments.staging.logRetentionDays',
    ]);
  });
});

describe('regions', () => {
  test('every region of the pinned provider is accepted', () => {
    for (const region of AWS_REGIONS)
      expect(validateConfig(platformWith((c) => (c.region = region))).region).toBe(region);
  });

  test('fails when the region has the right shape but AWS has no such region, suggesting the nearest', () => {
    expect(problemsOf(platformWith((c) => (c.region = 'xx-moon-1')))).toEqual([
      expect.stringMatching(
        /^region: must be a region of the AWS provider 5\.100\.0 \(nearest: .+\), got "xx-moon-1"$/,
      ),
    ]);
    expect(problemsOf(platformWith((c) => (c.environments.prod.region = 'eu-west-9')))).toEqual([
      'environments.prod.region: must be a region of the AWS provider 5.100.0 (nearest: eu-west-1, eu-west-2, eu-west-3), got "eu-west-9"',
    ]);
    expect(problemsOf(platformWith((c) => (c.state = { backend: 's3', region: 'us-esat-1' })))).toEqual([
      expect.stringMatching(/^state\.region: .*\(nearest: us-east-1[,)].*got "us-esat-1"$/),
    ]);
  });
});

describe('bundled handlers', () => {
  const handlers = listBundledHandlers(DEFAULT_LAMBDAS_DIR);

  test('are the folders under lambdas/ with an index.ts', () => {
    expect(handlers).toEqual(expect.arrayContaining(['health', 'session-maintenance', 'conversation-analytics']));
    expect(handlers).not.toContain('layers');
  });

  test('fails when a function names a handler that does not exist, naming the field and listing the handlers', () => {
    const input = platformWith((c) => {
      c.environments.dev.jobs.functions['session-maintenance'].code.handler = 'sesion-maintenance';
    });
    const error = configErrorOf(() =>
      validateSelection(input, { preset: 'platform', environments: ['dev'], bundledHandlers: handlers }),
    );
    expect(error.problems).toEqual([
      {
        path: 'environments.dev.jobs.functions.session-maintenance.code.handler',
        message: `must name a handler folder under lambdas/ (${handlers.join(', ')}), got "sesion-maintenance"; did you mean session-maintenance?`,
      },
    ]);
  });
});

describe('values in messages', () => {
  test('a whole function or environment is shown by its fields, not printed in full', () => {
    expect(shortValue({ description: 'x'.repeat(80), code: {}, memoryMb: 1, vpc: true, tables: {} })).toBe(
      'an object with description, code, memoryMb, vpc, ... (5 fields)',
    );
    expect(shortValue('y'.repeat(200))).toBe(`"${'y'.repeat(60)}"... (200 characters)`);
    const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';
    expect(shortValue(arn)).toBe(JSON.stringify(arn));
    expect(shortValue([1, 2])).toBe('[1,2]');
  });

  test('fails when a route key is malformed, showing the key rather than the route', () => {
    const input = platformWith((c) => {
      c.environments.dev.app.api.routes['any /'] = { function: 'api', authorization: 'iam' };
    });
    expect(problemsOf(input)).toEqual([
      'environments.dev.app.api.routes: route keys must read METHOD /path, for example GET /items/{id}, got key "any /"',
    ]);
  });

  test('fails when a function name is malformed, showing the name rather than the function', () => {
    const input = platformWith((c) => {
      c.environments.dev.app.functions.Renderer = c.environments.dev.app.functions.renderer;
    });
    expect(problemsOf(input)).toContain(
      'environments.dev.app.functions: must be a function name of lower-case words of a-z and 0-9 joined by single -, got key "Renderer"',
    );
  });

  test('no message of a broken environment carries more than a short value', () => {
    const input = platformWith((c) => {
      c.environments.dev.app.functions.api.tables.items = { access: 'read', actions: ['Scan'] };
      c.environments.dev.data = 'on';
    });
    for (const problem of problemsOf(input)) expect(problem.length).toBeLessThan(200);
  });
});
