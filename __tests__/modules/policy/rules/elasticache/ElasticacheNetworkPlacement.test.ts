import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheServerlessCache } from '@cdktf/provider-aws/lib/elasticache-serverless-cache';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { ElasticacheNetworkPlacement } from '../../../../../modules/policy/rules/elasticache/ElasticacheNetworkPlacement';
import { testStack, violatedRules } from '../../../../support/stacks';
import { replicationGroupStack, serverlessCacheStack } from './fixtures';

describe('elasticache-network-placement: ' + ElasticacheNetworkPlacement.description, () => {
  test('is in the baseline', () => expect(BASELINE_RULES).toContain(ElasticacheNetworkPlacement));

  test('compliant: a ServerlessCache, and a replication group, in subnets behind security groups pass', () => {
    expect(violatedRules(serverlessCacheStack(), [ElasticacheNetworkPlacement])).toEqual([]);
    expect(violatedRules(replicationGroupStack(), [ElasticacheNetworkPlacement])).toEqual([]);
  });

  test('non-compliant: fails when a cache is left to the default VPC and security group', () => {
    const stack = testStack();
    new ElasticacheServerlessCache(stack, 'serverless', { name: 'open', engine: 'valkey' });
    new ElasticacheReplicationGroup(stack, 'rg', {
      replicationGroupId: 'rg',
      description: 'test',
      engine: 'valkey',
      transitEncryptionEnabled: true,
    });
    expect(violatedRules(stack, [ElasticacheNetworkPlacement])).toEqual([
      'elasticache-network-placement',
      'elasticache-network-placement',
    ]);
  });
});
