import { arnRegion, ipv4Cidr, parseCidr } from '../../config/rules';

describe('ipv4Cidr', () => {
  test.each(['10.0.0.0/16', '10.0.1.0/24', '0.0.0.0/0', '192.168.4.128/25'])('accepts %s', (cidr) => {
    expect(ipv4Cidr.safeParse(cidr).success).toBe(true);
  });

  test.each([
    ['10.0.0/16', 'must be an IPv4 CIDR block such as 10.0.0.0/16'],
    ['10.0.0.256/24', 'must be an IPv4 CIDR block such as 10.0.0.0/16'],
    ['10.0.0.0/33', 'must be an IPv4 CIDR block such as 10.0.0.0/16'],
    ['10.0.1.0/16', 'must start at its network address (host bits set)'],
  ])('fails when the CIDR is malformed: %s', (cidr, message) => {
    const result = ipv4Cidr.safeParse(cidr);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(message);
  });

  test('parses the network and prefix', () => {
    expect(parseCidr('10.0.1.0/24')).toEqual({ network: 10 * 2 ** 24 + 256, prefix: 24, aligned: true });
  });
});

test('arnRegion reads the region of an ARN', () => {
  expect(arnRegion('arn:aws:acm:us-east-1:123456789012:certificate/abc')).toBe('us-east-1');
});
