/**
 * The severity model, end to end, over the whole synthesized app: every alarm of every stack notifies the topic of
 * its severity, and that topic reaches the destinations the model promises (critical: PagerDuty and the on-call
 * email; warning: Slack and the team email; info: Slack only). Cross-stack references are followed through the
 * producing stack's outputs, as Terraform's remote state would.
 */
import { TerraformStack, Testing } from 'cdktf';
import { pagerDutySettings } from '../config/layers/alerting';
import { loadConfig } from '../config/load';
import { PRESETS } from '../config/presets';
import type { PlatformConfig } from '../config/schema';
import { assertCompliant, StackView } from '../modules/policy';
import { stackEnvironment } from '../modules/policy/support/environment';
import { allowSilentAlarm } from '../modules/policy/support/alarms';
import { Severity, SEVERITIES } from '../modules/severity';
import { buildPlatform, PlatformStacks } from '../stacks';
import { AlarmFactory } from '../modules/alarm-factory';
import { GLOBAL_REGION } from '../stacks/base-stack';
import { presetConfig, routed, testAlarm } from './support/alerting';

const ALARM_TYPES = ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'];

interface SynthesizedApp {
  readonly config: PlatformConfig;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly stacks: Readonly<Record<string, any>>;
}

/** As main.ts does: validate, build every stack, run the policy check; then read each stack's configuration. */
function synthesize(preset: string | PlatformConfig, tamper?: (stacks: PlatformStacks) => void): SynthesizedApp {
  const config = typeof preset === 'string' ? loadConfig({ preset }) : preset;
  const app = Testing.app();
  const stacks = buildPlatform(app, config);
  tamper?.(stacks);
  assertCompliant(app);
  const json = Object.fromEntries(
    app.node
      .findAll()
      .filter(TerraformStack.isStack)
      .map((stack) => [stack.node.id, JSON.parse(JSON.stringify(stack.toTerraform()))]),
  );
  return { config, stacks: json };
}

/** A resource (or data source) attribute an expression reads, in the stack that owns it. */
interface Reference {
  readonly stack: string;
  /** `aws_sns_topic` for resources, `data.pagerduty_vendor` for data sources. */
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

const REMOTE_OUTPUT = /^data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\.([^.]+)$/;
const ATTRIBUTE = /^((?:data\.)?[a-z0-9_]+)\.([^.]+)\.([a-z0-9_]+)$/;

/** An alert topic reached by name (severityTopicArns): `arn:<partition>:sns:<region>:<account>:<name>`. */
const TOPIC_BY_NAME =
  /^arn:\$\{data\.aws_partition\.[^}]+\}:sns:([a-z0-9-]+):\$\{data\.aws_caller_identity\.[^}]+\}:([\w-]+)$/;

/** The SNS topic of that name in that region, wherever the app creates it. */
function topicNamed(app: SynthesizedApp, region: string, name: string): Reference | undefined {
  for (const [stack, json] of Object.entries(app.stacks)) {
    const providers = (json.provider?.aws ?? []) as { alias?: string; region?: string }[];
    const regionOf = (provider?: string) =>
      providers.find((p) => (provider === undefined ? p.alias === undefined : `aws.${p.alias}` === provider))?.region;
    for (const [id, topic] of Object.entries(json.resource?.aws_sns_topic ?? {})) {
      const t = topic as { name?: string; provider?: string };
      if (t.name === name && regionOf(t.provider) === region) {
        return { stack, type: 'aws_sns_topic', name: id, attribute: 'arn' };
      }
    }
  }
  return undefined;
}

/**
 * Follows `${...}` through remote state into the producing stack's output, down to the attribute it reads; an alert
 * topic ARN built from its name resolves to the topic of that name and region.
 */
