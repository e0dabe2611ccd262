import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheServerlessCache } from '@cdktf/provider-aws/lib/elasticache-serverless-cache';
import { BASELINE_RULES } from '../../../../modules/policy';
import { elasticacheNetworkPlacement } from '../../../../modules/policy/rules/elasticache/network-placement';
import { elasticacheTransitEncryption } from '../../../../modules/policy/rules/elasticache/transit-encryption';
import { ServerlessCache } from '../../../../modules/serverless-cache';
import { testStack, violatedRules } from '../../../support/stacks';

const rules = [elasticacheTransitEncryption, elasticacheNetworkPlacement];

describe('ElastiCache rules', () => {
  test('are in the baseline', () => {
    for (const rule of rules) expect(BASELINE_RULES).toContain(rule);
  });

  test('a ServerlessCache in subnets behind a security group passes both', () => {
    const stack = testStack();
    new ServerlessCache(stack, 'cache', {
      cacheName: 'svc-dev-cache',
      description: 'test',
      subnetIds: ['subnet-1', 'subnet-2'],
      securityGroupIds: ['sg-1'],
    });
    expect(violatedRules(stack, rules)).toEqual([]);
  });

  test('a replication group with TLS, a subnet group and security groups passes both', () => {
    const stack = testStack();
    new ElasticacheReplicationGroup(stack, 'rg', {
      replicationGroupId: 'rg',
      description: 'test',
      engine: 'valkey',
      transitEncryptionEnabled: true,
      subnetGroupName: 'private',
      securityGroupIds: ['sg-1'],
    });
    expect(violatedRules(stack, rules)).toEqual([]);
  });

  test('fails when a replication group does not encrypt in transit', () => {
    const stack = testStack();
    new ElasticacheReplicationGroup(stack, 'rg', {
      replicationGroupId: 'rg',
      description: 'test',
      engine: 'redis',
      subnetGroupName: 'private',
      securityGroupIds: ['sg-1'],
    });
    expect(violatedRules(stack, [elasticacheTransitEncryption])).toEqual(['elasticache-transit-encryption']);
  });

  test('fails when a cache is left to the default VPC and security group', () => {
    const stack = testStack();
    new ElasticacheServerlessCache(stack, 'serverless', { name: 'open', engine: 'valkey' });
    new ElasticacheReplicationGroup(stack, 'rg', {
      replicationGroupId: 'rg',
      description: 'test',
      engine: 'valkey',
      transitEncryptionEnabled: true,
    });
    expect(violatedRules(stack, [elasticacheNetworkPlacement])).toEqual([
      'elasticache-network-placement',
      'elasticache-network-placement',
    ]);
  });
});
