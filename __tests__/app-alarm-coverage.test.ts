/**
 * Coverage of the alarm model over the whole synthesized app, every preset: each resource of a monitorable type has
 * at least one alarm with an action whose metric names it (by dimension). A resource nobody would hear about fails.
 */
import { TerraformStack, Testing } from 'cdktf';
import { loadConfig } from '../config/load';
import { PRESETS } from '../config/presets';
import { assertCompliant } from '../modules/policy';
import { buildPlatform } from '../stacks';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Stacks = Readonly<Record<string, Json>>;

/** Monitorable resource types, with the attribute their metrics' dimensions carry (literal or as a reference). */
const MONITORABLE: Readonly<Record<string, string>> = {
  aws_lambda_function: 'function_name',
  aws_sqs_queue: 'name',
  aws_kinesis_stream: 'name',
  aws_dynamodb_table: 'name',
  aws_apigatewayv2_api: 'id',
  aws_api_gateway_rest_api: 'name',
  aws_nat_gateway: 'id',
  aws_redshiftserverless_workgroup: 'workgroup_name',
};

function synthesize(preset: string): Stacks {
  const app = Testing.app();
  buildPlatform(app, loadConfig({ preset }));
  assertCompliant(app);
  return Object.fromEntries(
    app.node
      .findAll()
      .filter(TerraformStack.isStack)
      .map((stack) => [stack.node.id, JSON.parse(JSON.stringify(stack.toTerraform()))]),
  );
}

/** Dimension values of every alarm of a stack that notifies someone. */
function watchedValues(json: Json): Set<string> {
  const values = new Set<string>();
  for (const alarm of Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {}) as Json[]) {
    if ((alarm.alarm_actions ?? []).length === 0) continue;
    const dimensions = [alarm.dimensions, ...(alarm.metric_query ?? []).map((q: Json) => q.metric?.dimensions)];
    for (const d of dimensions) for (const v of Object.values(d ?? {})) values.add(String(v));
  }
  return values;
}

/** `<stack> <type>.<name>` of every monitorable resource without an alarm with an action. */
function unwatchedResources(stacks: Stacks): string[] {
  const problems: string[] = [];
  for (const [stack, json] of Object.entries(stacks)) {
    const watched = watchedValues(json);
    for (const [type, attribute] of Object.entries(MONITORABLE)) {
      for (const [name, config] of Object.entries((json.resource?.[type] ?? {}) as Record<string, Json>)) {
        const identities = [`\${${type}.${name}.${attribute}}`, config[attribute]].filter((v) => v !== undefined);
        if (!identities.some((v) => watched.has(String(v)))) problems.push(`${stack} ${type}.${name}`);
      }
    }
  }
  return problems;
}

describe('every monitorable resource has an alarm with an action', () => {
  test.each(Object.keys(PRESETS))('%s', (preset) => {
    const stacks = synthesize(preset);
    const count = Object.values(stacks).reduce(
      (n, json) => n + Object.keys(MONITORABLE).reduce((m, t) => m + Object.keys(json.resource?.[t] ?? {}).length, 0),
      0,
    );
    expect(count).toBeGreaterThan(0);
    expect(unwatchedResources(stacks)).toEqual([]);
  });
});

describe('the coverage check itself', () => {
  const stacks = synthesize('platform');
  const alarmsOf = (copy: Json, stack: string) =>
    copy[stack].resource.aws_cloudwatch_metric_alarm as Record<string, Json>;
  const byName = (copy: Json, stack: string, alarmName: string) =>
    Object.keys(alarmsOf(copy, stack)).find((k) => alarmsOf(copy, stack)[k].alarm_name === alarmName)!;

  test('fails when the only alarm of a jobs failure queue is deleted', () => {
    const copy = structuredClone(stacks);
    const key = byName(copy, 'platform-dev-jobs', 'platform-dev-session-maintenance-failures-messages');
    delete alarmsOf(copy, 'platform-dev-jobs')[key];
    expect(unwatchedResources(copy)).toEqual([
      expect.stringMatching(/^platform-dev-jobs aws_sqs_queue\.function-session-maintenance_failures_/),
    ]);
  });

  test('fails when the alarms of a NAT gateway lose their actions', () => {
    const copy = structuredClone(stacks);
    for (const alarm of Object.values(alarmsOf(copy, 'platform-dev-network'))) {
      if (String(alarm.alarm_name).startsWith('platform-dev-nat-1-')) alarm.alarm_actions = [];
    }
    expect(unwatchedResources(copy)).toEqual([expect.stringMatching(/^platform-dev-network aws_nat_gateway\./)]);
  });

  test('fails when every alarm of a Kinesis stream is deleted', () => {
    const copy = structuredClone(stacks);
    for (const [key, alarm] of Object.entries(alarmsOf(copy, 'platform-dev-data'))) {
      if (String(alarm.alarm_name).startsWith('platform-dev-events-stream-'))
        delete alarmsOf(copy, 'platform-dev-data')[key];
    }
    expect(unwatchedResources(copy)).toEqual([expect.stringMatching(/^platform-dev-data aws_kinesis_stream\./)]);
  });
});
