import { SubnetNoPublicIp } from '../../../../../modules/policy/rules/vpc/SubnetNoPublicIp';
import { findingsOf } from '../../../../support/policy-rules';

describe('subnet-no-public-ip: ' + SubnetNoPublicIp.description, () => {
  test('compliant: no public IPs on launch', () => {
    expect(findingsOf(SubnetNoPublicIp, { resource: { aws_subnet: { s: { cidr_block: '10.0.1.0/24' } } } })).toEqual(
      [],
    );
  });

  test('non-compliant: public IPs on launch', () => {
    expect(
      findingsOf(SubnetNoPublicIp, {
        resource: { aws_subnet: { s: { cidr_block: '10.0.1.0/24', map_public_ip_on_launch: true } } },
      }),
    ).toEqual(['aws_subnet.s: subnet has map_public_ip_on_launch = true']);
  });
});