function follow(app: SynthesizedApp, stack: string, expression: unknown): Reference | undefined {
  const byName = typeof expression === 'string' ? TOPIC_BY_NAME.exec(expression) : null;
  if (byName) return topicNamed(app, byName[1], byName[2]);
  const inner = typeof expression === 'string' ? /^\$\{([^{}]+)\}$/.exec(expression)?.[1] : undefined;
  if (inner === undefined) return undefined;
  const remote = REMOTE_OUTPUT.exec(inner);
  if (remote) {
    const [, origin, output] = remote;
    return follow(app, origin, app.stacks[origin]?.output?.[output]?.value);
  }
  const attribute = ATTRIBUTE.exec(inner);
  return attribute ? { stack, type: attribute[1], name: attribute[2], attribute: attribute[3] } : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function configOf(app: SynthesizedApp, ref: Reference): any {
  const [root, type] = ref.type.startsWith('data.') ? ['data', ref.type.slice(5)] : ['resource', ref.type];
  return app.stacks[ref.stack]?.[root]?.[type]?.[ref.name];
}

const same = (a: Reference, b: Reference) => a.stack === b.stack && a.type === b.type && a.name === b.name;

const PAGERDUTY_ENDPOINT =
  /^https:\/\/events(?:\.eu)?\.pagerduty\.com\/integration\/\$\{(pagerduty_service_integration\.[^.]+)\.integration_key\}\/enqueue$/;

type Destination = 'pagerduty' | 'email' | 'slack' | 'unknown';

/** What one subscription reaches, checked down to the PagerDuty escalation policy or the alert processor. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function destinationOf(app: SynthesizedApp, stack: string, subscription: any): Destination {
  if (subscription.protocol === 'email') {
    return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(subscription.endpoint) ? 'email' : 'unknown';
  }
  if (subscription.protocol === 'https') {
    const integrationAddress = PAGERDUTY_ENDPOINT.exec(subscription.endpoint)?.[1];
    if (integrationAddress === undefined) return 'unknown';
    const integration = follow(app, stack, `\${${integrationAddress}.id}`)!;
    const vendor = follow(app, stack, configOf(app, integration)?.vendor);
    const service = follow(app, stack, configOf(app, integration)?.service);
    const policy = service && follow(app, stack, configOf(app, service)?.escalation_policy);
    const reachesPeople =
      vendor?.type === 'data.pagerduty_vendor' &&
      configOf(app, vendor)?.name === 'Amazon CloudWatch' &&
      service?.type === 'pagerduty_service' &&
      policy?.type === 'pagerduty_escalation_policy' &&
      (configOf(app, policy)?.rule ?? []).length > 0;
    return reachesPeople ? 'pagerduty' : 'unknown';
  }
  if (subscription.protocol === 'lambda') {
    const fn = follow(app, stack, subscription.endpoint);
    const config = fn && configOf(app, fn);
    const isProcessor =
      fn?.type === 'aws_lambda_function' &&
      String(config?.function_name).endsWith('-alert-processor') &&
      config?.environment?.variables?.SLACK_WEBHOOK_SECRET_ARN !== undefined;
    return isProcessor ? 'slack' : 'unknown';
  }
  return 'unknown';
}

/** Destinations of a topic, from every subscription of the app that names it. */
function destinationsOf(app: SynthesizedApp, topic: Reference): Destination[] {
  return Object.entries(app.stacks).flatMap(([stack, json]) =>
    Object.values(json.resource?.aws_sns_topic_subscription ?? {}).flatMap((s) => {
      const target = follow(app, stack, (s as { topic_arn: unknown }).topic_arn);
      return target && same(target, topic) ? [destinationOf(app, stack, s)] : [];
    }),
  );
}

interface AlarmRecord {
  readonly stack: string;
  readonly environment?: string;
  readonly name: string;
  readonly severity?: Severity;
  readonly composite: boolean;
}

/** Alarm names a composite rule names. */
function ruleChildren(rule: string): string[] {
  return [...rule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]).sort();
}

