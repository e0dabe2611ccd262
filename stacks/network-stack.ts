/**
 * network (per environment): the VPC every private resource of the environment lives in.
 *
 * Provisions: the VPC (DNS support and host names), a public and a private subnet per availability zone, the internet
 *   gateway, NAT gateways as configured (none, single, per-az) with their Elastic IPs, route tables, S3 and DynamoDB
 *   gateway endpoints, optional interface endpoints, the default security group closed, the security groups of
 *   functions, Redshift and caches, and (where configured) flow logs to a log group with retention.
 * Consumes: the environment's network settings.
 * Exposes: NetworkHandles (VPC, subnets, security groups, private route tables) for data, app, jobs and codegen.
 */
import type { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { Environment, PlatformConfig } from '../config/schema';
import { InterfaceEndpoints } from '../modules/interface-endpoints';
import { NetworkSecurityGroups } from '../modules/network-security-groups';
import { suppressPolicy } from '../modules/policy';
import { VpcFlowLogs } from '../modules/policy/rules/vpc/VpcFlowLogs';
import { VpcFlowLog } from '../modules/vpc-flow-log';
import { VpcNetwork } from '../modules/vpc-network';
import { natGatewayMonitoring } from '../modules/monitoring/nat-gateway-monitoring';
import { MonitoredStack } from './monitored-stack';
import type { AlertingHandles, NetworkHandles } from './layer-handles';

export interface NetworkStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** Topics the alarms notify by severity. @default alarms without actions */
  readonly alerting?: AlertingHandles;
}

export class NetworkStack extends MonitoredStack implements NetworkHandles {
  readonly network: VpcNetwork;
  readonly securityGroups: NetworkSecurityGroups;
  readonly interfaceEndpoints?: InterfaceEndpoints;
  readonly flowLog?: VpcFlowLog;

  constructor(scope: Construct, props: NetworkStackProps) {
    super(scope, { ...props, layer: 'network', runbookSection: 'network-layer' });
    const env = props.environment;
    const settings = env.network;

    this.network = new VpcNetwork(this, 'network', {
      naming: this.naming,
      region: this.region,
      cidr: settings.cidr,
      publicSubnetCidrs: settings.publicSubnets,
      privateSubnetCidrs: settings.privateSubnets,
      zoneIds: settings.zoneIds,
      excludeZoneIds: settings.excludeZoneIds,
      natGateways: settings.natGateways,
      protectNatAddresses: env.protectStatefulResources,
    });

    this.securityGroups = new NetworkSecurityGroups(this, 'security-groups', {
      naming: this.naming,
      vpc: this.vpc,
    });

    if (settings.interfaceEndpoints.length > 0) {
      this.interfaceEndpoints = new InterfaceEndpoints(this, 'interface-endpoints', {
        naming: this.naming,
        region: this.region,
        vpc: this.vpc,
        subnets: this.privateSubnets,
        services: settings.interfaceEndpoints,
      });
    }

    if (settings.flowLogs.enabled) {
      this.flowLog = new VpcFlowLog(this, 'flow-log', {
        naming: this.naming,
        vpc: this.vpc,
        retentionDays: settings.flowLogs.retentionDays,
        trafficType: settings.flowLogs.trafficType,
        maxAggregationIntervalSeconds: settings.flowLogs.maxAggregationIntervalSeconds,
      });
    } else {
      // The schema requires a written reason beside enabled: false; that text is the suppression.
      suppressPolicy(this.vpc, VpcFlowLogs.id, settings.flowLogs.reason ?? '');
    }

    this.network.natGateways.forEach((nat, i) => {
      const name = `nat-${i + 1}`;
      this.alarms.watchAll([
        natGatewayMonitoring({
          name,
          natGatewayId: nat.id,
          title: `NAT gateway ${i + 1} of ${this.naming.prefix}`,
          area: 'network',
          thresholds: this.alarmThresholds.natGateway,
        }),
      ]);
    });
    this.composeHealth();

    new TerraformOutput(this, 'vpc-id', { value: this.vpc.id, description: 'VPC of the environment' });
    new TerraformOutput(this, 'public-subnet-ids', {
      value: this.publicSubnets.map((s) => s.id),
      description: 'Public subnets, one per availability zone',
    });
    new TerraformOutput(this, 'private-subnet-ids', {
      value: this.privateSubnets.map((s) => s.id),
      description: 'Private subnets (functions, Redshift, endpoints), one per availability zone',
    });
    new TerraformOutput(this, 'nat-gateway-ids', {
      value: this.network.natGateways.map((n) => n.id),
      description: 'NAT gateways of the private subnets',
    });
    new TerraformOutput(this, 'function-security-group-id', {
      value: this.functionSecurityGroup.id,
      description: 'Security group of functions placed in the VPC',
    });
  }

  // NetworkHandles, read from the constructs that own them rather than kept in a second set of fields.
  get vpc(): Vpc {
    return this.network.vpc;
  }
  get publicSubnets(): readonly Subnet[] {
    return this.network.publicSubnets;
  }
  get privateSubnets(): readonly Subnet[] {
    return this.network.privateSubnets;
  }
  get privateRouteTables(): readonly RouteTable[] {
    return this.network.privateRouteTables;
  }
  get functionSecurityGroup(): SecurityGroup {
    return this.securityGroups.functions;
  }
  get redshiftSecurityGroup(): SecurityGroup {
    return this.securityGroups.redshift;
  }
  get cacheSecurityGroup(): SecurityGroup {
    return this.securityGroups.cache;
  }
  get endpointSecurityGroup(): SecurityGroup | undefined {
    return this.interfaceEndpoints?.securityGroup;
  }
}
