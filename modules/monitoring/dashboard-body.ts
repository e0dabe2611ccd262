/**
 * CloudWatch dashboard bodies generated from what the stacks expose (MonitoringHandles): the watched resources give
 * the metric widgets, grouped by area, and the alarms give threshold annotations on the widget of the metric they
 * watch (an alarm on a statistic or an expression no widget shows gets a widget of its own). A text widget on top
 * links the runbook and the environment's other dashboards. Widgets flow left to right on CloudWatch's 24-column
 * grid, in the order the resources were watched, so the same handles always give the same layout.
 *
 * Pure data: modules/dashboard.ts turns the body into a resource.
 */
import {
  isMetricMath,
  type AlarmDefinition,
  type MetricMathSpec,
  type MetricSpec,
  type WatchedResource,
} from '../../core/alarm-model';

/** CloudWatch's limits on a dashboard body (PutDashboard). */
export const DASHBOARD_LIMITS = {
  /** Widgets in one body. */
  widgets: 500,
  /** Grid columns. */
  columns: 24,
  /** Bytes of the body; 1 MB. */
  bodyBytes: 1_000_000,
  /** Metrics drawn in one graph widget. */
  metricsPerWidget: 100,
} as const;

export const WIDGET_WIDTH = 6;
export const WIDGET_HEIGHT = 6;
const TEXT_HEIGHT = 3;
const HEADER_HEIGHT = 1;

/** An alarm as a dashboard needs it. */
export interface DashboardAlarm {
  readonly alarmName: string;
  readonly definition: AlarmDefinition;
}

export interface DashboardLink {
  readonly title: string;
  readonly name: string;
}

export interface DashboardBodyInput {
  readonly title: string;
  /** Region of the metrics of resources that name none. */
  readonly region: string;
  readonly resources: readonly WatchedResource[];
  readonly alarms: readonly DashboardAlarm[];
  readonly runbookUrl: string;
  /** The environment's other dashboards, linked from the text widget. */
  readonly links: readonly DashboardLink[];
  /** Period of the graphs. @default 300 */
  readonly periodSeconds?: number;
  /** Draw only the metrics an alarm watches (the main dashboard's overview). @default false */
  readonly alarmedOnly?: boolean;
}

type MetricRow = (string | Record<string, unknown>)[];