function compositesOf(app: SynthesizedApp): { stack: string; environment?: string; name: string; rule: string }[] {
  return Object.entries(app.stacks).flatMap(([stack, json]) =>
    Object.values(json.resource?.aws_cloudwatch_composite_alarm ?? {}).map((c) => {
      const composite = c as { alarm_name: string; alarm_rule: string };
      return {
        stack,
        environment: stackEnvironment(new StackView(stack, json)),
        name: composite.alarm_name,
        rule: composite.alarm_rule,
      };
    }),
  );
}

function alarmsOf(app: SynthesizedApp): AlarmRecord[] {
  return Object.entries(app.stacks).flatMap(([stack, json]) =>
    ALARM_TYPES.flatMap((type) =>
      Object.values(json.resource?.[type] ?? {}).map((a) => {
        const alarm = a as { alarm_name: string; tags?: Record<string, string> };
        return {
          stack,
          environment: stackEnvironment(new StackView(stack, json)),
          name: alarm.alarm_name,
          severity: alarm.tags?.Severity as Severity | undefined,
          composite: type === 'aws_cloudwatch_composite_alarm',
        };
      }),
    ),
  );
}

/** Every way in which an alarm of the app misses the destinations of its severity. */
function routingProblems(app: SynthesizedApp): string[] {
  const problems: string[] = [];
  for (const [stack, json] of Object.entries(app.stacks)) {
    const environment = stackEnvironment(new StackView(stack, json));
    const env = environment === undefined ? undefined : app.config.environments[environment];
    const pagesPeople = env !== undefined && pagerDutySettings(env.alerting, env, app.config.oncall.enabled).enabled;
    for (const type of ALARM_TYPES) {
      for (const [name, a] of Object.entries(json.resource?.[type] ?? {})) {
        const alarm = a as { alarm_actions?: unknown[]; tags?: Record<string, string> };
        const where = `${stack} ${type}.${name}`;
        const severity = alarm.tags?.Severity as Severity | undefined;
        if (severity === undefined || !SEVERITIES.includes(severity)) {
          problems.push(`${where}: no Severity tag (make it with an AlarmFactory)`);
          continue;
        }
        const actions = alarm.alarm_actions ?? [];
        if (actions.length === 0) problems.push(`${where}: ${severity} alarm has no actions`);
        for (const action of actions) {
          const topic = follow(app, stack, action);
          if (topic?.type !== 'aws_sns_topic') {
            problems.push(`${where}: action ${String(action)} is not an SNS topic of the app`);
            continue;
          }
          const topicSeverity = configOf(app, topic)?.tags?.Severity;
          if (topicSeverity !== severity)
            problems.push(`${where}: ${severity} alarm notifies the ${topicSeverity} topic`);
          const reached = [...new Set(destinationsOf(app, topic))].sort();
          const expected: Destination[] =
            severity === 'critical'
              ? pagesPeople
                ? ['email', 'pagerduty', 'slack']
                : ['email', 'slack']
              : severity === 'warning'
                ? ['email', 'slack']
                : ['slack'];
          if (JSON.stringify(reached) !== JSON.stringify(expected)) {
            problems.push(`${where}: ${severity} alarm reaches ${reached.join(', ')}; expected ${expected.join(', ')}`);
          }
        }
      }
    }
  }
  return problems;
}

