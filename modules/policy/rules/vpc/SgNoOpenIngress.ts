import { blocks, PolicyRule } from '../../engine';
import { ANYWHERE_IPV4, ANYWHERE_IPV6, opensToInternet } from '../../support/vpc';

export const SgNoOpenIngress: PolicyRule = {
  id: 'sg-no-open-ingress',
  service: 'vpc',
  level: 'error',
  description: `No security group admits traffic from ${ANYWHERE_IPV4} or ${ANYWHERE_IPV6}.`,
  explanation: 'Ingress from anywhere exposes whatever listens behind the group to the whole internet.',
  references: { fsbp: 'EC2.18', cdkNag: 'AwsSolutions-EC23', checkov: 'CKV_AWS_24, CKV_AWS_25, CKV_AWS_260' },
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
