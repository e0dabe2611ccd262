import type { NatGatewayMode } from '../../config/layers/network';
import { Naming } from '../../modules/naming';
import { VpcNetwork, VpcNetworkProps } from '../../modules/vpc-network';
import { onlyResource, resourcesOf, synthJson, testStack } from '../support/stacks';

const TWO_ZONES = {
  cidr: '10.0.0.0/16',
  publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
  privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
};
const THREE_ZONES = {
  cidr: '10.0.0.0/16',
  publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
  privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24', '10.0.12.0/24'],
};

function build(props: Partial<VpcNetworkProps> = {}) {
  const stack = testStack();
  const network = new VpcNetwork(stack, 'network', {
    naming: new Naming('svc', 'dev'),
    region: 'eu-west-1',
    ...TWO_ZONES,
    ...props,
  });
  return { stack, network };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const values = (stack: ReturnType<typeof testStack>, type: string): any[] => Object.values(resourcesOf(stack, type));

describe('VpcNetwork', () => {
  test('creates the VPC with DNS support and host names', () => {
    const { stack } = build();
    expect(onlyResource(stack, 'aws_vpc')).toMatchObject({
      cidr_block: '10.0.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: 'svc-dev-vpc' },
    });
  });

  test('places one public and one private subnet in each zone, without public IPs, tagged by tier', () => {
    const { stack } = build();
    const zones = Object.keys(synthJson(stack).data.aws_availability_zones)[0];
    const subnets = values(stack, 'aws_subnet').map((s) => [
      s.tags.Name,
      s.cidr_block,
      s.availability_zone_id,
      s.tags.Tier,
    ]);
    expect(subnets).toEqual([
      ['svc-dev-public-1', '10.0.1.0/24', `\${data.aws_availability_zones.${zones}.zone_ids.0}`, 'public'],
      ['svc-dev-public-2', '10.0.2.0/24', `\${data.aws_availability_zones.${zones}.zone_ids.1}`, 'public'],
      ['svc-dev-private-1', '10.0.10.0/24', `\${data.aws_availability_zones.${zones}.zone_ids.0}`, 'private'],
      ['svc-dev-private-2', '10.0.11.0/24', `\${data.aws_availability_zones.${zones}.zone_ids.1}`, 'private'],
    ]);
    expect(values(stack, 'aws_subnet').every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  test('takes zones from the available, non-opt-in zones and stops the plan when there are too few', () => {
    const { stack } = build(THREE_ZONES);
    const zones = Object.values(synthJson(stack).data.aws_availability_zones)[0] as Record<string, unknown>;
    expect(zones).toMatchObject({
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
      lifecycle: {
        postcondition: [
          {
            condition: '${length(self.zone_ids) >= 3}',
            error_message:
              'svc-dev needs 3 available availability zones in eu-west-1 outside network.excludeZoneIds; lower network.availabilityZones, shorten excludeZoneIds or use another region.',
          },
        ],
      },
    });
  });

  test('chooses zones by ID, without the excluded ones, or takes the given IDs and reads no zones at all', () => {
    const excluded = build({ excludeZoneIds: ['use1-az3'] });
    expect(Object.values(synthJson(excluded.stack).data.aws_availability_zones)[0]).toMatchObject({
      exclude_zone_ids: ['use1-az3'],
    });
    const pinned = build({ zoneIds: ['use1-az1', 'use1-az4'] });
    expect(synthJson(pinned.stack).data?.aws_availability_zones).toBeUndefined();
    expect(values(pinned.stack, 'aws_subnet').map((s) => s.availability_zone_id)).toEqual([
      'use1-az1',
      'use1-az4',
      'use1-az1',
      'use1-az4',
    ]);
    expect(pinned.network.zoneIds).toEqual(['use1-az1', 'use1-az4']);
  });

  test('fails when zoneIds does not give one zone per subnet pair', () => {
    expect(() => build({ zoneIds: ['use1-az1'] })).toThrow(
      'VpcNetwork: zoneIds must list one zone ID per subnet pair (2), got ["use1-az1"]',
    );
  });

  test('closes the default security group: no ingress, no egress', () => {
    const { stack } = build();
    expect(onlyResource(stack, 'aws_default_security_group')).toMatchObject({ ingress: [], egress: [] });
  });

  test('routes the public subnets to the internet gateway through one route table', () => {
    const { stack } = build();
    const igw = Object.keys(resourcesOf(stack, 'aws_internet_gateway'))[0];
    const publicTable = Object.entries(resourcesOf(stack, 'aws_route_table')).find(
      ([, t]) => t.tags.Name === 'svc-dev-public',
    )?.[0];
    expect(values(stack, 'aws_route')).toContainEqual(
      expect.objectContaining({
        route_table_id: `\${aws_route_table.${publicTable}.id}`,
        destination_cidr_block: '0.0.0.0/0',
        gateway_id: `\${aws_internet_gateway.${igw}.id}`,
      }),
    );
    const publicAssociations = values(stack, 'aws_route_table_association').filter(
      (a) => a.route_table_id === `\${aws_route_table.${publicTable}.id}`,
    );
    expect(publicAssociations).toHaveLength(2);
  });

  describe.each<[NatGatewayMode, number, number]>([
    ['none', 0, 3],
    ['single', 1, 1],
    ['per-az', 3, 3],
  ])('NAT mode %s', (mode, natCount, privateTables) => {
    test(`has ${natCount} NAT gateway(s) with an Elastic IP each and ${privateTables} private route table(s)`, () => {
      const { stack, network } = build({ ...THREE_ZONES, natGateways: mode });
      expect(values(stack, 'aws_nat_gateway')).toHaveLength(natCount);
      expect(values(stack, 'aws_eip')).toHaveLength(natCount);
      expect(values(stack, 'aws_eip').every((e) => e.domain === 'vpc')).toBe(true);
      expect(network.privateRouteTables).toHaveLength(privateTables);
      const natRoutes = values(stack, 'aws_route').filter((r) => r.nat_gateway_id !== undefined);
      expect(natRoutes).toHaveLength(natCount === 0 ? 0 : privateTables);
    });
  });

  test('per-az: each zone routes through its own NAT gateway, which sits in that zone public subnet', () => {
    const { stack } = build({ ...THREE_ZONES, natGateways: 'per-az' });
    const nats = resourcesOf(stack, 'aws_nat_gateway');
    const subnets = resourcesOf(stack, 'aws_subnet');
    const subnetOf = (ref: string) => subnets[/aws_subnet\.([^.]+)\.id/.exec(ref)![1]].tags.Name;
    expect(Object.values(nats).map((n) => subnetOf(n.subnet_id))).toEqual([
      'svc-dev-public-1',
      'svc-dev-public-2',
      'svc-dev-public-3',
    ]);
    const igw = Object.keys(resourcesOf(stack, 'aws_internet_gateway'))[0];
    expect(Object.values(nats).every((n) => n.depends_on.includes(`aws_internet_gateway.${igw}`))).toBe(true);
    const tables = resourcesOf(stack, 'aws_route_table');
    const routes = values(stack, 'aws_route')
      .filter((r) => r.nat_gateway_id)
      .map((r) => [tables[/aws_route_table\.([^.]+)\.id/.exec(r.route_table_id)![1]].tags.Name, r.nat_gateway_id]);
    expect(routes).toEqual(
      Object.keys(nats).map((nat, i) => [`svc-dev-private-${i + 1}`, `\${aws_nat_gateway.${nat}.id}`]),
    );
  });

  test('single: every private subnet shares one route table through the one NAT gateway', () => {
    const { stack, network } = build({ ...THREE_ZONES, natGateways: 'single' });
    const table = `\${aws_route_table.${Object.keys(resourcesOf(stack, 'aws_route_table')).find((k) => k.includes('private-1-routes'))}.id}`;
    const privateAssociations = values(stack, 'aws_route_table_association').filter((a) => a.route_table_id === table);
    expect(privateAssociations).toHaveLength(3);
    expect(network.privateRouteTables).toHaveLength(1);
    const nat = Object.keys(resourcesOf(stack, 'aws_nat_gateway'))[0];
    expect(values(stack, 'aws_route').filter((r) => r.nat_gateway_id !== undefined)).toEqual([
      expect.objectContaining({
        route_table_id: table,
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: `\${aws_nat_gateway.${nat}.id}`,
      }),
    ]);
  });

  test('puts S3 and DynamoDB gateway endpoints on the private route tables', () => {
    const { stack } = build({ natGateways: 'per-az' });
    const privateTables = Object.entries(resourcesOf(stack, 'aws_route_table'))
      .filter(([, t]) => t.tags.Name.startsWith('svc-dev-private'))
      .map(([name]) => `\${aws_route_table.${name}.id}`);
    const endpoints = values(stack, 'aws_vpc_endpoint').map((e) => [
      e.service_name,
      e.vpc_endpoint_type,
      e.route_table_ids,
    ]);
    expect(endpoints).toEqual([
      ['com.amazonaws.eu-west-1.s3', 'Gateway', privateTables],
      ['com.amazonaws.eu-west-1.dynamodb', 'Gateway', privateTables],
    ]);
  });

  test('fails when there are fewer than two zones', () => {
    expect(() => build({ publicSubnetCidrs: ['10.0.1.0/24'], privateSubnetCidrs: ['10.0.10.0/24'] })).toThrow(
      'VpcNetwork publicSubnetCidrs: must list at least 2 subnets (one per availability zone), got 1',
    );
  });

  test('fails when the private subnets do not match the public ones', () => {
    expect(() => build({ privateSubnetCidrs: ['10.0.10.0/24'] })).toThrow(
      'VpcNetwork privateSubnetCidrs: must list one CIDR per availability zone (2), got ["10.0.10.0/24"]',
    );
  });

  test('fails when a subnet lies outside the VPC', () => {
    expect(() => build({ privateSubnetCidrs: ['10.0.10.0/24', '192.168.0.0/24'] })).toThrow(
      'VpcNetwork privateSubnetCidrs[1]: must lie inside the VPC 10.0.0.0/16, got "192.168.0.0/24"',
    );
  });

  test('fails when subnets overlap', () => {
    expect(() => build({ privateSubnetCidrs: ['10.0.0.0/23', '10.0.11.0/24'] })).toThrow(
      'VpcNetwork privateSubnetCidrs[0]: must not overlap publicSubnetCidrs[0] (10.0.1.0/24), got "10.0.0.0/23"',
    );
  });

  test('fails when a CIDR is malformed', () => {
    expect(() => build({ cidr: '10.0.0.1/16' })).toThrow(
      'VpcNetwork cidr: must be an IPv4 CIDR block at its network address, got "10.0.0.1/16"',
    );
  });
});