describe.each(['platform', 'frigg'])('preset %s: the severity model end to end', (preset) => {
  const app = synthesize(preset);
  const alarms = alarmsOf(app);

  test('every environment pages PagerDuty', () => {
    for (const env of Object.values(app.config.environments)) {
      expect(pagerDutySettings(env.alerting, env, app.config.oncall.enabled).enabled).toBe(true);
    }
  });

  test('has at least one alarm of each severity in each environment', () => {
    for (const environment of Object.keys(app.config.environments)) {
      const severities = new Set(alarms.filter((a) => a.environment === environment).map((a) => a.severity));
      expect([...severities].sort()).toEqual([...SEVERITIES].sort());
    }
  });

  test('every critical alarm reaches PagerDuty and email, every warning Slack and email, every info Slack only', () => {
    expect(routingProblems(app)).toEqual([]);
  });

  test('the system-health composite names only per-stack composites, each composing exactly its stack critical alarms', () => {
    for (const environment of Object.keys(app.config.environments)) {
      const prefix = `${app.config.service}-${environment}`;
      const monitoring = app.stacks[`${prefix}-monitoring`];
      const top = Object.values(monitoring.resource.aws_cloudwatch_composite_alarm) as { alarm_rule: string }[];
      expect(top).toHaveLength(1);
      const named = ruleChildren(top[0].alarm_rule);
      const perStack = compositesOf(app).filter(
        (c) => c.environment === environment && c.stack !== `${prefix}-monitoring`,
      );
      expect(named).toEqual(perStack.map((c) => c.name).sort());
      // Each per-stack composite names the critical metric alarms of its own stack, all of them.
      for (const stack of new Set(alarms.filter((a) => a.environment === environment).map((a) => a.stack))) {
        if (stack === `${prefix}-monitoring`) continue;
        const critical = alarms
          .filter((a) => a.stack === stack && a.severity === 'critical' && !a.composite)
          .map((a) => a.name)
          .sort();
        const composed = perStack
          .filter((c) => c.stack === stack)
          .flatMap((c) => ruleChildren(c.rule))
          .sort();
        expect([stack, composed]).toEqual([stack, critical]);
      }
    }
  });

  test('no PagerDuty integration key or Slack webhook appears in the synthesized configuration', () => {
    const text = JSON.stringify(app.stacks);
    expect(text).not.toMatch(/hooks\.slack\.com/);
    for (const m of text.matchAll(/pagerduty\.com\/integration\/(.{2})/g)) expect(m[1]).toBe('${');
    expect(text).not.toMatch(/"integration_key"\s*:/);
    expect(text).not.toMatch(/"token"\s*:/);
  });
});

describe('every preset routes its alarms by severity', () => {
  test.each(Object.keys(PRESETS))('%s', (preset) => {
    expect(routingProblems(synthesize(preset))).toEqual([]);
  });
});

const SILENT_FOR_THE_TEST = 'Deliberately silent, so that the routing check is what catches it.';

describe('the routing check itself', () => {
  test('fails when an alarm has no actions, or notifies the topic of another severity', () => {
    const app = synthesize('platform', (stacks) => {
      const dev = stacks.environments.dev;
      // Suppressed for the policy check (cloudwatch-alarm-actions), so that the routing check is what catches it.
      allowSilentAlarm(
        testAlarm(dev.app!, 'silent', { alarmName: 'platform-dev-silent', tags: routed('critical').tags }),
        SILENT_FOR_THE_TEST,
      );
      testAlarm(dev.app!, 'misrouted', {
        alarmName: 'platform-dev-misrouted',
        ...routed('info', dev.alerting!.topics),
        tags: { Severity: 'critical' },
      });
      allowSilentAlarm(testAlarm(dev.app!, 'untagged', { alarmName: 'platform-dev-untagged' }), SILENT_FOR_THE_TEST);
    });
    expect(routingProblems(app)).toEqual([
      'platform-dev-app aws_cloudwatch_metric_alarm.silent: critical alarm has no actions',
      'platform-dev-app aws_cloudwatch_metric_alarm.misrouted: critical alarm notifies the info topic',
      'platform-dev-app aws_cloudwatch_metric_alarm.misrouted: critical alarm reaches slack; expected email, pagerduty, slack',
      'platform-dev-app aws_cloudwatch_metric_alarm.untagged: no Severity tag (make it with an AlarmFactory)',
    ]);
  });

  test('fails when the critical topic loses its PagerDuty subscription', () => {
    const app = synthesize('frigg');
    const prod = app.stacks['frigg-prod-alerting'];
    delete prod.resource.aws_sns_topic_subscription['critical-pagerduty'];
    expect(routingProblems(app)).toContain(
      'frigg-prod-alerting aws_cloudwatch_metric_alarm.alarms_alert-processor-failures_6715BB08: critical alarm reaches email, slack; expected email, pagerduty, slack',
    );
  });
});

