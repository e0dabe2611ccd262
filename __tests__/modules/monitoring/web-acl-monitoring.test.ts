import { alarmDefinitionProblems } from '../../../core/alarm-model';
import { DEFAULT_ALARM_THRESHOLDS } from '../../../core/alarm-thresholds';
import { webAclMonitoring } from '../../../modules/monitoring/web-acl-monitoring';

const props = { name: 'cdn-waf', webAclName: 'svc-prod-cdn', area: 'cdn', thresholds: DEFAULT_ALARM_THRESHOLDS.webAcl };

describe('webAclMonitoring', () => {
  test('block mode alarms on a spike of blocked requests over 5 minutes, in us-east-1', () => {
    const { resource, alarms } = webAclMonitoring({ ...props, mode: 'block' });
    expect(resource).toMatchObject({ kind: 'webAcl', title: 'svc-prod-cdn', region: 'us-east-1' });
    expect(alarms).toEqual([
      expect.objectContaining({
        id: 'cdn-waf-blocked',
        metric: {
          namespace: 'AWS/WAFV2',
          metricName: 'BlockedRequests',
          dimensions: { WebACL: 'svc-prod-cdn', Rule: 'ALL' },
          statistic: 'Sum',
        },
        threshold: DEFAULT_ALARM_THRESHOLDS.webAcl.blockedRequests,
        periodSeconds: 300,
      }),
    ]);
    expect(alarmDefinitionProblems(alarms[0])).toEqual([]);
  });

  test('count mode watches what the rules would have blocked', () => {
    const { alarms } = webAclMonitoring({ ...props, mode: 'count' });
    expect(alarms.map((a) => [a.id, (a.metric as { metricName: string }).metricName])).toEqual([
      ['cdn-waf-counted', 'CountedRequests'],
    ]);
  });
});