export interface Widget {
  readonly type: 'metric' | 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

export interface DashboardBody {
  readonly start: string;
  readonly periodOverride: 'inherit' | 'auto';
  readonly widgets: readonly Widget[];
}

/** Same namespace, name and dimensions: the same CloudWatch metric, whatever the statistic. */
export function sameMetric(a: MetricSpec, b: MetricSpec): boolean {
  const dims = (m: MetricSpec) =>
    JSON.stringify(Object.entries(m.dimensions ?? {}).sort(([x], [y]) => x.localeCompare(y)));
  return a.namespace === b.namespace && a.metricName === b.metricName && dims(a) === dims(b);
}

function metricRow(m: MetricSpec, region: string, period: number, extra: Record<string, unknown> = {}): MetricRow {
  const dimensions = Object.entries(m.dimensions ?? {}).flat();
  return [
    m.namespace,
    m.metricName,
    ...dimensions,
    { stat: m.statistic, period: m.periodSeconds ?? period, label: m.label ?? m.metricName, region, ...extra },
  ];
}

function mathRows(math: MetricMathSpec, region: string, period: number): MetricRow[] {
  return [
    [{ expression: math.expression, label: math.label, id: 'result', region }],
    ...Object.entries(math.metrics).map(([id, m]) => metricRow(m, region, period, { id, visible: false })),
  ];
}

function annotation(alarm: DashboardAlarm): Record<string, unknown> {
  return { label: alarm.alarmName, value: alarm.definition.threshold, color: '#d62728' };
}

/** The metrics an alarm watches. */
function alarmMetrics(alarm: DashboardAlarm): MetricSpec[] {
  const m = alarm.definition.metric;
  return isMetricMath(m) ? Object.values(m.metrics) : [m];
}

interface PendingWidget {
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
  readonly type: Widget['type'];
}

/** Places widgets left to right, wrapping at 24 columns; a full-width widget starts a new row. */
function layout(pending: readonly PendingWidget[]): Widget[] {
  const widgets: Widget[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const w of pending) {
    if (x + w.width > DASHBOARD_LIMITS.columns) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    widgets.push({ type: w.type, x, y, width: w.width, height: w.height, properties: w.properties });
    x += w.width;
    rowHeight = Math.max(rowHeight, w.height);
  }
  return widgets;
}

function dashboardUrl(region: string, name: string): string {
  return `https://console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${name}`;
}

export function buildDashboardBody(input: DashboardBodyInput): DashboardBody {
  const period = input.periodSeconds ?? 300;
  const pending: PendingWidget[] = [];
  const links = input.links.map((l) => `[${l.title}](${dashboardUrl(input.region, l.name)})`).join(' · ');
  pending.push({
    type: 'text',
    width: DASHBOARD_LIMITS.columns,
    height: TEXT_HEIGHT,
    properties: {
      markdown: [
        `# ${input.title}`,
        `Generated from the stacks' monitoring handles; edits in the console are overwritten. Runbook: [alerting and on-call](${input.runbookUrl})`,
        links.length > 0 ? `Dashboards: ${links}` : '',
      ]
        .filter((line) => line !== '')
        .join('\n\n'),
    },
  });

  const placed = new Set<DashboardAlarm>();
  const areas = [...new Set(input.resources.map((r) => r.area))];
  for (const area of areas) {
    const widgets: PendingWidget[] = [];
    for (const resource of input.resources.filter((r) => r.area === area)) {
      const region = resource.region ?? input.region;
      const owned = input.alarms.filter((a) =>
        alarmMetrics(a).some((m) => resource.metrics.some((r) => sameMetric(r, m))),
      );
      for (const metric of resource.metrics) {
        const exact = owned.filter((a) => {
          const m = a.definition.metric;
          return !isMetricMath(m) && sameMetric(m, metric) && m.statistic === metric.statistic;
        });
        if (input.alarmedOnly && exact.length === 0) continue;
        exact.forEach((a) => placed.add(a));
        widgets.push(
          graph(
            `${resource.title}: ${metric.label ?? metric.metricName}`,
            [metricRow(metric, region, period)],
            region,
            period,
            exact,
          ),
        );
      }
      // Alarms on an expression, or on a statistic no widget shows, get a widget of their own.
      for (const alarm of owned.filter((a) => !placed.has(a))) {
        placed.add(alarm);
        const m = alarm.definition.metric;
        const rows = isMetricMath(m) ? mathRows(m, region, period) : [metricRow(m, region, period)];
        const label = isMetricMath(m) ? m.label : `${m.metricName} ${m.statistic}`;
        widgets.push(graph(`${resource.title}: ${label}`, rows, region, period, [alarm]));
      }
    }
    if (widgets.length === 0) continue;
    pending.push({
      type: 'text',
      width: DASHBOARD_LIMITS.columns,
      height: HEADER_HEIGHT,
      properties: { markdown: `## ${area}` },
    });
    pending.push(...widgets);
  }

  // CloudWatch refuses a dashboard of more widgets than its limit: a large app shows what fits, and says what does
  // not, rather than failing its synth (every metric still has its alarm, and its area dashboard).
  if (pending.length > DASHBOARD_LIMITS.widgets) {
    const kept = pending.slice(0, DASHBOARD_LIMITS.widgets - 1);
    const omitted = pending.length - kept.length;
    kept.push({
      type: 'text',
      width: DASHBOARD_LIMITS.columns,
      height: HEADER_HEIGHT,
      properties: {
        markdown: `${omitted} more widgets do not fit CloudWatch's limit of ${DASHBOARD_LIMITS.widgets} per dashboard; see the area dashboards and the alarms console.`,
      },
    });
    pending.splice(0, pending.length, ...kept);
  }
  const body: DashboardBody = { start: '-PT6H', periodOverride: 'inherit', widgets: layout(pending) };
  const problems = dashboardBodyProblems(body);
  if (problems.length > 0) throw new Error(`dashboard ${input.title}: ${problems.join('; ')}`);
  return body;
}

function graph(
  title: string,
  metrics: MetricRow[],
  region: string,
  period: number,
  alarms: readonly DashboardAlarm[],
): PendingWidget {
  return {
    type: 'metric',
    width: WIDGET_WIDTH,
    height: WIDGET_HEIGHT,
    properties: {
      title: title.length > 100 ? `${title.slice(0, 99)}…` : title,
      view: 'timeSeries',
      stacked: false,
      region,
      period,
      metrics,
      ...(alarms.length > 0 && { annotations: { horizontal: alarms.map(annotation) } }),
    },
  };
}

/** What CloudWatch would reject in a body, as `<field>: <rule>, got <value>`. */
export function dashboardBodyProblems(body: DashboardBody): string[] {
  const problems: string[] = [];
  if (body.widgets.length > DASHBOARD_LIMITS.widgets) {
    problems.push(`widgets: at most ${DASHBOARD_LIMITS.widgets}, got ${body.widgets.length}`);
  }
  body.widgets.forEach((w, i) => {
    if (w.x < 0 || w.x + w.width > DASHBOARD_LIMITS.columns || w.width < 1) {
      problems.push(
        `widgets[${i}]: x + width must fit ${DASHBOARD_LIMITS.columns} columns, got x ${w.x} width ${w.width}`,
      );
    }
    const metrics = (w.properties.metrics as unknown[] | undefined)?.length ?? 0;
    if (metrics > DASHBOARD_LIMITS.metricsPerWidget) {
      problems.push(`widgets[${i}].metrics: at most ${DASHBOARD_LIMITS.metricsPerWidget}, got ${metrics}`);
    }
  });
  const bytes = Buffer.byteLength(JSON.stringify(body));
  if (bytes > DASHBOARD_LIMITS.bodyBytes)
    problems.push(`body: at most ${DASHBOARD_LIMITS.bodyBytes} bytes, got ${bytes}`);
  return problems;
}
