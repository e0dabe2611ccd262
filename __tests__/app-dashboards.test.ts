/**
 * The dashboards and budgets of every preset, from the synthesized app: every metric a dashboard draws belongs to a
 * resource of the app (a function, queue, table, stream, API... that the app creates, or a custom metric one of its
 * functions or log metric filters publishes), every environment with monitoring has its main, area and group
 * dashboards, and a budget that warns through the warning topic.
 */
import { PRESETS } from '../config/presets';
import { synthPreset } from './support/app';
import { dashboardMetrics, foreignDashboardMetrics, type Json } from './support/dashboard-metrics';

function appOf(preset: string) {
  const app = synthPreset({ preset });
  const stacks: Record<string, Json> = Object.fromEntries(Object.keys(app.dependencies).map((n) => [n, app.json(n)]));
  return { app, stacks };
}

describe.each(Object.keys(PRESETS))('dashboards of %s', (preset) => {
  const { stacks } = appOf(preset);

  test('every metric on a dashboard belongs to a resource of the app', () => {
    const problems = foreignDashboardMetrics(stacks);
    const metrics = dashboardMetrics(stacks);
    expect(problems).toEqual([]);
    expect(metrics.length).toBeGreaterThan(0);
  });

  test('every environment with monitoring has a main dashboard, one per area, and a budget warning through the warning topic', () => {
    for (const [name, json] of Object.entries(stacks).filter(([n]) => n.endsWith('-monitoring'))) {
      const prefix = name.replace(/-monitoring$/, '');
      const dashboards = Object.values((json.resource?.aws_cloudwatch_dashboard ?? {}) as Record<string, Json>);
      const names = dashboards.map((d) => d.dashboard_name);
      expect(names).toContain(`${prefix}-monitoring`);
      const areas = new Set(
        dashboards.flatMap((d) =>
          (JSON.parse(d.dashboard_body).widgets as Json[])
            .filter((w) => w.type === 'text' && String(w.properties.markdown).startsWith('## '))
            .map((w) => String(w.properties.markdown).slice(3)),
        ),
      );
      for (const area of areas) expect(names).toContain(`${prefix}-${area}`);
      const budgets = Object.values((json.resource?.aws_budgets_budget ?? {}) as Record<string, Json>);
      expect(budgets).toHaveLength(1);
      expect(budgets[0].notification.map((n: Json) => [n.notification_type, n.threshold])).toEqual([
        ['FORECASTED', 80],
        ['ACTUAL', 100],
      ]);
      for (const n of budgets[0].notification) expect(n.subscriber_sns_topic_arns[0]).toMatch(/topics_warning/);
    }
  });
});

describe('foreignDashboardMetrics', () => {
  const dashboard = (rows: unknown[][]) => ({
    dashboard_name: 'svc-dev-monitoring',
    dashboard_body: JSON.stringify({ widgets: [{ type: 'metric', properties: { metrics: rows } }] }),
  });
  const stacks = (rows: unknown[][]): Record<string, Json> => ({
    'svc-dev-app': {
      resource: {
        aws_lambda_function: {
          api: { function_name: 'svc-dev-api', environment: { variables: { METRIC_NAMESPACE: 'svc/dev' } } },
        },
      },
    },
    'svc-dev-monitoring': { resource: { aws_cloudwatch_dashboard: { main: dashboard(rows) } } },
  });

  test('accepts metrics of functions of the app and namespaces its functions publish', () => {
    expect(
      foreignDashboardMetrics(
        stacks([
          ['AWS/Lambda', 'Errors', 'FunctionName', 'svc-dev-api', { stat: 'Sum' }],
          ['svc/dev', 'AlertsMalformed', { stat: 'Sum' }],
        ]),
      ),
    ).toEqual([]);
  });

  test('fails on a function, namespace or dimension the app does not have', () => {
    expect(
      foreignDashboardMetrics(
        stacks([
          ['AWS/Lambda', 'Errors', 'FunctionName', 'svc-dev-gone', { stat: 'Sum' }],
          ['other/ns', 'Things', { stat: 'Sum' }],
          ['AWS/EC2', 'CPUUtilization', 'InstanceId', 'i-1', { stat: 'Average' }],
        ]),
      ),
    ).toEqual([
      'svc-dev-monitoring: AWS/Lambda Errors FunctionName=svc-dev-gone is no resource of the app',
      'svc-dev-monitoring: other/ns Things is published by nothing of the app',
      'svc-dev-monitoring: AWS/EC2 CPUUtilization has dimension InstanceId, which the test cannot attribute',
    ]);
  });
});
