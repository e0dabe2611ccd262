/**
 * Caches live in the VPC's subnets behind a security group of their own, never in the default VPC with its default
 * group: a serverless cache names its subnets and security groups, a node-based cache its subnet group and groups.
 */
import { Finding, PolicyRule } from '../../engine';

const nonEmptyList = (value: unknown): boolean =>
  (Array.isArray(value) && value.length > 0) || (typeof value === 'string' && value.startsWith('${'));

export const ElasticacheNetworkPlacement: PolicyRule = {
  id: 'elasticache-network-placement',
  service: 'elasticache',
  level: 'error',
  description: 'Every cache is placed in chosen subnets with its own security groups.',
  explanation:
    'A cache in the default VPC behind the default security group is reachable from everything else placed there, with no rules chosen for it.',
  references: { fsbp: 'ElastiCache.7', cdkNag: 'AwsSolutions-AEC1' },
  check: (stack) => [
    ...stack
      .resources('aws_elasticache_serverless_cache')
      .filter((c) => !nonEmptyList(c.config.subnet_ids) || !nonEmptyList(c.config.security_group_ids))
      .map(
        (c): Finding => ({
          resource: c,
          message: 'serverless cache does not name its subnet_ids and security_group_ids',
        }),
      ),
    ...[
      ...stack.resources('aws_elasticache_replication_group'),
      // Members of a replication group take their placement from the group.
      ...stack.resources('aws_elasticache_cluster').filter((c) => c.config.replication_group_id === undefined),
    ]
      .filter((c) => typeof c.config.subnet_group_name !== 'string' || !nonEmptyList(c.config.security_group_ids))
      .map(
        (c): Finding => ({ resource: c, message: 'cache does not name its subnet_group_name and security_group_ids' }),
      ),
  ],
};