describe('alarms in us-east-1 (an environment elsewhere with the CDN layer)', () => {
  const config = presetConfig('platform', (draft) => {
    draft.region = 'eu-west-1';
  });
  let created: ReturnType<AlarmFactory['addAlarm']> | undefined;
  const app = synthesize(config, (stacks) => {
    const dev = stacks.environments.dev;
    // A stand-in for the first user (the CDN layer): one factory with a us-east-1 target, one critical global alarm.
    const factory = new AlarmFactory(dev.app!, 'global-fixture', {
      naming: dev.app!.naming,
      region: dev.app!.region,
      runbookUrl: 'https://example.com/runbook',
      topics: dev.alerting!.topics,
      global: { provider: dev.app!.awsGlobal, region: GLOBAL_REGION, topics: dev.alerting!.globalTopics },
    });
    created = factory.addAlarm(
      {
        id: 'edge-5xx',
        summary: 'The distribution answers 5xx.',
        metric: {
          namespace: 'AWS/CloudFront',
          metricName: '5xxErrorRate',
          statistic: 'Average',
          dimensions: { Region: 'Global' },
        },
        threshold: 5,
        comparison: 'GreaterThanThreshold',
        severity: 'critical',
      },
      { global: true },
    );
  });
  const alerting = app.stacks['platform-dev-alerting'];
  const alarm = Object.values(app.stacks['platform-dev-app'].resource.aws_cloudwatch_metric_alarm).find(
    (a) => (a as { alarm_name: string }).alarm_name === 'platform-dev-edge-5xx',
  ) as { provider: string; alarm_actions: string[] };

  test('the alerting stack has topics and a key in us-east-1, through its aliased provider', () => {
    const topics = Object.values(alerting.resource.aws_sns_topic) as {
      provider?: string;
      tags: { Severity: string };
    }[];
    expect(
      topics
        .filter((t) => t.provider === 'aws.global')
        .map((t) => t.tags.Severity)
        .sort(),
    ).toEqual([...SEVERITIES].sort());
    expect(Object.values(alerting.resource.aws_kms_key).map((k) => (k as { provider?: string }).provider)).toContain(
      'aws.global',
    );
  });

  test('the alarm lives in us-east-1 and notifies the us-east-1 topic of its severity', () => {
    expect(created?.region).toBe('us-east-1');
    expect(alarm.provider).toBe('aws.global');
    const topic = follow(app, 'platform-dev-app', alarm.alarm_actions[0])!;
    expect(topic).toMatchObject({ stack: 'platform-dev-alerting', type: 'aws_sns_topic' });
    expect(configOf(app, topic)).toMatchObject({ provider: 'aws.global', tags: { Severity: 'critical' } });
  });

  test('that topic reaches the destinations of the regional critical topic: PagerDuty, email and Slack', () => {
    const topic = follow(app, 'platform-dev-app', alarm.alarm_actions[0])!;
    expect([...new Set(destinationsOf(app, topic))].sort()).toEqual(['email', 'pagerduty', 'slack']);
    const globalSubscriptions = Object.values(alerting.resource.aws_sns_topic_subscription).filter(
      (s) => (s as { provider?: string }).provider === 'aws.global',
    );
    expect(globalSubscriptions.length).toBeGreaterThanOrEqual(5);
    expect(routingProblems(app)).toEqual([]);
  });

  test('an environment in us-east-1 reuses its regional topics', () => {
    const stacks = buildPlatform(Testing.app(), loadConfig({ preset: 'platform' }));
    expect(stacks.environments.dev.alerting?.globalTopics).toBe(stacks.environments.dev.alerting?.topics);
  });
});
