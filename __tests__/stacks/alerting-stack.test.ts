import { Testing } from 'cdktf';
import type { PlatformConfig } from '../../config/schema';
import { checkTerraformStack } from '../../modules/policy';
import { AlertingStack, PAGERDUTY_DELIVERY_POLICY } from '../../stacks/alerting-stack';
import { OncallStack } from '../../stacks/oncall-stack';
import { environmentOf, prepareApp, presetConfig } from '../support/alerting';
import type { MutableInput } from '../support/config';
import { resourcesOf, synthJson } from '../support/stacks';
import { SILENT_ALERTING } from '../support/config';

function build(envName = 'dev', options: { preset?: string; change?: (d: MutableInput) => void } = {}) {
  const config: PlatformConfig = presetConfig(options.preset ?? 'platform', options.change);
  const app = Testing.app();
  const oncall = config.oncall.enabled ? new OncallStack(app, { config }) : undefined;
  const stack = new AlertingStack(app, {
    config,
    environment: environmentOf(config, envName),
    escalationPolicy: oncall?.escalationPolicy,
  });
  prepareApp(app);
  return { stack, json: synthJson(stack), oncall };
}

const CRITICAL = '${aws_sns_topic.topics_critical_8EEA22BE.arn}';
const WARNING = '${aws_sns_topic.topics_warning_CA6F9379.arn}';
const INFO = '${aws_sns_topic.topics_info_7BDBA166.arn}';

