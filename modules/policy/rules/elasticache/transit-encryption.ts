/**
 * Caches encrypt traffic in transit. Serverless caches accept TLS connections only, so they comply by construction;
 * node-based Valkey or Redis OSS replication groups and clusters must turn it on.
 */
import { PolicyRule } from '../../engine';

const TLS_ENGINES = ['redis', 'valkey'];

export const elasticacheTransitEncryption: PolicyRule = {
  id: 'elasticache-transit-encryption',
  description: 'Every Valkey or Redis OSS cache encrypts connections in transit (serverless caches always do).',
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
