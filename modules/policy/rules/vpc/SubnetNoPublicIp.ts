import { PolicyRule } from '../../engine';

export const SubnetNoPublicIp: PolicyRule = {
  id: 'subnet-no-public-ip',
  service: 'vpc',
  level: 'error',
  description: 'No subnet assigns public IP addresses on launch; public endpoints use load balancers or NAT.',
  explanation: 'Automatic public IPs put every instance or interface launched in the subnet on the internet.',
  references: { fsbp: 'EC2.15', checkov: 'CKV_AWS_130' },
  check: (stack) =>
    stack
      .resources('aws_subnet')
      .filter((s) => s.config.map_public_ip_on_launch === true)
      .map((s) => ({ resource: s, message: 'subnet has map_public_ip_on_launch = true' })),
};
