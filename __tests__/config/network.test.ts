import { ConfigError, loadConfig, validateConfig } from '../../config/load';
import { cidrSubnet, subnetLayoutProblems } from '../../config/layers/network';
import type { PlatformConfigInput } from '../../config/schema';
import { SILENT_ALERTING } from '../support/config';

type EnvironmentInput = PlatformConfigInput['environments'][string];

function input(environments: Record<string, EnvironmentInput>): PlatformConfigInput {
  const silent = Object.fromEntries(
    Object.entries(environments).map(([name, env]) => [name, { alerting: SILENT_ALERTING, ...env }]),
  );
  return { service: 'svc', region: 'eu-west-1', repository: { owner: 'o', name: 'r' }, environments: silent };
}

function networkOf(env: EnvironmentInput) {
  return validateConfig(input({ dev: env })).environments.dev.network;
}

function problemsOf(env: EnvironmentInput): string[] {
  try {
    validateConfig(input({ dev: env }));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('network layer defaults', () => {
  test('the Concert seed layout in two zones, one NAT gateway, cheap flow logs outside prod', () => {
    expect(networkOf({ network: { enabled: true } })).toEqual({
      enabled: true,
      cidr: '10.0.0.0/16',
      availabilityZones: 2,
      publicSubnets: ['10.0.1.0/24', '10.0.2.0/24'],
      privateSubnets: ['10.0.10.0/24', '10.0.11.0/24'],
      natGateways: 'single',
      flowLogs: { enabled: true, retentionDays: 3, trafficType: 'REJECT', maxAggregationIntervalSeconds: 600 },
      interfaceEndpoints: [],
      excludeZoneIds: ['use1-az3', 'usw1-az2', 'apne1-az3'],
    });
  });

  test('fails when zoneIds are malformed, too few, repeated or excluded', () => {
    expect(problemsOf({ network: { enabled: true, zoneIds: ['us-east-1a', 'use1-az1'] } })).toEqual([
      'environments.dev.network.zoneIds.0: must be an availability zone ID such as use1-az1, got "us-east-1a"',
    ]);
    expect(
      problemsOf({ network: { enabled: true, availabilityZones: 3, zoneIds: ['use1-az1', 'use1-az1', 'use1-az3'] } }),
    ).toEqual([
      'environments.dev.network.zoneIds: must not list a zone twice, got ["use1-az1","use1-az1","use1-az3"]',
      'environments.dev.network.zoneIds.2: is in excludeZoneIds; remove it from one of the lists, got "use1-az3"',
    ]);
    expect(problemsOf({ network: { enabled: true, zoneIds: ['use1-az1'] } })).toEqual([
      'environments.dev.network.zoneIds: must list one zone ID per availability zone (availabilityZones is 2), got ["use1-az1"]',
    ]);
  });

  test('a third zone derives 10.0.3.0/24 and 10.0.12.0/24', () => {
    const network = networkOf({ network: { enabled: true, availabilityZones: 3 } });
    expect(network.publicSubnets).toEqual(['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']);
    expect(network.privateSubnets).toEqual(['10.0.10.0/24', '10.0.11.0/24', '10.0.12.0/24']);
  });

  test('default subnets follow the configured VPC block', () => {
    const network = networkOf({ network: { enabled: true, cidr: '172.20.0.0/20' } });
    expect(network.publicSubnets).toEqual(['172.20.1.0/24', '172.20.2.0/24']);
    expect(network.privateSubnets).toEqual(['172.20.10.0/24', '172.20.11.0/24']);
  });

  test('prod (protectStatefulResources) defaults to one NAT gateway per zone and flow logs on', () => {
    const network = networkOf({ protectStatefulResources: true, logRetentionDays: 30, network: { enabled: true } });
    expect(network.natGateways).toBe('per-az');
    expect(network.flowLogs).toMatchObject({ enabled: true, retentionDays: 30, trafficType: 'ALL' });
  });

  test('explicit values win over the environment defaults', () => {
    const network = networkOf({
      protectStatefulResources: true,
      network: {
        enabled: true,
        natGateways: 'none',
        flowLogs: { enabled: false, reason: 'lab VPC', retentionDays: 90 },
      },
    });
    expect(network.natGateways).toBe('none');
    expect(network.flowLogs).toMatchObject({ enabled: false, reason: 'lab VPC', retentionDays: 90 });
  });

  test('accepts explicit subnets and interface endpoints', () => {
    const network = networkOf({
      network: {
        enabled: true,
        publicSubnets: ['10.0.0.0/26', '10.0.0.64/26'],
        privateSubnets: ['10.0.128.0/18', '10.0.192.0/18'],
        interfaceEndpoints: ['secretsmanager', 'ecr.api'],
      },
    });
    expect(network.privateSubnets).toEqual(['10.0.128.0/18', '10.0.192.0/18']);
    expect(network.interfaceEndpoints).toEqual(['secretsmanager', 'ecr.api']);
  });
});

describe('network layer validation', () => {
  test('fails when a subnet lies outside the VPC', () => {
    expect(problemsOf({ network: { enabled: true, privateSubnets: ['10.0.10.0/24', '10.1.11.0/24'] } })).toEqual([
      'environments.dev.network.privateSubnets.1: must lie inside the VPC 10.0.0.0/16, got "10.1.11.0/24"',
    ]);
  });

  test('fails when two subnets overlap', () => {
    expect(problemsOf({ network: { enabled: true, publicSubnets: ['10.0.1.0/24', '10.0.10.0/23'] } })).toEqual([
      'environments.dev.network.privateSubnets.0: its default 10.0.10.0/24 overlaps publicSubnets.1 (10.0.10.0/23)',
      'environments.dev.network.privateSubnets.1: its default 10.0.11.0/24 overlaps publicSubnets.1 (10.0.10.0/23)',
    ]);
    expect(
      problemsOf({
        network: {
          enabled: true,
          publicSubnets: ['10.0.1.0/24', '10.0.2.0/24'],
          privateSubnets: ['10.0.2.0/24', '10.0.3.0/24'],
        },
      }),
    ).toEqual([
      'environments.dev.network.privateSubnets.0: must not overlap publicSubnets.1 (10.0.2.0/24), got "10.0.2.0/24"',
    ]);
  });

  test('fails when a subnet list does not match the zone count', () => {
    expect(
      problemsOf({ network: { enabled: true, availabilityZones: 3, publicSubnets: ['10.0.1.0/24', '10.0.2.0/24'] } }),
    ).toEqual([
      'environments.dev.network.publicSubnets: must list one CIDR per availability zone (3), got ["10.0.1.0/24","10.0.2.0/24"]',
    ]);
  });

  test('fails when the VPC cannot hold the default subnets', () => {
    expect(problemsOf({ network: { enabled: true, cidr: '10.0.0.0/22' } })).toEqual([
      'environments.dev.network.privateSubnets: is required when the VPC (10.0.0.0/22) cannot hold the default /24 subnets 10 to 11; list one CIDR per availability zone',
    ]);
  });

  test('fails when the VPC block is outside what AWS accepts or malformed', () => {
    expect(problemsOf({ network: { enabled: true, cidr: '10.0.0.0/8' } })).toEqual([
      'environments.dev.network.cidr: must have a prefix between /16 and /28, got "10.0.0.0/8"',
    ]);
    expect(problemsOf({ network: { enabled: true, cidr: '10.0.1.0/16' } })).toEqual([
      'environments.dev.network.cidr: must start at its network address (host bits set), got "10.0.1.0/16"',
    ]);
  });

  test('fails when a subnet block is outside what AWS accepts', () => {
    expect(problemsOf({ network: { enabled: true, publicSubnets: ['10.0.1.0/29', '10.0.2.0/24'] } })).toEqual([
      'environments.dev.network.publicSubnets.0: must have a prefix between /16 and /28, got "10.0.1.0/29"',
    ]);
  });

  test('fails when the NAT mode, zone count or an endpoint is unknown', () => {
    expect(problemsOf({ network: { enabled: true, natGateways: 'two' as never } })).toEqual([
      'environments.dev.network.natGateways: must be one of none, single, per-az, got "two"',
    ]);
    expect(problemsOf({ network: { enabled: true, availabilityZones: 4 } })).toEqual([
      'environments.dev.network.availabilityZones: must be one of 2, 3, got 4',
    ]);
    expect(problemsOf({ network: { enabled: true, interfaceEndpoints: ['ssm', 'ssm'] } })).toEqual([
      'environments.dev.network.interfaceEndpoints: must not list a service twice, got ["ssm","ssm"]',
    ]);
    expect(problemsOf({ network: { enabled: true, interfaceEndpoints: ['s3' as never] } })[0]).toMatch(
      /^environments\.dev\.network\.interfaceEndpoints\.0: must be one of secretsmanager, ssm, /,
    );
  });

  test('fails when flow logs are off without a written reason', () => {
    expect(problemsOf({ network: { enabled: true, flowLogs: { enabled: false } } })).toEqual([
      'environments.dev.network.flowLogs.reason: must say why flow logs are off (a non-empty reason beside enabled: false)',
    ]);
    expect(problemsOf({ network: { enabled: true, flowLogs: { enabled: false, reason: ' ' } } })).toEqual([
      'environments.dev.network.flowLogs.reason: must say why flow logs are off (a non-empty reason beside enabled: false), got " "',
    ]);
  });

  test('fails when the flow log retention is not one CloudWatch accepts', () => {
    expect(problemsOf({ network: { enabled: true, flowLogs: { retentionDays: 10 } } })[0]).toMatch(
      /^environments\.dev\.network\.flowLogs\.retentionDays: must be one of 1, 3, 5, 7, .*, got 10$/,
    );
  });

  test('fails when the flow log traffic type or aggregation interval is not one AWS offers', () => {
    expect(
      problemsOf({
        network: {
          enabled: true,
          flowLogs: { trafficType: 'SOME' as never, maxAggregationIntervalSeconds: 300 as never },
        },
      }),
    ).toEqual([
      'environments.dev.network.flowLogs.trafficType: must be one of ALL, ACCEPT, REJECT, got "SOME"',
      'environments.dev.network.flowLogs.maxAggregationIntervalSeconds: must be one of 60, 600, got 300',
    ]);
  });
});

describe('CIDR arithmetic', () => {
  test('cidrSubnet matches Terraform cidrsubnet()', () => {
    expect(cidrSubnet('10.0.0.0/16', 24, 12)).toBe('10.0.12.0/24');
    expect(cidrSubnet('10.0.0.0/16', 20, 15)).toBe('10.0.240.0/20');
    expect(cidrSubnet('192.168.0.0/24', 26, 3)).toBe('192.168.0.192/26');
  });

  test('fails when the block does not exist', () => {
    expect(() => cidrSubnet('10.0.0.0/20', 24, 16)).toThrow('cannot take /24 block 16 of 10.0.0.0/20');
  });

  test('reports nothing for a sound layout', () => {
    expect(
      subnetLayoutProblems({
        cidr: '10.0.0.0/16',
        availabilityZones: 2,
        publicSubnets: ['10.0.1.0/24', '10.0.2.0/24'],
        privateSubnets: ['10.0.10.0/24', '10.0.11.0/24'],
      }),
    ).toEqual([]);
  });
});

describe('presets', () => {
  test('concert reproduces the seed network with the third zone Redshift needs, one NAT outside prod', () => {
    const envs = loadConfig({ preset: 'concert' }).environments;
    for (const env of Object.values(envs)) {
      expect(env.network).toMatchObject({
        enabled: true,
        cidr: '10.0.0.0/16',
        availabilityZones: 3,
        publicSubnets: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
        privateSubnets: ['10.0.10.0/24', '10.0.11.0/24', '10.0.12.0/24'],
      });
    }
    expect([envs.dev, envs.staging, envs.prod].map((e) => e.network.natGateways)).toEqual([
      'single',
      'single',
      'per-az',
    ]);
    expect([envs.dev, envs.staging, envs.prod].map((e) => e.network.flowLogs.enabled)).toEqual([true, true, true]);
    expect([envs.dev, envs.staging, envs.prod].map((e) => e.network.flowLogs.trafficType)).toEqual([
      'REJECT',
      'REJECT',
      'ALL',
    ]);
  });

  test('frigg keeps a two-zone VPC for its private cache', () => {
    const envs = loadConfig({ preset: 'frigg' }).environments;
    expect(envs.dev.network).toMatchObject({ enabled: true, availabilityZones: 2 });
  });
});