describe('AlertingStack', () => {
  test('is the per-environment <service>-<env>-alerting stack exposing its topics by severity', () => {
    const { stack } = build();
    expect(stack.stackName).toBe('platform-dev-alerting');
    expect(Object.keys(stack.topics)).toEqual(['critical', 'warning', 'info']);
  });

  test('pins the addresses of its stateful resources', () => {
    const { json } = build();
    expect(Object.keys(json.resource.aws_kms_key)).toEqual(['topics_key_F9067EBE']);
    expect(Object.keys(json.resource.aws_sns_topic)).toEqual([
      'topics_critical_8EEA22BE',
      'topics_warning_CA6F9379',
      'topics_info_7BDBA166',
    ]);
    expect(Object.keys(json.resource.aws_secretsmanager_secret)).toEqual(['slack-webhook']);
    expect(Object.keys(json.resource.pagerduty_service)).toEqual(['pagerduty-service_5CC03B06']);
    expect(Object.keys(json.resource.pagerduty_service_integration)).toEqual(['pagerduty-service_cloudwatch_AB5E37D2']);
    expect(Object.keys(json.resource.aws_sns_topic_subscription)).toEqual([
      'critical-email',
      'warning-email',
      'alert-processor_critical-subscription_FD7CF23A',
      'alert-processor_warning-subscription_8173A43B',
      'alert-processor_info-subscription_A007F4C4',
      'critical-pagerduty',
    ]);
  });

  test('emails the on-call address on critical and the team address on warning, nothing by email on info', () => {
    const subscriptions = Object.values(resourcesOf(build('staging').stack, 'aws_sns_topic_subscription'));
    expect(subscriptions.filter((s) => s.protocol === 'email').map((s) => [s.topic_arn, s.endpoint])).toEqual([
      [CRITICAL, 'staging-alerts@example.com'],
      [WARNING, 'platform-team@example.com'],
    ]);
  });

  test('hangs the PagerDuty service on the oncall escalation policy, across stacks', () => {
    const { json, oncall } = build();
    expect(json.resource.pagerduty_service['pagerduty-service_5CC03B06']).toMatchObject({
      name: 'platform-dev-alerts',
      escalation_policy:
        '${data.terraform_remote_state.cross-stack-reference-input-platform-oncall.outputs.cross-stack-output-pagerduty_escalation_policyescalation-policyid}',
      incident_urgency_rule: { type: 'constant', urgency: 'low' },
    });
    expect(synthJson(oncall!).output).toEqual({
      'cross-stack-output-pagerduty_escalation_policyescalation-policyid': {
        value: '${pagerduty_escalation_policy.escalation-policy.id}',
        sensitive: true,
      },
    });
    expect(json.provider.pagerduty).toEqual([{}]);
  });

  test('pages with high urgency in prod, low elsewhere unless overridden', () => {
    const urgency = (json: ReturnType<typeof build>['json']) =>
      json.resource.pagerduty_service['pagerduty-service_5CC03B06'].incident_urgency_rule.urgency;
    expect(urgency(build('prod').json)).toBe('high');
    expect(urgency(build('staging').json)).toBe('low');
    const overridden = build('staging', {
      change: (d) => {
        d.environments.staging.alerting.pagerDuty = { urgency: 'high' };
      },
    });
    expect(urgency(overridden.json)).toBe('high');
  });

  test('subscribes the critical topic to the CloudWatch integration endpoint over HTTPS, built from its attributes', () => {
    const { json } = build();
    expect(json.resource.aws_sns_topic_subscription['critical-pagerduty']).toMatchObject({
      topic_arn: CRITICAL,
      protocol: 'https',
      endpoint:
        'https://events.pagerduty.com/integration/${pagerduty_service_integration.pagerduty-service_cloudwatch_AB5E37D2.integration_key}/enqueue',
      endpoint_auto_confirms: true,
      redrive_policy: expect.stringMatching(
        /"deadLetterTargetArn":"\$\{aws_sqs_queue\.alert-processor_function_failures_/,
      ),
    });
    expect(JSON.parse(json.resource.aws_sns_topic_subscription['critical-pagerduty'].delivery_policy)).toEqual(
      PAGERDUTY_DELIVERY_POLICY,
    );
    // SNS's default HTTPS policy gives up after three quick retries; this one keeps trying for about half an hour.
    expect(PAGERDUTY_DELIVERY_POLICY.healthyRetryPolicy).toMatchObject({ numRetries: 15, maxDelayTarget: 300 });
    expect(json.resource.pagerduty_service_integration['pagerduty-service_cloudwatch_AB5E37D2']).toMatchObject({
      name: 'Amazon CloudWatch',
      vendor: '${data.pagerduty_vendor.pagerduty-service_cloudwatch-vendor_B84321B0.id}',
    });
    expect(Object.values(json.data.pagerduty_vendor)).toEqual([expect.objectContaining({ name: 'Amazon CloudWatch' })]);
  });

  test('uses the EU events host for an EU PagerDuty account', () => {
    const { json } = build('dev', {
      change: (d) => {
        d.oncall.region = 'eu';
      },
    });
    expect(json.resource.aws_sns_topic_subscription['critical-pagerduty'].endpoint).toMatch(
      /^https:\/\/events\.eu\.pagerduty\.com\/integration\//,
    );
  });

  test('keeps the Slack webhook in a secret with no value in the configuration', () => {
    const { json } = build();
    expect(json.resource.aws_secretsmanager_secret['slack-webhook']).toMatchObject({
      name: 'platform-dev-slack-webhook',
      kms_key_id: '${aws_kms_key.topics_key_F9067EBE.arn}',
    });
    expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/hooks\.slack\.com/);
    expect(text).not.toMatch(/secret_string/);
    expect(json.variable).toBeUndefined();
  });

  test('runs the alert processor on all three topics with the secret and topics it reads', () => {
    const { json } = build();
    const fn = Object.values(json.resource.aws_lambda_function)[0] as { environment: { variables: object } };
    expect(fn.environment.variables).toMatchObject({
      CRITICAL_TOPIC_ARN: CRITICAL,
      WARNING_TOPIC_ARN: WARNING,
      INFO_TOPIC_ARN: INFO,
      SLACK_WEBHOOK_SECRET_ARN: '${aws_secretsmanager_secret.slack-webhook.arn}',
      SERVICE: 'platform',
      ENVIRONMENT: 'dev',
    });
  });

  test('watches its own path with alarms routed by severity, each with a runbook link', () => {
    const { json, stack } = build();
    const alarms = Object.fromEntries(
      Object.values(json.resource.aws_cloudwatch_metric_alarm).map((a) => {
        const alarm = a as { alarm_name: string };
        return [alarm.alarm_name.replace(/^platform-dev-/, ''), a];
      }),
    ) as Record<
      string,
      { alarm_name: string; tags: { Severity: string }; alarm_actions: string[]; ok_actions: string[] }
    >;
    const summary = Object.values(alarms).map((a) => [a.alarm_name, a.tags.Severity, a.alarm_actions, a.ok_actions]);
    expect(summary).toEqual([
      ['platform-dev-alert-processor-errors', 'warning', [WARNING], [WARNING]],
      ['platform-dev-alert-processor-throttles', 'warning', [WARNING], [WARNING]],
      ['platform-dev-alert-processor-duration', 'warning', [WARNING], [WARNING]],
      ['platform-dev-alert-processor-failures', 'critical', [CRITICAL], [CRITICAL]],
      ['platform-dev-critical-deliveries-failed', 'warning', [WARNING], [WARNING]],
      ['platform-dev-malformed-alerts', 'info', [INFO], []],
    ]);
    // Any failed invocation of the processor is worth a warning: a lost alert is invisible to its audience.
    expect(alarms['alert-processor-errors']).toMatchObject({ threshold: 0 });
    expect(alarms['alert-processor-failures']).toMatchObject({
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'platform-dev-alert-processor-failures' },
      alarm_description: expect.stringMatching(
        / Runbook: https:\/\/github\.com\/example-org\/serverless-platform\/blob\/main\/README\.md#alerting-and-on-call$/,
      ),
    });
    expect(alarms['malformed-alerts']).toMatchObject({ namespace: 'platform/dev', metric_name: 'AlertsMalformed' });
    for (const alarm of Object.values(alarms)) {
      expect((alarm as unknown as { alarm_description: string }).alarm_description).toMatch(
        / Runbook: https:\/\/github\.com\/example-org\/serverless-platform\/blob\/main\/README\.md#alerting-and-on-call$/,
      );
    }
    expect((alarms['critical-deliveries-failed'] as unknown as { dimensions: unknown }).dimensions).toEqual({
      TopicName: '${aws_sns_topic.topics_critical_8EEA22BE.name}',
    });
    // Its one critical alarm is composed in this stack, for the monitoring stack to name.
    expect(stack.healthAlarms.map((h) => h.alarmName)).toEqual(['platform-dev-alerting-health']);
  });

  test('needs no us-east-1 topics without alarms there (no CDN layer); elsewhere creates them beside its own', () => {
    const none = build('dev', { change: (d) => void (d.environments.dev.cdn = { enabled: false }) });
    expect(none.stack.globalTopics).toBeUndefined();
    const global = (json: typeof none.json) =>
      Object.values(json.resource.aws_sns_topic).filter((t) => (t as { provider?: string }).provider === 'aws.global');
    expect(global(none.json)).toEqual([]);
    const elsewhere = build('dev', { change: (d) => void (d.region = 'eu-west-1') });
    expect(elsewhere.stack.globalTopics).toBeDefined();
    expect(elsewhere.stack.globalTopics).not.toBe(elsewhere.stack.topics);
    expect(global(elsewhere.json)).toHaveLength(3);
  });

  test('creates the maintenance windows that cover its environment', () => {
    const change = (d: MutableInput) => {
      d.oncall.maintenanceWindows = [
        { description: 'database upgrade', start: '2030-01-01T02:00:00Z', end: '2030-01-01T04:00:00Z' },
        {
          description: 'prod only',
          start: '2030-02-01T02:00:00Z',
          end: '2030-02-01T03:00:00Z',
          environments: ['prod'],
        },
      ];
    };
    const dev = build('dev', { change }).json.resource.pagerduty_maintenance_window;
    expect(Object.values(dev)).toEqual([
      expect.objectContaining({
        description: 'database upgrade',
        start_time: '2030-01-01T02:00:00Z',
        end_time: '2030-01-01T04:00:00Z',
        services: ['${pagerduty_service.pagerduty-service_5CC03B06.id}'],
      }),
    ]);
    const prod = build('prod', { change }).json.resource.pagerduty_maintenance_window;
    expect(Object.values(prod).map((w) => (w as { description: string }).description)).toEqual([
      'database upgrade',
      'prod only',
    ]);
  });

  test('without PagerDuty (no on-call layer) critical alerts go to email and Slack only', () => {
    const { json } = build('prod', { preset: 'concert' });
    expect(json.resource.pagerduty_service).toBeUndefined();
    expect(json.provider.pagerduty).toBeUndefined();
    const critical = Object.values(json.resource.aws_sns_topic_subscription).filter(
      (s) => (s as { topic_arn: string }).topic_arn === CRITICAL,
    );
    expect(critical.map((s) => (s as { protocol: string }).protocol)).toEqual(['email', 'lambda']);
  });

  test('prevents destroying the key, topics, secret and PagerDuty service in prod', () => {
    const { json } = build('prod');
    const protectedResources = [
      json.resource.aws_kms_key.topics_key_F9067EBE,
      json.resource.aws_sns_topic.topics_critical_8EEA22BE,
      json.resource.aws_secretsmanager_secret['slack-webhook'],
      json.resource.pagerduty_service['pagerduty-service_5CC03B06'],
    ];
    for (const resource of protectedResources) expect(resource.lifecycle).toEqual({ prevent_destroy: true });
    // The integration too: a new one would change the endpoint the critical topic delivers to.
    const everyProtected = [
      ...Object.values(json.resource.aws_sns_topic),
      json.resource.pagerduty_service_integration['pagerduty-service_cloudwatch_AB5E37D2'],
    ];
    for (const resource of everyProtected) {
      expect((resource as { lifecycle?: unknown }).lifecycle).toEqual({ prevent_destroy: true });
    }
    expect(build('dev').json.resource.aws_kms_key.topics_key_F9067EBE.lifecycle).toBeUndefined();
  });

  test('passes the policy check in every environment', () => {
    for (const env of ['dev', 'staging', 'prod']) expect(checkTerraformStack(build(env).stack)).toEqual([]);
  });

  test('fails when PagerDuty is on but no escalation policy is given', () => {
    const config = presetConfig('platform');
    expect(() => new AlertingStack(Testing.app(), { config, environment: environmentOf(config, 'dev') })).toThrow(
      "AlertingStack: environments.dev has PagerDuty on, which needs the oncall layer's escalationPolicy",
    );
  });

  test('fails when the environment has alerting off', () => {
    const config = presetConfig('platform', (d) => {
      d.environments.dev.alerting = SILENT_ALERTING;
      d.environments.dev.monitoring = { enabled: false };
    });
    expect(() => new AlertingStack(Testing.app(), { config, environment: environmentOf(config, 'dev') })).toThrow(
      'AlertingStack: environments.dev.alerting.enabled is false',
    );
  });
});
