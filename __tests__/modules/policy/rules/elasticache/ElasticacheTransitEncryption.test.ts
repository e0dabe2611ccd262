import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { ElasticacheNetworkPlacement } from '../../../../../modules/policy/rules/elasticache/ElasticacheNetworkPlacement';
import { ElasticacheTransitEncryption } from '../../../../../modules/policy/rules/elasticache/ElasticacheTransitEncryption';
import { testStack, violatedRules } from '../../../../support/stacks';
import { replicationGroupStack, serverlessCacheStack } from './fixtures';

const rules = [ElasticacheTransitEncryption, ElasticacheNetworkPlacement];

describe('elasticache-transit-encryption: ' + ElasticacheTransitEncryption.description, () => {
  test('is in the baseline', () => expect(BASELINE_RULES).toContain(ElasticacheTransitEncryption));

  test('compliant: a ServerlessCache in subnets behind a security group passes both ElastiCache rules', () => {
    expect(violatedRules(serverlessCacheStack(), rules)).toEqual([]);
  });

  test('compliant: a replication group with TLS, a subnet group and security groups passes both ElastiCache rules', () => {
    expect(violatedRules(replicationGroupStack(), rules)).toEqual([]);
  });

  test('non-compliant: fails when a replication group does not encrypt in transit', () => {
    const stack = testStack();
    new ElasticacheReplicationGroup(stack, 'rg', {
      replicationGroupId: 'rg',
      description: 'test',
      engine: 'redis',
      subnetGroupName: 'private',
      securityGroupIds: ['sg-1'],
    });
    expect(violatedRules(stack, [ElasticacheTransitEncryption])).toEqual(['elasticache-transit-encryption']);
  });
});
