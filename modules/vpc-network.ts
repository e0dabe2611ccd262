/**
 * A VPC laid out the way terraform-aws-modules/vpc lays it out: one public and one private subnet per availability
 * zone, an internet gateway and one public route table, NAT gateways (none, one, or one per zone, each with its
 * Elastic IP), private route tables (one when a single NAT serves every zone, otherwise one per zone, so that moving
 * between modes adds routes instead of re-associating subnets), S3 and DynamoDB gateway endpoints on the private
 * route tables, and the VPC's default security group stripped of every rule.
 *
 * Zones are the region's available, non-opt-in zones in name order (the data source sorts them), indexed by
 * position; a postcondition stops the plan with a clear message when the region has fewer zones than asked for.
 */
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { NatGatewayMode, subnetLayoutProblems } from '../config/layers/network';
import { parseCidr } from '../config/rules';
import { Naming } from './naming';

export interface VpcNetworkProps {
  readonly naming: Naming;
  /** Region of the VPC, for the gateway endpoints' service names. */
  readonly region: string;
  /** The VPC's IPv4 block. */
  readonly cidr: string;
  /** One public subnet CIDR per availability zone, in zone order. */
  readonly publicSubnetCidrs: readonly string[];
  /** One private subnet CIDR per availability zone, in zone order (as many as public ones). */
  readonly privateSubnetCidrs: readonly string[];
  /** Exactly these availability zone IDs, one per subnet pair. @default the region's first available zone IDs */
  readonly zoneIds?: readonly string[];
  /** Zone IDs never chosen automatically. @default none */
  readonly excludeZoneIds?: readonly string[];
  /** NAT gateways giving the private subnets outbound internet access. @default 'single' */
  readonly natGateways?: NatGatewayMode;
  /**
   * Protect the NAT Elastic IPs from destroy (prevent_destroy): third parties allow-list these addresses, and a
   * released address is gone for good. @default false
   */
  readonly protectNatAddresses?: boolean;
}

/** Gateway endpoints are free and keep S3 and DynamoDB traffic off the NAT gateways. */
const GATEWAY_ENDPOINT_SERVICES = ['s3', 'dynamodb'] as const;

