import { ConfigError, loadConfig, validateConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';
import { isRedshiftBaseCapacity } from '../../config/layers/data';
import type { PlatformConfigInput } from '../../config/schema';
import { SILENT_ALERTING } from '../support/config';

type EnvironmentInput = PlatformConfigInput['environments'][string];

/** A network that can hold the data layer. */
const NETWORK = { enabled: true, availabilityZones: 3 };

function input(env: EnvironmentInput): PlatformConfigInput {
  return {
    service: 'svc',
    region: 'eu-west-1',
    repository: { owner: 'o', name: 'r' },
    environments: { dev: { alerting: SILENT_ALERTING, ...env } },
  };
}

function dataOf(data: EnvironmentInput['data']) {
  return validateConfig(input({ network: NETWORK, data })).environments.dev.data;
}

function problemsOf(env: EnvironmentInput): string[] {
  try {
    validateConfig(input(env));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

const dataProblems = (data: EnvironmentInput['data']) => problemsOf({ network: NETWORK, data });

describe('data layer defaults', () => {
  test('off unless enabled; raw data tiers at 30 and 90 days and expires at 365; smallest useful Redshift', () => {
    expect(validateConfig(input({})).environments.dev.data.enabled).toBe(false);
    expect(dataOf({ enabled: true })).toEqual({
      enabled: true,
      rawData: { infrequentAccessAfterDays: 30, glacierAfterDays: 90, expireAfterDays: 365 },
      accessLogRetentionDays: 365,
      streams: [],
      redshift: { baseCapacityRpus: 8, adminUsername: 'platform_admin', databaseName: 'analytics' },
    });
  });

  test('streams default to on demand with 24 hours of retention', () => {
    expect(dataOf({ enabled: true, streams: [{ name: 'events' }] }).streams).toEqual([
      { name: 'events', mode: 'on-demand', retentionHours: 24 },
    ]);
  });
});

describe('the data layer needs a three-zone network', () => {
  test('fails when the network has two zones, naming the field', () => {
    expect(problemsOf({ network: { enabled: true, availabilityZones: 2 }, data: { enabled: true } })).toEqual([
      'environments.dev.network.availabilityZones: must be 3 when the data layer is on (a Redshift Serverless workgroup needs private subnets in 3 availability zones), got 2',
    ]);
  });

  test('fails when the zone count is left at its default of 2', () => {
    expect(problemsOf({ network: { enabled: true }, data: { enabled: true } })).toEqual([
      'environments.dev.network.availabilityZones: must be 3 when the data layer is on (a Redshift Serverless workgroup needs private subnets in 3 availability zones)',
    ]);
  });

  test('fails when the network layer is off', () => {
    expect(problemsOf({ data: { enabled: true } })).toEqual([
      'environments.dev.network.enabled: must be true when the data layer is on (Redshift Serverless runs in the private subnets)',
    ]);
  });

  test('a two-zone network is fine without the data layer', () => {
    expect(() => validateConfig(input({ network: { enabled: true } }))).not.toThrow();
  });
});

describe('data layer validation', () => {
  test('fails when a provisioned stream has no shards, or an on-demand one has some', () => {
    expect(dataProblems({ enabled: true, streams: [{ name: 'a', mode: 'provisioned' }] })).toEqual([
      'environments.dev.data.streams.0.shards: is required when mode is provisioned',
    ]);
    expect(dataProblems({ enabled: true, streams: [{ name: 'a', shards: 2 }] })).toEqual([
      'environments.dev.data.streams.0.shards: must not be set when mode is on-demand (AWS scales on-demand streams), got 2',
    ]);
  });

  test('fails when stream names repeat or are not name components', () => {
    expect(dataProblems({ enabled: true, streams: [{ name: 'a' }, { name: 'a' }] })).toEqual([
      'environments.dev.data.streams.1.name: must be unique among streams, got "a"',
    ]);
    expect(dataProblems({ enabled: true, streams: [{ name: 'Concert_Events' }] })).toEqual([
      'environments.dev.data.streams.0.name: must be lower-case words of a-z and 0-9 joined by single -, got "Concert_Events"',
    ]);
  });

  test('fails when the retention is outside what Kinesis accepts', () => {
    expect(dataProblems({ enabled: true, streams: [{ name: 'a', retentionHours: 12 }] })).toEqual([
      'environments.dev.data.streams.0.retentionHours: must be a whole number between 24 and 8760, got 12',
    ]);
  });

  test('fails when the raw data lifecycle is one S3 rejects', () => {
    expect(dataProblems({ enabled: true, rawData: { infrequentAccessAfterDays: 7 } })).toEqual([
      'environments.dev.data.rawData.infrequentAccessAfterDays: must be a whole number between 30 and 36500, got 7',
    ]);
    expect(dataProblems({ enabled: true, rawData: { infrequentAccessAfterDays: 60, glacierAfterDays: 75 } })).toEqual([
      'environments.dev.data.rawData.glacierAfterDays: must be at least 30 days after infrequentAccessAfterDays (60), got 75',
    ]);
    expect(dataProblems({ enabled: true, rawData: { expireAfterDays: 90 } })).toEqual([
      'environments.dev.data.rawData.expireAfterDays: must be after glacierAfterDays (90), got 90',
    ]);
  });

  test('fails when the Redshift base capacity is one AWS refuses', () => {
    expect(dataProblems({ enabled: true, redshift: { baseCapacityRpus: 12 } })).toEqual([
      'environments.dev.data.redshift.baseCapacityRpus: must be 4, a multiple of 8 from 8 to 512, or a multiple of 32 from 544 to 1024, got 12',
    ]);
  });

  test.each([4, 8, 128, 512, 544, 1024])('accepts a base capacity of %i RPUs', (rpus) => {
    expect(isRedshiftBaseCapacity(rpus)).toBe(true);
  });

  test.each([0, 6, 12, 520, 1056, 8.5])('refuses a base capacity of %d RPUs', (rpus) => {
    expect(isRedshiftBaseCapacity(rpus)).toBe(false);
  });

  test('fails when someone tries to configure the Redshift admin password', () => {
    expect(dataProblems({ enabled: true, redshift: { adminPassword: 'hunter22' } as never })).toEqual([
      'environments.dev.data.redshift: unknown field(s) "adminPassword"',
    ]);
  });

  test('fails when the admin user or database name is not a Redshift identifier', () => {
    expect(dataProblems({ enabled: true, redshift: { adminUsername: '1admin', databaseName: 'my-db' } })).toEqual([
      'environments.dev.data.redshift.adminUsername: must start with a letter and contain only a-z, 0-9 and _ (at most 128), got "1admin"',
      'environments.dev.data.redshift.databaseName: must start with a letter and contain only a-z, 0-9 and _ (at most 64), got "my-db"',
    ]);
  });
  test('fails when the Redshift admin user name is a default one', () => {
    expect(() => dataOf({ enabled: true, redshift: { adminUsername: 'awsuser' } })).toThrow(
      /environments\.dev\.data\.redshift\.adminUsername: must not be a default admin user name \(admin, awsuser\), got "awsuser"/,
    );
  });
});

describe('presets', () => {
  test('concert has the seed streams, provisioned with one shard outside prod and on demand in prod', () => {
    const envs = loadConfig({ preset: 'concert' }).environments;
    expect(envs.dev.data.streams).toEqual(
      ['concert-events', 'artist-data', 'venue-data'].map((name) => ({
        name,
        mode: 'provisioned',
        shards: 1,
        retentionHours: 24,
      })),
    );
    expect(envs.prod.data.streams.map((s) => s.mode)).toEqual(['on-demand', 'on-demand', 'on-demand']);
    expect([envs.dev, envs.staging, envs.prod].map((e) => e.data.redshift.baseCapacityRpus)).toEqual([8, 8, 32]);
  });

  test('every preset with the data layer gives it a three-zone network', () => {
    const withData = Object.keys(PRESETS)
      .flatMap((preset) => Object.values(loadConfig({ preset }).environments))
      .filter((env) => env.data.enabled);
    expect(withData.length).toBeGreaterThan(0);
    for (const env of withData) {
      expect(env.network.availabilityZones).toBe(3);
      expect(env.network.privateSubnets).toHaveLength(3);
    }
  });
});
