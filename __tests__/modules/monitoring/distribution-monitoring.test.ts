import { DEFAULT_ALARM_THRESHOLDS } from '../../../core/alarm-thresholds';
import { alarmDefinitionProblems } from '../../../core/alarm-model';
import { distributionMonitoring } from '../../../modules/monitoring/distribution-monitoring';

const props = {
  name: 'web-cdn',
  distributionId: 'E2EXAMPLE',
  title: 'www.example.com (web)',
  area: 'cdn',
  thresholds: DEFAULT_ALARM_THRESHOLDS.distribution,
};

describe('distributionMonitoring', () => {
  test('5xx error rate and p90 origin latency on the distribution, in us-east-1, from the thresholds', () => {
    const { resource, alarms } = distributionMonitoring({ ...props, additionalMetrics: true });
    expect(resource).toMatchObject({ kind: 'distribution', region: 'us-east-1', area: 'cdn' });
    expect(alarms.map((a) => a.id)).toEqual(['web-cdn-5xx-rate', 'web-cdn-origin-latency']);
    expect(alarms[0]).toMatchObject({
      metric: {
        namespace: 'AWS/CloudFront',
        metricName: '5xxErrorRate',
        dimensions: { DistributionId: 'E2EXAMPLE', Region: 'Global' },
        statistic: 'Average',
      },
      threshold: DEFAULT_ALARM_THRESHOLDS.distribution.serverErrorRatePercent,
      comparison: 'GreaterThanThreshold',
      severity: DEFAULT_ALARM_THRESHOLDS.distribution.severity,
    });
    expect(alarms[1]).toMatchObject({
      metric: { metricName: 'OriginLatency', statistic: 'p90' },
      threshold: DEFAULT_ALARM_THRESHOLDS.distribution.originLatencyMs,
    });
    for (const alarm of alarms) expect(alarmDefinitionProblems(alarm)).toEqual([]);
  });

  test('without the additional metrics subscription there is no origin latency to alarm on', () => {
    const { resource, alarms } = distributionMonitoring({ ...props, additionalMetrics: false });
    expect(alarms.map((a) => a.id)).toEqual(['web-cdn-5xx-rate']);
    expect(resource.metrics.map((m) => m.metricName)).not.toContain('OriginLatency');
  });

  test('overridden thresholds are used', () => {
    const { alarms } = distributionMonitoring({
      ...props,
      additionalMetrics: true,
      thresholds: { serverErrorRatePercent: 2, originLatencyMs: 800, severity: 'critical' },
    });
    expect(alarms.map((a) => [a.threshold, a.severity])).toEqual([
      [2, 'critical'],
      [800, 'critical'],
    ]);
  });
});
