/**
 * Interface VPC endpoints (PrivateLink) for AWS APIs, in the private subnets with private DNS, so that workloads
 * without NAT, or that should not use it, reach those APIs inside the VPC. Their security group admits HTTPS from the
 * VPC's own block only.
 */
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { Naming } from './naming';
import { HTTPS_PORT } from './network-security-groups';

export interface InterfaceEndpointsProps {
  readonly naming: Naming;
  readonly region: string;
  readonly vpc: Vpc;
  /** Subnets that get an endpoint network interface, one per zone. */
  readonly subnets: readonly Subnet[];
  /** Service part of `com.amazonaws.<region>.<service>`, for example `secretsmanager`. */
  readonly services: readonly string[];
}

export class InterfaceEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  /** The endpoints by service. */
  readonly endpoints: Readonly<Record<string, VpcEndpoint>>;

  constructor(scope: Construct, id: string, props: InterfaceEndpointsProps) {
    super(scope, id);
    if (props.services.length === 0) {
      throw new Error('InterfaceEndpoints services: must list at least one service, got []');
    }
    const duplicate = props.services.find((s, i) => props.services.indexOf(s) !== i);
    if (duplicate !== undefined) {
      throw new Error(
        `InterfaceEndpoints services: must not list a service twice, got ${JSON.stringify(duplicate)} twice`,
      );
    }
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: props.naming.name('endpoints'),
      description: 'Interface endpoints: HTTPS from the VPC only',
      vpcId: props.vpc.id,
      tags: { Name: props.naming.name('endpoints') },
    });
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS from the VPC',
      ipProtocol: 'tcp',
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      cidrIpv4: props.vpc.cidrBlock,
    });
    const endpoints: Record<string, VpcEndpoint> = {};
    for (const service of props.services) {
      // Construct IDs and name components take no dots (ecr.api becomes ecr-api).
      const component = service.replace(/\./g, '-');
      endpoints[service] = new VpcEndpoint(this, component, {
        vpcId: props.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: props.subnets.map((s) => s.id),
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: props.naming.name(`${component}-endpoint`) },
      });
    }
    this.endpoints = endpoints;
  }
}
