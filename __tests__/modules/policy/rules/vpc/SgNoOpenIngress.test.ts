import { SgNoOpenIngress } from '../../../../../modules/policy/rules/vpc/SgNoOpenIngress';
import { findingsOf } from '../../../../support/policy-rules';

describe('sg-no-open-ingress: ' + SgNoOpenIngress.description, () => {
  test('compliant: ingress from the VPC only', () => {
    expect(
      findingsOf(SgNoOpenIngress, {
        resource: {
          aws_vpc_security_group_ingress_rule: {
            i: { security_group_id: 'sg', cidr_ipv4: '10.0.0.0/16', ip_protocol: 'tcp', from_port: 443, to_port: 443 },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: ingress from anywhere', () => {
    expect(
      findingsOf(SgNoOpenIngress, {
        resource: {
          aws_vpc_security_group_ingress_rule: {
            i: { security_group_id: 'sg', cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 22, to_port: 22 },
          },
        },
      }),
    ).toEqual([
      'aws_vpc_security_group_ingress_rule.i: security group admits ingress from the internet (0.0.0.0/0 or ::/0)',
    ]);
  });
});
