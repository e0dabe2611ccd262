/** Caches as the platform writes them, for the ElastiCache rule tests. */
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ServerlessCache } from '../../../../../modules/serverless-cache';
import { testStack } from '../../../../support/stacks';

/** A ServerlessCache in subnets behind a security group. */
export function serverlessCacheStack() {
  const stack = testStack();
  new ServerlessCache(stack, 'cache', {
    cacheName: 'svc-dev-cache',
    description: 'test',
    subnetIds: ['subnet-1', 'subnet-2'],
    securityGroupIds: ['sg-1'],
  });
  return stack;
}

/** A replication group with TLS, a subnet group and security groups. */
export function replicationGroupStack() {
  const stack = testStack();
  new ElasticacheReplicationGroup(stack, 'rg', {
    replicationGroupId: 'rg',
    description: 'test',
    engine: 'valkey',
    transitEncryptionEnabled: true,
    subnetGroupName: 'private',
    securityGroupIds: ['sg-1'],
  });
  return stack;
}
