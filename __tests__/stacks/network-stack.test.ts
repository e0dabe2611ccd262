import { Testing } from 'cdktf';
import { validateConfig } from '../../config/load';
import type { PlatformConfigInput } from '../../config/schema';
import { checkTerraformStack } from '../../modules/policy';
import { NetworkStack } from '../../stacks/network-stack';
import { resourcesOf, synthJson } from '../support/stacks';
import { SILENT_ALERTING } from '../support/config';

type EnvironmentInput = PlatformConfigInput['environments'][string];

function build(env: EnvironmentInput = {}, name = 'dev') {
  const config = validateConfig({
    service: 'svc',
    region: 'eu-west-1',
    repository: { owner: 'o', name: 'r' },
    environments: { [name]: { alerting: SILENT_ALERTING, ...env, network: { enabled: true, ...env.network } } },
  });
  return new NetworkStack(Testing.app(), { config, environment: { ...config.environments[name], name } });
}

const count = (stack: NetworkStack, type: string) => Object.keys(resourcesOf(stack, type)).length;

describe('NetworkStack', () => {
  test('is named <service>-<env>-network', () => {
    expect(build().stackName).toBe('svc-dev-network');
  });

  test('pins the addresses of the VPC and subnets (renaming them would replace the network)', () => {
    const json = synthJson(build({ network: { availabilityZones: 3 } }));
    expect(Object.keys(json.resource.aws_vpc)).toEqual(['network_vpc_4E8F0223']);
    expect(Object.keys(json.resource.aws_subnet)).toEqual([
      'network_public-1_8D79547B',
      'network_public-2_7452BF82',
      'network_public-3_D4888245',
      'network_private-1_4188AF2B',
      'network_private-2_96169D1F',
      'network_private-3_0631671E',
    ]);
    expect(Object.keys(json.resource.aws_security_group)).toEqual([
      'security-groups_functions_41E16A67',
      'security-groups_redshift_7EE9C7A5',
      'security-groups_cache_48B32A7F',
    ]);
  });

  test('dev defaults: one NAT gateway, cheap flow logs (rejected traffic, 3 days), nothing suppressed, compliant', () => {
    const stack = build();
    expect(count(stack, 'aws_nat_gateway')).toBe(1);
    expect(Object.values(resourcesOf(stack, 'aws_eip'))[0].lifecycle).toBeUndefined();
    expect(Object.values(resourcesOf(stack, 'aws_flow_log'))).toEqual([
      expect.objectContaining({ traffic_type: 'REJECT' }),
    ]);
    const group = Object.values(resourcesOf(stack, 'aws_cloudwatch_log_group'))[0];
    expect(group).toMatchObject({ retention_in_days: 3 });
    expect(Object.values(resourcesOf(stack, 'aws_vpc'))[0]['//'].suppressions).toBeUndefined();
    expect(checkTerraformStack(stack)).toEqual([]);
  });

  test('flow logs off only with the reason written in config, which is the suppression', () => {
    const stack = build({
      network: { flowLogs: { enabled: false, reason: 'throwaway load-test VPC, deleted daily' } },
    });
    expect(count(stack, 'aws_flow_log')).toBe(0);
    expect(Object.values(resourcesOf(stack, 'aws_vpc'))[0]['//'].suppressions).toEqual({
      'vpc-flow-logs': 'throwaway load-test VPC, deleted daily',
    });
    expect(checkTerraformStack(stack)).toEqual([]);
  });

  test('prod defaults: a NAT gateway per zone and flow logs with the environment retention, compliant', () => {
    const stack = build(
      { protectStatefulResources: true, logRetentionDays: 90, network: { availabilityZones: 3 } },
      'prod',
    );
    expect(count(stack, 'aws_nat_gateway')).toBe(3);
    expect(count(stack, 'aws_eip')).toBe(3);
    // The NAT addresses are what third parties allow-list: renaming an Elastic IP would change the address.
    expect(Object.keys(resourcesOf(stack, 'aws_eip'))).toEqual([
      'network_nat-1-ip_3D30E409',
      'network_nat-2-ip_12377CFA',
      'network_nat-3-ip_CAF349DA',
    ]);
    // In prod a destroy or a config change must not release them.
    for (const eip of Object.values(resourcesOf(stack, 'aws_eip'))) {
      expect(eip.lifecycle).toEqual({ prevent_destroy: true });
    }
    expect(stack.privateRouteTables).toHaveLength(3);
    const group = Object.values(resourcesOf(stack, 'aws_cloudwatch_log_group'))[0];
    expect(group).toMatchObject({ name: '/aws/vpc-flow-log/svc-prod-vpc', retention_in_days: 90 });
    expect(count(stack, 'aws_flow_log')).toBe(1);
    expect(Object.values(resourcesOf(stack, 'aws_vpc'))[0]['//'].suppressions).toBeUndefined();
    expect(checkTerraformStack(stack)).toEqual([]);
  });

  test('runs without NAT when configured, still reaching S3 and DynamoDB through gateway endpoints', () => {
    const stack = build({ network: { natGateways: 'none' } });
    expect(count(stack, 'aws_nat_gateway')).toBe(0);
    expect(count(stack, 'aws_eip')).toBe(0);
    expect(Object.values(resourcesOf(stack, 'aws_vpc_endpoint')).map((e) => e.service_name)).toEqual([
      'com.amazonaws.eu-west-1.s3',
      'com.amazonaws.eu-west-1.dynamodb',
    ]);
  });

  test('adds the configured interface endpoints and exposes their security group', () => {
    const stack = build({ network: { interfaceEndpoints: ['secretsmanager', 'sqs'] } });
    const interfaces = Object.values(resourcesOf(stack, 'aws_vpc_endpoint')).filter(
      (e) => e.vpc_endpoint_type === 'Interface',
    );
    expect(interfaces.map((e) => e.service_name)).toEqual([
      'com.amazonaws.eu-west-1.secretsmanager',
      'com.amazonaws.eu-west-1.sqs',
    ]);
    expect(stack.endpointSecurityGroup).toBeDefined();
    expect(build().endpointSecurityGroup).toBeUndefined();
    // The exposed group is the one the endpoints sit behind, not merely some group.
    const [group, { name }] = Object.entries(resourcesOf(stack, 'aws_security_group')).find(
      ([address]) => stack.endpointSecurityGroup!.friendlyUniqueId === address,
    )!;
    expect(name).toBe('svc-dev-endpoints');
    expect(interfaces.map((e) => e.security_group_ids)).toEqual([
      [`\${aws_security_group.${group}.id}`],
      [`\${aws_security_group.${group}.id}`],
    ]);
  });

  test('uses the configured CIDRs', () => {
    const stack = build({ network: { cidr: '172.16.0.0/16' } });
    expect(Object.values(resourcesOf(stack, 'aws_subnet')).map((s) => s.cidr_block)).toEqual([
      '172.16.1.0/24',
      '172.16.2.0/24',
      '172.16.10.0/24',
      '172.16.11.0/24',
    ]);
  });

  test('exposes typed handles and outputs for people', () => {
    const stack = build();
    expect(stack.vpc).toBe(stack.network.vpc);
    expect(stack.publicSubnets).toHaveLength(2);
    expect(stack.privateSubnets).toHaveLength(2);
    expect(stack.publicSubnets).toBe(stack.network.publicSubnets);
    expect(stack.privateSubnets).toBe(stack.network.privateSubnets);
    expect(stack.privateRouteTables).toBe(stack.network.privateRouteTables);
    expect(stack.publicSubnets.map((s) => s.cidrBlockInput)).toEqual(['10.0.1.0/24', '10.0.2.0/24']);
    expect(stack.privateSubnets.map((s) => s.cidrBlockInput)).toEqual(['10.0.10.0/24', '10.0.11.0/24']);
    expect([stack.functionSecurityGroup, stack.redshiftSecurityGroup, stack.cacheSecurityGroup]).toEqual([
      stack.securityGroups.functions,
      stack.securityGroups.redshift,
      stack.securityGroups.cache,
    ]);
    expect(Object.keys(synthJson(stack).output)).toEqual([
      'vpc-id',
      'public-subnet-ids',
      'private-subnet-ids',
      'nat-gateway-ids',
      'function-security-group-id',
    ]);
  });
});
