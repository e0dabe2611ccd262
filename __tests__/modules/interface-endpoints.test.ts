import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { InterfaceEndpoints } from '../../modules/interface-endpoints';
import { Naming } from '../../modules/naming';
import { onlyResource, resourcesOf, testStack } from '../support/stacks';

function build(services: string[]) {
  const stack = testStack();
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
  const subnets = ['10.0.10.0/24', '10.0.11.0/24'].map(
    (cidrBlock, i) => new Subnet(stack, `private-${i}`, { vpcId: vpc.id, cidrBlock }),
  );
  const endpoints = new InterfaceEndpoints(stack, 'endpoints', {
    naming: new Naming('svc', 'dev'),
    region: 'eu-west-1',
    vpc,
    subnets,
    services,
  });
  return { stack, endpoints };
}

describe('InterfaceEndpoints', () => {
  test('one interface endpoint per service in the private subnets, with private DNS and the endpoint group', () => {
    const { stack, endpoints } = build(['secretsmanager', 'ecr.api']);
    const group = Object.keys(resourcesOf(stack, 'aws_security_group'))[0];
    expect(Object.values(resourcesOf(stack, 'aws_vpc_endpoint'))).toEqual([
      expect.objectContaining({
        service_name: 'com.amazonaws.eu-west-1.secretsmanager',
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: ['${aws_subnet.private-0.id}', '${aws_subnet.private-1.id}'],
        security_group_ids: [`\${aws_security_group.${group}.id}`],
        tags: { Name: 'svc-dev-secretsmanager-endpoint' },
      }),
      expect.objectContaining({
        service_name: 'com.amazonaws.eu-west-1.ecr.api',
        tags: { Name: 'svc-dev-ecr-api-endpoint' },
      }),
    ]);
    expect(Object.keys(endpoints.endpoints)).toEqual(['secretsmanager', 'ecr.api']);
    // Construct IDs take no dots: the addresses end in the dashed service name.
    expect(Object.keys(resourcesOf(stack, 'aws_vpc_endpoint'))).toEqual([
      expect.stringMatching(/^endpoints_secretsmanager_/),
      expect.stringMatching(/^endpoints_ecr-api_/),
    ]);
  });

  test('the endpoint group admits HTTPS from the VPC block only', () => {
    const { stack } = build(['sqs']);
    expect(onlyResource(stack, 'aws_security_group')).toMatchObject({ name: 'svc-dev-endpoints' });
    expect(onlyResource(stack, 'aws_vpc_security_group_ingress_rule')).toMatchObject({
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '${aws_vpc.vpc.cidr_block}',
    });
  });

  test('fails when no service is listed', () => {
    expect(() => build([])).toThrow('InterfaceEndpoints services: must list at least one service, got []');
  });

  test('fails when a service is listed twice', () => {
    expect(() => build(['ssm', 'ssm'])).toThrow(
      'InterfaceEndpoints services: must not list a service twice, got "ssm" twice',
    );
  });
});
