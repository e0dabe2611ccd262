import { environmentsOf, loadConfig, validateConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';
import { platformWith, problemsOf } from '../support/config';

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
      environments: { dev: {} },
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
      'PLATFORM_PRESET: unknown preset "nope"; valid presets: platform, frigg, phoney, concert, smartpack, energy-insights',
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
      'region: must be an AWS region code such as eu-west-1, got "Europe"',
    ]);
    expect(problemsOf(platformWith((c) => (c.environments.dev.account = '1234')))).toEqual([
      'environments.dev.account: must be a 12-digit AWS account ID, got "1234"',
    ]);
  });

  test('fails when an environment name is not usable in resource names', () => {
    const input = platformWith((c) => {
      c.environments = { Production: {} };
    });
    expect(problemsOf(input)).toEqual([
      'environments.Production: environment names must be 2 to 10 characters of a-z and 0-9, got {}',
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
      'tags.aws:owner: tag keys must not start with aws: (reserved), got "x"',
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
