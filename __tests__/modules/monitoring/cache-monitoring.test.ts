import { mergeAlarmThresholds } from '../../../core/alarm-thresholds';
import { cacheMonitoring } from '../../../modules/monitoring/cache-monitoring';

describe('cacheMonitoring', () => {
  const { resource, alarms } = cacheMonitoring({
    name: 'templates-cache',
    cacheName: 'svc-dev-templates',
    maxDataStorageGb: 2,
    area: 'codegen',
    thresholds: mergeAlarmThresholds({ cache: { memoryPercent: 75 } }).cache,
  });

  test('watches the serverless metrics by clusterId', () => {
    expect(resource).toMatchObject({ kind: 'cache', title: 'svc-dev-templates', area: 'codegen' });
    for (const m of resource.metrics)
      expect(m).toMatchObject({ namespace: 'AWS/ElastiCache', dimensions: { clusterId: 'svc-dev-templates' } });
  });

  test('alarms on throttled commands and on memory against the storage limit', () => {
    expect(alarms.map((a) => a.id)).toEqual(['templates-cache-throttled', 'templates-cache-memory']);
    expect(alarms[0]).toMatchObject({ metric: { metricName: 'ThrottledCmds', statistic: 'Sum' }, threshold: 0 });
    expect(alarms[1]).toMatchObject({
      metric: { metricName: 'BytesUsedForCache', statistic: 'Maximum' },
      threshold: 1_500_000_000,
      comparison: 'GreaterThanThreshold',
    });
  });
});
