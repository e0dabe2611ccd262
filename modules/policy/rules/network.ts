/** VPC baseline: flow logs, the default security group closed, no ingress from the internet, no public IPs. */
import { blocks, Finding, PolicyRule, StackView, SynthResource } from '../engine';
import { asList } from './policy-json';

const ANYWHERE_IPV4 = '0.0.0.0/0';
const ANYWHERE_IPV6 = '::/0';

/** Takes a list attribute (`cidr_blocks`) or a single one (`cidr_ipv4`). */
function opensToInternet(cidrs: string | string[] | undefined, ipv6Cidrs: string | string[] | undefined): boolean {
  return asList(cidrs).includes(ANYWHERE_IPV4) || asList(ipv6Cidrs).includes(ANYWHERE_IPV6);
}

function eachVpc(stack: StackView, check: (vpc: SynthResource) => string | undefined): Finding[] {
  return stack.resources('aws_vpc').flatMap((vpc) => {
    const message = check(vpc);
    return message === undefined ? [] : [{ resource: vpc, message }];
  });
}

export const vpcFlowLogs: PolicyRule = {
  id: 'vpc-flow-logs',
  description:
    'Every VPC has a flow log in its stack; where configuration turns flow logs off, the VPC carries a suppression saying so.',
  check: (stack) =>
    eachVpc(stack, (vpc) =>
      stack.referencing('aws_flow_log', 'vpc_id', vpc).length > 0 ? undefined : 'VPC has no flow log',
    ),
};

export const vpcDefaultSecurityGroupClosed: PolicyRule = {
  id: 'vpc-default-sg-closed',
  description: "Every VPC's default security group is managed with no ingress and no egress rules.",
  check: (stack) =>
    eachVpc(stack, (vpc) => {
      const groups = stack.referencing('aws_default_security_group', 'vpc_id', vpc);
      if (groups.length === 0) {
        return 'the default security group is not managed, so it keeps its rules (all traffic between its members, all egress)';
      }
      const open = groups.some((g) => blocks(g.config.ingress).length > 0 || blocks(g.config.egress).length > 0);
      return open ? 'the default security group has rules; it must have none' : undefined;
    }),
};

export const securityGroupNoOpenIngress: PolicyRule = {
  id: 'sg-no-open-ingress',
  description: `No security group admits traffic from ${ANYWHERE_IPV4} or ${ANYWHERE_IPV6}.`,
  check: (stack) => {
    const message = `security group admits ingress from the internet (${ANYWHERE_IPV4} or ${ANYWHERE_IPV6})`;
    const inline = [...stack.resources('aws_security_group'), ...stack.resources('aws_default_security_group')].filter(
      (g) => blocks(g.config.ingress).some((rule) => opensToInternet(rule.cidr_blocks, rule.ipv6_cidr_blocks)),
    );
    const legacyRules = stack
      .resources('aws_security_group_rule')
      .filter((r) => r.config.type === 'ingress' && opensToInternet(r.config.cidr_blocks, r.config.ipv6_cidr_blocks));
    const rules = stack
      .resources('aws_vpc_security_group_ingress_rule')
      .filter((r) => opensToInternet(r.config.cidr_ipv4, r.config.cidr_ipv6));
    return [...inline, ...legacyRules, ...rules].map((resource) => ({ resource, message }));
  },
};

export const subnetNoPublicIp: PolicyRule = {
  id: 'subnet-no-public-ip',
  description: 'No subnet assigns public IP addresses on launch; public endpoints use load balancers or NAT.',
  check: (stack) =>
    stack
      .resources('aws_subnet')
      .filter((s) => s.config.map_public_ip_on_launch === true)
      .map((s) => ({ resource: s, message: 'subnet has map_public_ip_on_launch = true' })),
};

export const NETWORK_RULES: readonly PolicyRule[] = [
  vpcFlowLogs,
  vpcDefaultSecurityGroupClosed,
  securityGroupNoOpenIngress,
  subnetNoPublicIp,
];
