import { blocks, PolicyRule } from '../../engine';
import { eachVpc } from '../../support/vpc';

export const VpcDefaultSgClosed: PolicyRule = {
  id: 'vpc-default-sg-closed',
  service: 'vpc',
  level: 'error',
  description: "Every VPC's default security group is managed with no ingress and no egress rules.",
  explanation:
    'Anything launched without an explicit group lands in the default group; closed, it gets no traffic by accident.',
  references: { fsbp: 'EC2.2', cdkNag: 'NIST.800.53.R5-VPCDefaultSecurityGroupClosed', checkov: 'CKV2_AWS_12' },
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
