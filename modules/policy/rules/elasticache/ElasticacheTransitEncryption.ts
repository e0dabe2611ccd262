/**
 * Caches encrypt traffic in transit. Serverless caches accept TLS connections only, so they comply by construction;
 * node-based Valkey or Redis OSS replication groups and clusters must turn it on.
 */
import { PolicyRule } from '../../engine';

const TLS_ENGINES = ['redis', 'valkey'];

export const ElasticacheTransitEncryption: PolicyRule = {
  id: 'elasticache-transit-encryption',
  service: 'elasticache',
  level: 'error',
  description: 'Every Valkey or Redis OSS cache encrypts connections in transit (serverless caches always do).',
  explanation:
    'Without TLS, cached data and AUTH tokens cross the network in plain text, readable by anything that can observe the VPC traffic.',
  references: { fsbp: 'ElastiCache.5', checkov: 'CKV_AWS_30' },
  check: (stack) =>
    [
      ...stack.resources('aws_elasticache_replication_group'),
      ...stack
        .resources('aws_elasticache_cluster')
        .filter((c) => c.config.replication_group_id === undefined && TLS_ENGINES.includes(String(c.config.engine))),
    ]
      .filter((c) => c.config.transit_encryption_enabled !== true)
      .map((c) => ({ resource: c, message: 'cache does not have transit_encryption_enabled = true' })),
};
