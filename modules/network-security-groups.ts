/**
 * The security groups of a VPC's workloads, with the only paths between them: functions may open HTTPS to anywhere
 * (AWS APIs and third parties, through NAT or endpoints) and the database and cache ports of their groups; Redshift
 * and caches admit their ports from the function group only; Redshift may open HTTPS, because enhanced VPC routing
 * sends its S3 traffic (COPY, UNLOAD, through the gateway endpoint) and its Glue Data Catalog calls (Spectrum) through
 * the VPC. Caches open nothing. Nothing admits traffic from the internet.
 *
 * Rules are separate `aws_vpc_security_group_*_rule` resources, as the AWS provider recommends, so that other
 * layers can add rules to these groups without fighting over inline blocks.
 */
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { Naming } from './naming';

export const HTTPS_PORT = 443;
export const REDSHIFT_PORT = 5439;
/** ElastiCache Serverless (Valkey, Redis OSS) serves on 6379 and reads from replicas on 6380. */
export const CACHE_PORTS = { from: 6379, to: 6380 } as const;

export interface NetworkSecurityGroupsProps {
  readonly naming: Naming;
  readonly vpc: Vpc;
}

export class NetworkSecurityGroups extends Construct {
  /** Functions placed in the VPC. */
  readonly functions: SecurityGroup;
  /** Redshift Serverless workgroups. */
  readonly redshift: SecurityGroup;
  /** Serverless caches (ElastiCache). */
  readonly cache: SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkSecurityGroupsProps) {
    super(scope, id);
    const group = (name: string, description: string) =>
      new SecurityGroup(this, name, {
        name: props.naming.name(name),
        description,
        vpcId: props.vpc.id,
        tags: { Name: props.naming.name(name) },
      });
    this.functions = group('functions', 'Functions in the VPC: HTTPS out, database and cache ports to their groups');
    this.redshift = group('redshift', `Redshift Serverless: ${REDSHIFT_PORT} from the function group only`);
    this.cache = group('cache', `Caches: ${CACHE_PORTS.from}-${CACHE_PORTS.to} from the function group only`);

    this.httpsOut('functions', this.functions, 'HTTPS to AWS APIs and third parties');
    this.allowFromFunctions('redshift', this.redshift, REDSHIFT_PORT, REDSHIFT_PORT);
    this.allowFromFunctions('cache', this.cache, CACHE_PORTS.from, CACHE_PORTS.to);
    this.httpsOut('redshift', this.redshift, 'S3 (COPY, UNLOAD) and the Glue Data Catalog (Spectrum)');
  }

  private httpsOut(name: string, group: SecurityGroup, description: string): void {
    new VpcSecurityGroupEgressRule(this, `${name}-https-out`, {
      securityGroupId: group.id,
      description,
      ipProtocol: 'tcp',
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      cidrIpv4: '0.0.0.0/0',
    });
  }

  /** Lets the function group open `from`-`to` on `target`: the egress rule on one side, the ingress rule on the other. */
  private allowFromFunctions(name: string, target: SecurityGroup, from: number, to: number): void {
    const ports = from === to ? `${from}` : `${from}-${to}`;
    new VpcSecurityGroupEgressRule(this, `functions-to-${name}`, {
      securityGroupId: this.functions.id,
      description: `To ${name} on ${ports}`,
      ipProtocol: 'tcp',
      fromPort: from,
      toPort: to,
      referencedSecurityGroupId: target.id,
    });
    new VpcSecurityGroupIngressRule(this, `${name}-from-functions`, {
      securityGroupId: target.id,
      description: `From the function group on ${ports}`,
      ipProtocol: 'tcp',
      fromPort: from,
      toPort: to,
      referencedSecurityGroupId: this.functions.id,
    });
  }
}