export class VpcNetwork extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: readonly Subnet[];
  readonly privateSubnets: readonly Subnet[];
  readonly publicRouteTable: RouteTable;
  readonly privateRouteTables: readonly RouteTable[];
  readonly natGateways: readonly NatGateway[];
  readonly internetGateway: InternetGateway;
  readonly s3Endpoint: VpcEndpoint;
  readonly dynamodbEndpoint: VpcEndpoint;
  /** Availability zone IDs of the subnet pairs, in order (zone names differ per account, IDs do not). */
  readonly zoneIds: readonly string[];

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const natMode = props.natGateways ?? 'single';
    const zoneCount = props.publicSubnetCidrs.length;
    validateLayout(props);
    const naming = props.naming;
    const tagged = (component: string, extra: Record<string, string> = {}) => ({
      Name: naming.name(component),
      ...extra,
    });

    if (props.zoneIds !== undefined && props.zoneIds.length !== zoneCount) {
      throw new Error(
        `VpcNetwork: zoneIds must list one zone ID per subnet pair (${zoneCount}), got ${JSON.stringify(props.zoneIds)}`,
      );
    }
    if (props.zoneIds !== undefined) {
      this.zoneIds = [...props.zoneIds];
    } else {
      // Chosen by ID: zone names map to different physical zones in every account, so name order could land a
      // subnet in a zone a service (Redshift Serverless) does not support in one account and not in another.
      const excluded = props.excludeZoneIds ?? [];
      const zones = new DataAwsAvailabilityZones(this, 'zones', {
        state: 'available',
        filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
        excludeZoneIds: excluded.length > 0 ? [...excluded] : undefined,
        lifecycle: {
          postcondition: [
            {
              condition: `\${length(self.zone_ids) >= ${zoneCount}}`,
              errorMessage: `${naming.prefix} needs ${zoneCount} available availability zones in ${props.region} outside network.excludeZoneIds; lower network.availabilityZones, shorten excludeZoneIds or use another region.`,
            },
          ],
        },
      });
      this.zoneIds = Array.from({ length: zoneCount }, (_, i) => Token.asString(Fn.lookupNested(zones.zoneIds, [i])));
    }

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tagged('vpc'),
    });

    // No rules at all: anything that lands in the default group by accident can neither receive nor send.
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: tagged('default', { Note: 'closed on purpose; use the layer security groups' }),
    });

    this.internetGateway = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: tagged('igw') });

    const subnets = (tier: 'public' | 'private', cidrs: readonly string[]) =>
      cidrs.map(
        (cidr, i) =>
          new Subnet(this, `${tier}-${i + 1}`, {
            vpcId: this.vpc.id,
            cidrBlock: cidr,
            availabilityZoneId: this.zoneIds[i],
            mapPublicIpOnLaunch: false,
            tags: tagged(`${tier}-${i + 1}`, { Tier: tier }),
          }),
      );
    this.publicSubnets = subnets('public', props.publicSubnetCidrs);
    this.privateSubnets = subnets('private', props.privateSubnetCidrs);

    this.publicRouteTable = new RouteTable(this, 'public-routes', { vpcId: this.vpc.id, tags: tagged('public') });
    new Route(this, 'public-internet', {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });
    this.publicSubnets.forEach(
      (subnet, i) =>
        new RouteTableAssociation(this, `public-${i + 1}-routes`, {
          subnetId: subnet.id,
          routeTableId: this.publicRouteTable.id,
        }),
    );

    const natCount = { none: 0, single: 1, 'per-az': zoneCount }[natMode];
    this.natGateways = Array.from({ length: natCount }, (_, i) => {
      const eip = new Eip(this, `nat-${i + 1}-ip`, {
        domain: 'vpc',
        tags: tagged(`nat-${i + 1}`),
        lifecycle: props.protectNatAddresses ? { preventDestroy: true } : undefined,
      });
      return new NatGateway(this, `nat-${i + 1}`, {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnets[i].id,
        tags: tagged(`nat-${i + 1}`),
        // A NAT gateway in a subnet without a working internet gateway never becomes usable.
        dependsOn: [this.internetGateway],
      });
    });

    // With NAT there are as many private tables as gateways (one, or one per zone): table i routes through gateway i.
    const privateTableCount = natMode === 'single' ? 1 : zoneCount;
    this.privateRouteTables = Array.from({ length: privateTableCount }, (_, i) => {
      const table = new RouteTable(this, `private-${i + 1}-routes`, {
        vpcId: this.vpc.id,
        tags: tagged(privateTableCount === 1 ? 'private' : `private-${i + 1}`),
      });
      if (this.natGateways.length > 0) {
        new Route(this, `private-${i + 1}-internet`, {
          routeTableId: table.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: this.natGateways[i].id,
        });
      }
      return table;
    });
    this.privateSubnets.forEach(
      (subnet, i) =>
        new RouteTableAssociation(this, `private-${i + 1}-routes-association`, {
          subnetId: subnet.id,
          routeTableId: this.privateRouteTables[Math.min(i, privateTableCount - 1)].id,
        }),
    );

    const [s3Endpoint, dynamodbEndpoint] = GATEWAY_ENDPOINT_SERVICES.map(
      (service) =>
        new VpcEndpoint(this, `${service}-endpoint`, {
          vpcId: this.vpc.id,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: 'Gateway',
          routeTableIds: this.privateRouteTables.map((t) => t.id),
          tags: tagged(`${service}-endpoint`),
        }),
    );
    this.s3Endpoint = s3Endpoint;
    this.dynamodbEndpoint = dynamodbEndpoint;
  }
}

function validateLayout(props: VpcNetworkProps): void {
  const zones = props.publicSubnetCidrs.length;
  if (zones < 2) {
    throw new Error(
      `VpcNetwork publicSubnetCidrs: must list at least 2 subnets (one per availability zone), got ${zones}`,
    );
  }
  const lists = { publicSubnets: props.publicSubnetCidrs, privateSubnets: props.privateSubnetCidrs };
  const propOf = { publicSubnets: 'publicSubnetCidrs', privateSubnets: 'privateSubnetCidrs' } as const;
  for (const [label, cidr] of [
    ['cidr', props.cidr],
    ...props.publicSubnetCidrs.map((c, i) => [`publicSubnetCidrs[${i}]`, c]),
    ...props.privateSubnetCidrs.map((c, i) => [`privateSubnetCidrs[${i}]`, c]),
  ]) {
    if (!parseCidr(cidr)?.aligned) {
      throw new Error(
        `VpcNetwork ${label}: must be an IPv4 CIDR block at its network address, got ${JSON.stringify(cidr)}`,
      );
    }
  }
  const [problem] = subnetLayoutProblems({ cidr: props.cidr, availabilityZones: zones, ...lists });
  if (problem === undefined) return;
  const [field, index] = problem.path as [keyof typeof lists, number | undefined];
  const where = index === undefined ? propOf[field] : `${propOf[field]}[${index}]`;
  const got = `, got ${JSON.stringify(index === undefined ? lists[field] : lists[field][index])}`;
  const message = problem.message.replace(/(public|private)Subnets\.(\d+)/g, '$1SubnetCidrs[$2]');
  throw new Error(`VpcNetwork ${where}: ${message}${got}`);
}
