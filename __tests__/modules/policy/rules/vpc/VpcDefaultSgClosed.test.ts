import { VpcDefaultSgClosed } from '../../../../../modules/policy/rules/vpc/VpcDefaultSgClosed';
import { findingsOf } from '../../../../support/policy-rules';

describe('vpc-default-sg-closed: ' + VpcDefaultSgClosed.description, () => {
  test('compliant: default group managed with no rules', () => {
    expect(
      findingsOf(VpcDefaultSgClosed, {
        resource: {
          aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
          aws_default_security_group: { d: { vpc_id: '${aws_vpc.v.id}' } },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: default group with an ingress rule', () => {
    expect(
      findingsOf(VpcDefaultSgClosed, {
        resource: {
          aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
          aws_default_security_group: {
            d: { vpc_id: '${aws_vpc.v.id}', ingress: [{ protocol: '-1', self: true, from_port: 0, to_port: 0 }] },
          },
        },
      }),
    ).toEqual(['aws_vpc.v: the default security group has rules; it must have none']);
  });
});
