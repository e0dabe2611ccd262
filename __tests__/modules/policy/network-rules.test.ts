import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Naming } from '../../../modules/naming';
import { NetworkSecurityGroups } from '../../../modules/network-security-groups';
import { suppressPolicy } from '../../../modules/policy';
import { SgNoOpenIngress } from '../../../modules/policy/rules/vpc/SgNoOpenIngress';
import { SubnetNoPublicIp } from '../../../modules/policy/rules/vpc/SubnetNoPublicIp';
import { VpcDefaultSgClosed } from '../../../modules/policy/rules/vpc/VpcDefaultSgClosed';
import { VpcFlowLogs } from '../../../modules/policy/rules/vpc/VpcFlowLogs';
import { rulesFor } from '../../../modules/policy/rules';
import { VpcFlowLog } from '../../../modules/vpc-flow-log';
import { VpcNetwork } from '../../../modules/vpc-network';
import { testStack, violatedRules } from '../../support/stacks';

const naming = new Naming('svc', 'dev');

function network(stack: ReturnType<typeof testStack>) {
  return new VpcNetwork(stack, 'network', {
    naming,
    region: 'us-east-1',
    cidr: '10.0.0.0/16',
    publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
    privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
  });
}

describe('network rules', () => {
  test('a VpcNetwork with flow logs and the layer security groups passes every network rule', () => {
    const stack = testStack();
    const { vpc } = network(stack);
    new VpcFlowLog(stack, 'flow-log', { naming, vpc, retentionDays: 7 });
    new NetworkSecurityGroups(stack, 'groups', { naming, vpc });
    expect(violatedRules(stack, rulesFor('vpc'))).toEqual([]);
  });

  test('fails when a VPC has no flow log', () => {
    const stack = testStack();
    network(stack);
    expect(violatedRules(stack, [VpcFlowLogs])).toEqual(['vpc-flow-logs']);
  });

  test('a VPC whose flow logs are off by configuration passes with a written suppression', () => {
    const stack = testStack();
    suppressPolicy(network(stack).vpc, VpcFlowLogs.id, 'flow logs are off in dev by configuration');
    expect(violatedRules(stack, [VpcFlowLogs])).toEqual([]);
  });

  test('fails when the default security group is not managed, or keeps rules', () => {
    const unmanaged = testStack();
    new Vpc(unmanaged, 'vpc', { cidrBlock: '10.0.0.0/16' });
    expect(violatedRules(unmanaged, [VpcDefaultSgClosed])).toEqual(['vpc-default-sg-closed']);

    const open = testStack();
    const vpc = new Vpc(open, 'vpc', { cidrBlock: '10.0.0.0/16' });
    new DefaultSecurityGroup(open, 'default', {
      vpcId: vpc.id,
      ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, selfAttribute: true }],
    });
    expect(violatedRules(open, [VpcDefaultSgClosed])).toEqual(['vpc-default-sg-closed']);
  });

  test('fails when any form of security group rule admits the internet', () => {
    const stack = testStack();
    new SecurityGroup(stack, 'inline', {
      vpcId: 'vpc-1',
      ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0'] }],
    });
    new SecurityGroupRule(stack, 'legacy', {
      type: 'ingress',
      securityGroupId: 'sg-1',
      protocol: 'tcp',
      fromPort: 5439,
      toPort: 5439,
      ipv6CidrBlocks: ['::/0'],
    });
    new VpcSecurityGroupIngressRule(stack, 'rule', {
      securityGroupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: 6379,
      toPort: 6379,
      cidrIpv4: '0.0.0.0/0',
    });
    new VpcSecurityGroupIngressRule(stack, 'internal', {
      securityGroupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '10.0.0.0/16',
    });
    expect(violatedRules(stack, [SgNoOpenIngress])).toEqual([
      'sg-no-open-ingress',
      'sg-no-open-ingress',
      'sg-no-open-ingress',
    ]);
  });

  test('fails when a subnet assigns public IPs on launch', () => {
    const stack = testStack();
    new Subnet(stack, 'public', { vpcId: 'vpc-1', cidrBlock: '10.0.1.0/24', mapPublicIpOnLaunch: true });
    new Subnet(stack, 'private', { vpcId: 'vpc-1', cidrBlock: '10.0.10.0/24' });
    expect(violatedRules(stack, [SubnetNoPublicIp])).toEqual(['subnet-no-public-ip']);
  });
});
