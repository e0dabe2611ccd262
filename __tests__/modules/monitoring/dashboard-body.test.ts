import type { AlarmDefinition, WatchedResource } from '../../../core/alarm-model';
import { mergeAlarmThresholds } from '../../../core/alarm-thresholds';
import {
  buildDashboardBody,
  DASHBOARD_LIMITS,
  dashboardBodyProblems,
  type DashboardAlarm,
  type DashboardBodyInput,
} from '../../../modules/monitoring/dashboard-body';
import { functionMonitoring } from '../../../modules/monitoring/function-monitoring';
import { queueMonitoring } from '../../../modules/monitoring/queue-monitoring';

const fn = functionMonitoring({
  name: 'api',
  functionName: 'svc-dev-api',
  timeoutSeconds: 10,
  area: 'api',
  thresholds: mergeAlarmThresholds().function,
});
const queue = queueMonitoring({
  name: 'jobs',
  queueName: 'svc-dev-jobs',
  area: 'codegen',
  thresholds: mergeAlarmThresholds().queue,
});
const alarmsOf = (defs: readonly AlarmDefinition[]): DashboardAlarm[] =>
  defs.map((definition) => ({ alarmName: `svc-dev-${definition.id}`, definition }));

const input = (change: Partial<DashboardBodyInput> = {}): DashboardBodyInput => ({
  title: 'svc dev',
  region: 'eu-west-1',
  resources: [fn.resource, queue.resource],
  alarms: alarmsOf([...fn.alarms, ...queue.alarms]),
  runbookUrl: 'https://example.com/runbook',
  links: [{ title: 'api', name: 'svc-dev-api' }],
  ...change,
});

type Widget = ReturnType<typeof buildDashboardBody>['widgets'][number];
const titled = (widgets: readonly Widget[], title: string) => widgets.find((w) => w.properties.title === title);

describe('buildDashboardBody', () => {
  test('starts with a text widget linking the runbook and the other dashboards', () => {
    const [text] = buildDashboardBody(input()).widgets;
    expect(text).toMatchObject({ type: 'text', x: 0, y: 0, width: 24 });
    expect(text.properties.markdown).toContain('[alerting and on-call](https://example.com/runbook)');
    expect(text.properties.markdown).toContain(
      '[api](https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=svc-dev-api)',
    );
  });

  test('groups widgets by area under a header, in the order resources were watched', () => {
    const widgets = buildDashboardBody(input()).widgets;
    const headers = widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown);
    expect(headers.slice(1)).toEqual(['## api', '## codegen']);
    const apiHeader = widgets.findIndex((w) => w.properties.markdown === '## api');
    expect(widgets[apiHeader + 1].properties.title).toBe('svc-dev-api: Invocations');
  });

  test('draws each alarm threshold on the widget of its metric, and gives math alarms a widget of their own', () => {
    const widgets = buildDashboardBody(input()).widgets;
    expect(titled(widgets, 'svc-dev-api: Throttles')?.properties.annotations).toEqual({
      horizontal: [{ label: 'svc-dev-api-throttles', value: 0, color: '#d62728' }],
    });
    // The duration alarm watches Maximum, the widget p99: it gets its own widget with the threshold.
    expect(titled(widgets, 'svc-dev-api: Duration Maximum')?.properties.annotations).toEqual({
      horizontal: [{ label: 'svc-dev-api-duration', value: 8000, color: '#d62728' }],
    });
    const errorRate = titled(widgets, 'svc-dev-api: Error rate (%)')!;
    expect(errorRate.properties.metrics).toEqual([
      [{ expression: '100 * errors / invocations', label: 'Error rate (%)', id: 'result', region: 'eu-west-1' }],
      [
        'AWS/Lambda',
        'Errors',
        'FunctionName',
        'svc-dev-api',
        expect.objectContaining({ id: 'errors', visible: false }),
      ],
      [
        'AWS/Lambda',
        'Invocations',
        'FunctionName',
        'svc-dev-api',
        expect.objectContaining({ id: 'invocations', visible: false }),
      ],
    ]);
    expect(titled(widgets, 'svc-dev-jobs: ApproximateAgeOfOldestMessage')?.properties.annotations).toMatchObject({
      horizontal: [{ label: 'svc-dev-jobs-age', value: 900 }],
    });
  });

  test('lays widgets out on the 24-column grid, four per row, without overlap', () => {
    const widgets = buildDashboardBody(input()).widgets;
    const cells = new Set<string>();
    for (const w of widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
    const graphs = widgets.filter((w) => w.type === 'metric');
    expect(graphs.slice(0, 5).map((w) => [w.x, w.y])).toEqual([
      [0, 4],
      [6, 4],
      [12, 4],
      [18, 4],
      [0, 10],
    ]);
  });

  test('the overview draws only alarmed metrics', () => {
    const titles = buildDashboardBody(input({ alarmedOnly: true }))
      .widgets.filter((w) => w.type === 'metric')
      .map((w) => w.properties.title);
    expect(titles).toEqual([
      'svc-dev-api: Throttles',
      'svc-dev-api: Error rate (%)',
      'svc-dev-api: Duration Maximum',
      'svc-dev-jobs: ApproximateAgeOfOldestMessage',
    ]);
  });

  test('uses the region a resource names (us-east-1 metrics)', () => {
    const global: WatchedResource = { ...queue.resource, region: 'us-east-1' };
    const widgets = buildDashboardBody(input({ resources: [global], alarms: [] })).widgets;
    expect(widgets.filter((w) => w.type === 'metric').every((w) => w.properties.region === 'us-east-1')).toBe(true);
  });

  test('keeps to the widget limit and says how many widgets it left out', () => {
    // 130 queues: a header, 130 area titles and 390 graphs = 522 widgets before the cut.
    const many: WatchedResource[] = Array.from({ length: 130 }, (_, i) => ({ ...queue.resource, title: `q${i}` }));
    const widgets = buildDashboardBody(input({ resources: many, alarms: [] })).widgets;
    expect(widgets).toHaveLength(DASHBOARD_LIMITS.widgets);
    expect(widgets[widgets.length - 1].properties.markdown).toBe(
      `23 more widgets do not fit CloudWatch's limit of ${DASHBOARD_LIMITS.widgets} per dashboard; see the area dashboards and the alarms console.`,
    );
  });

  test('reports widgets off the grid and bodies over the size limit', () => {
    const widget = {
      type: 'text' as const,
      x: 20,
      y: 0,
      width: 6,
      height: 1,
      properties: { markdown: 'x'.repeat(1_000_001) },
    };
    expect(dashboardBodyProblems({ start: '-PT6H', periodOverride: 'inherit', widgets: [widget] })).toEqual([
      'widgets[0]: x + width must fit 24 columns, got x 20 width 6',
      expect.stringMatching(/^body: at most 1000000 bytes, got \d+$/),
    ]);
  });
});
