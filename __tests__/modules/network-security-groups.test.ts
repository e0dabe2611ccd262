import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Naming } from '../../modules/naming';
import { NetworkSecurityGroups } from '../../modules/network-security-groups';
import { rulesFor } from '../../modules/policy/rules';
import { resourcesOf, testStack, violatedRules } from '../support/stacks';

function build() {
  const stack = testStack();
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
  const groups = new NetworkSecurityGroups(stack, 'groups', {
    naming: new Naming('svc', 'dev'),
    vpc,
  });
  const ref = (group: 'functions' | 'redshift' | 'cache') => {
    const [name] = Object.entries(resourcesOf(stack, 'aws_security_group')).find(
      ([, g]) => g.name === `svc-dev-${group}`,
    )!;
    return `\${aws_security_group.${name}.id}`;
  };
  const rules = (type: 'ingress' | 'egress') =>
    Object.values(resourcesOf(stack, `aws_vpc_security_group_${type}_rule`)).map((r) => ({
      group: r.security_group_id,
      protocol: r.ip_protocol,
      ports: [r.from_port, r.to_port],
      peer: r.cidr_ipv4 ?? r.referenced_security_group_id,
    }));
  const descriptions = (type: 'ingress' | 'egress') =>
    Object.values(resourcesOf(stack, `aws_vpc_security_group_${type}_rule`)).map((r) => r.description);
  return { stack, groups, ref, rules, descriptions };
}

describe('NetworkSecurityGroups', () => {
  test('creates the function, Redshift and cache groups in the VPC, named by the naming helper', () => {
    const { stack } = build();
    expect(Object.values(resourcesOf(stack, 'aws_security_group')).map((g) => [g.name, g.vpc_id])).toEqual([
      ['svc-dev-functions', '${aws_vpc.vpc.id}'],
      ['svc-dev-redshift', '${aws_vpc.vpc.id}'],
      ['svc-dev-cache', '${aws_vpc.vpc.id}'],
    ]);
  });

  test('Redshift and caches admit their ports from the function group only', () => {
    const { ref, rules, descriptions } = build();
    expect(rules('ingress')).toEqual([
      { group: ref('redshift'), protocol: 'tcp', ports: [5439, 5439], peer: ref('functions') },
      { group: ref('cache'), protocol: 'tcp', ports: [6379, 6380], peer: ref('functions') },
    ]);
    expect(descriptions('ingress')).toEqual([
      'From the function group on 5439',
      'From the function group on 6379-6380',
    ]);
  });

  test('functions may open HTTPS anywhere and the database ports of their groups; Redshift opens HTTPS (S3, Glue) only', () => {
    const { ref, rules, descriptions } = build();
    expect(rules('egress')).toEqual([
      { group: ref('functions'), protocol: 'tcp', ports: [443, 443], peer: '0.0.0.0/0' },
      { group: ref('functions'), protocol: 'tcp', ports: [5439, 5439], peer: ref('redshift') },
      { group: ref('functions'), protocol: 'tcp', ports: [6379, 6380], peer: ref('cache') },
      { group: ref('redshift'), protocol: 'tcp', ports: [443, 443], peer: '0.0.0.0/0' },
    ]);
    expect(descriptions('egress')).toEqual([
      'HTTPS to AWS APIs and third parties',
      'To redshift on 5439',
      'To cache on 6379-6380',
      'S3 (COPY, UNLOAD) and the Glue Data Catalog (Spectrum)',
    ]);
  });

  test('passes the network rules (no ingress from the internet)', () => {
    const { stack } = build();
    expect(
      violatedRules(
        stack,
        rulesFor('vpc').filter((r) => r.id === 'sg-no-open-ingress'),
      ),
    ).toEqual([]);
  });
});
