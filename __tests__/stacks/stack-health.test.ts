/**
 * Composites never block a change: each stack composes its own critical alarms, and the environment's
 * system-health composite names only the per-stack composites. Removing a function removes its alarms from its own
 * stack's composite (updated before the alarms are destroyed, in the same apply) and changes no other stack.
 */
import { validateConfig } from '../../config/load';
import { CLOUDWATCH_LIMITS } from '../../core/alarm-model';
import { PRESETS } from '../../config/presets';
import { synthesizeConfig } from '../support/app';
import type { MutableInput } from '../support/config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function prodOnly(change?: (draft: MutableInput) => void) {
  const draft = structuredClone(PRESETS.platform) as MutableInput;
  for (const name of Object.keys(draft.environments)) if (name !== 'prod') delete draft.environments[name];
  change?.(draft);
  return synthesizeConfig(validateConfig(draft));
}

/** Every composite of the synthesized app that names `alarmName`, as `<stack>/<composite>`. */
function compositesNaming(app: ReturnType<typeof prodOnly>, alarmName: string): string[] {
  return Object.keys(app.dependencies).flatMap((stack) =>
    Object.values((app.json(stack).resource?.aws_cloudwatch_composite_alarm ?? {}) as Record<string, Json>)
      .filter((c) => (c.alarm_rule as string).includes(`ALARM("${alarmName}")`))
      .map((c) => `${stack}/${c.alarm_name}`),
  );
}

const alarmNames = (json: Json) =>
  Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {}).map((a) => (a as { alarm_name: string }).alarm_name);

/**
 * A stack's JSON without its dashboards: a dashboard draws every function of the environment, so it is redrawn when
 * one goes, but CloudWatch never refuses to delete an alarm a dashboard shows, so dashboards cannot block a change.
 */
function withoutDashboards(json: Json): Json {
  const copy = structuredClone(json);
  if (copy.resource) delete copy.resource.aws_cloudwatch_dashboard;
  return copy;
}

describe('removing a function from a preset', () => {
  const before = prodOnly();
  const after = prodOnly((draft) => {
    const app = draft.environments.prod.app as Json;
    delete app.functions.renderer;
    app.functions.api.invokes = [];
  });
  const lost = 'platform-prod-renderer-errors';

  test('the alarm it loses was critical and named only by its own stack’s composite', () => {
    const alarm = Object.values(before.json('platform-prod-app').resource.aws_cloudwatch_metric_alarm).find(
      (a) => (a as { alarm_name: string }).alarm_name === lost,
    ) as Json;
    expect(alarm.tags.Severity).toBe('critical');
    expect(compositesNaming(before, lost)).toEqual(['platform-prod-app/platform-prod-app-health']);
  });

  test('afterwards the alarm is gone and no composite anywhere names it', () => {
    expect(alarmNames(after.json('platform-prod-app'))).not.toContain(lost);
    expect(compositesNaming(after, lost)).toEqual([]);
  });

  test('no other stack changes its alarms or composites', () => {
    const alarmsOf = (json: Json) => ({
      alarms: json.resource?.aws_cloudwatch_metric_alarm ?? {},
      composites: json.resource?.aws_cloudwatch_composite_alarm ?? {},
    });
    // The registry goes with its only image function: it owned no alarm.
    expect(Object.keys(after.dependencies)).not.toContain('platform-prod-registry');
    expect(alarmsOf(before.json('platform-prod-registry'))).toEqual({ alarms: {}, composites: {} });
    for (const stack of Object.keys(after.dependencies)) {
      if (stack === 'platform-prod-app') continue;
      expect([stack, alarmsOf(after.json(stack))]).toEqual([stack, alarmsOf(before.json(stack))]);
    }
  });

  test('the other layers synthesize identically, but for what watches every function', () => {
    // The registry goes with the function's image repository, the observability stack loses its log metric filters and error
    // subscription, and the monitoring stack redraws its dashboards (next test): none of them names its alarms.
    const watchers = ['platform-prod-app', 'platform-prod-registry', 'platform-prod-observability'];
    for (const stack of Object.keys(before.dependencies)) {
      if (watchers.includes(stack)) continue;
      expect([stack, withoutDashboards(after.json(stack))]).toEqual([stack, withoutDashboards(before.json(stack))]);
    }
  });

  test('the monitoring stack only redraws its dashboards without the function', () => {
    const dashboards = (app: ReturnType<typeof prodOnly>) =>
      JSON.stringify(app.json('platform-prod-monitoring').resource.aws_cloudwatch_dashboard);
    expect(dashboards(before)).toContain('platform-prod-renderer');
    expect(dashboards(after)).not.toContain('platform-prod-renderer');
  });
});

describe('a large preset', () => {
  // Enough production functions (each with a critical error alarm) for the app stack to need chunk composites.
  const count = 2 * CLOUDWATCH_LIMITS.compositeChildren + 10;
  const app = prodOnly((draft) => {
    const layer = draft.environments.prod.app as Json;
    for (let i = 0; i < count; i++) {
      layer.functions[`fn-${i}`] = { code: { type: 'artifact', key: `functions/fn-${i}/1.0.0.zip` } };
    }
  });
  const composites = Object.keys(app.dependencies).flatMap((stack) =>
    Object.values((app.json(stack).resource?.aws_cloudwatch_composite_alarm ?? {}) as Record<string, Json>).map(
      (c) => ({
        stack,
        name: c.alarm_name as string,
        children: [...(c.alarm_rule as string).matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]),
      }),
    ),
  );

  test(`no composite names more than ${CLOUDWATCH_LIMITS.compositeChildren} alarms`, () => {
    expect(composites.length).toBeGreaterThan(3);
    for (const c of composites)
      expect([c.name, c.children.length <= CLOUDWATCH_LIMITS.compositeChildren]).toEqual([c.name, true]);
  });

  test('the app stack chunks its critical alarms, and the system-health composite still names one composite per stack', () => {
    const appHealth = composites.find((c) => c.name === 'platform-prod-app-health')!;
    expect(appHealth.children).toEqual([
      'platform-prod-app-health-1',
      'platform-prod-app-health-2',
      'platform-prod-app-health-3',
    ]);
    const chunked = composites.filter((c) => /^platform-prod-app-health-\d$/.test(c.name)).flatMap((c) => c.children);
    expect(chunked).toHaveLength(new Set(chunked).size);
    for (let i = 0; i < count; i++) expect(chunked).toContain(`platform-prod-fn-${i}-errors`);
    const top = composites.find((c) => c.name === 'platform-prod-system-health')!;
    expect(top.children).toContain('platform-prod-app-health');
    expect(top.children.every((name) => name.endsWith('-health'))).toBe(true);
  });
});
