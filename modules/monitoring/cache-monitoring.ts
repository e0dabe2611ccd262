/**
 * What the platform watches on an ElastiCache Serverless cache (Valkey or Redis OSS): commands it throttled (the
 * workload grew faster than the cache scales, and clients saw errors) and the data it holds against its configured
 * storage limit (at the limit it evicts keys or refuses writes). Serverless metrics carry the `clusterId` dimension,
 * the cache's name.
 */
import type { MetricSpec } from '../../core/alarm-model';
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Monitoring } from './function-monitoring';

/** ElastiCache counts the storage limit in decimal gigabytes. */
const BYTES_PER_GB = 1_000_000_000;

export interface CacheMonitoringProps {
  /** Name component: alarms are `<prefix>-<name>-throttled` and `<prefix>-<name>-memory`. */
  readonly name: string;
  readonly cacheName: string;
  /** The cache's data storage limit (cache_usage_limits.data_storage.maximum), in GB. */
  readonly maxDataStorageGb: number;
  readonly area: string;
  readonly thresholds: AlarmThresholds['cache'];
}

export function cacheMonitoring(props: CacheMonitoringProps): Monitoring {
  const metric = (metricName: string, statistic: MetricSpec['statistic']): MetricSpec => ({
    namespace: 'AWS/ElastiCache',
    metricName,
    dimensions: { clusterId: props.cacheName },
    statistic,
  });
  const t = props.thresholds;
  const limitBytes = props.maxDataStorageGb * BYTES_PER_GB;
  return {
    resource: {
      kind: 'cache',
      title: props.cacheName,
      area: props.area,
      metrics: [
        metric('BytesUsedForCache', 'Maximum'),
        metric('ElastiCacheProcessingUnits', 'Sum'),
        metric('CacheHitRate', 'Average'),
        metric('ThrottledCmds', 'Sum'),
        metric('CurrConnections', 'Maximum'),
        { ...metric('SuccessfulReadRequestLatency', 'p99'), label: 'Read latency p99 (µs)' },
      ],
    },
    alarms: [
      {
        id: `${props.name}-throttled`,
        summary: `${props.cacheName} throttled more than ${t.errors} commands per period in 3 of 5 minutes: clients got errors.`,
        metric: metric('ThrottledCmds', 'Sum'),
        threshold: t.errors,
        comparison: 'GreaterThanThreshold',
        periodSeconds: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        severity: t.severity,
      },
      {
        id: `${props.name}-memory`,
        summary: `${props.cacheName} holds over ${t.memoryPercent}% of its ${props.maxDataStorageGb} GB data storage limit for 15 minutes.`,
        metric: metric('BytesUsedForCache', 'Maximum'),
        threshold: Math.round((limitBytes * t.memoryPercent) / 100),
        comparison: 'GreaterThanThreshold',
        periodSeconds: 300,
        evaluationPeriods: 3,
        severity: t.severity,
      },
    ],
  };
}
