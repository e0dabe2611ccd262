/**
 * alerting (per environment): where every alarm of the environment sends its notifications, by severity.
 *
 * Provisions: the critical, warning and info SNS topics under a customer-managed KMS key that CloudWatch,
 * EventBridge and CodeStar notifications may use; email subscriptions (on-call address to critical, team address to
 * warning); the environment's PagerDuty service with its CloudWatch integration, subscribed to the critical topic,
 * and the configured maintenance windows; the Slack webhook secret (value set out of band); the alert processor
 * subscribed to all three topics; and alarms on the alerting path itself. When the environment has alarms in
 * us-east-1 (`needsGlobalAlarms`) and lives elsewhere, the same three topics, key and subscriptions there too.
 * Consumes: the oncall stack's escalation policy (when PagerDuty is on), the environment's alerting settings.
 * Exposes: the topics by severity and their us-east-1 counterparts (AlertingHandles `topics`, `globalTopics`), to which every layer's AlarmFactory routes its alarms; its own
 * alarms and health composite (MonitoringHandles).
 *
 * It deploys before the layers whose alarms use its topics; the environment's system-health composite over the
 * layers' health composites lives in the monitoring stack, which deploys after them.
 */
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { EscalationPolicy } from '@cdktf/provider-pagerduty/lib/escalation-policy';
import { MaintenanceWindow } from '@cdktf/provider-pagerduty/lib/maintenance-window';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { needsGlobalAlarms, pagerDutySettings } from '../config/layers/alerting';
import { pagerDutyEventsHost, windowCoversEnvironment } from '../config/layers/oncall';
import type { Environment, PlatformConfig } from '../config/schema';
import { AlertProcessor, GLOBAL_REDRIVE_REASON } from '../modules/alert-processor';
import { suppressPolicy } from '../modules/policy';
import { SnsSubscriptionRedrive } from '../modules/policy/rules/sns/SnsSubscriptionRedrive';
import { nodeFunctionMonitoring } from '../modules/monitoring/node-function-monitoring';
import { PagerdutyService } from '../modules/pagerduty-service';
import type { AlertTopics, Severity } from '../modules/severity';
import { SeverityTopics } from '../modules/severity-topics';
import { GLOBAL_REGION } from './base-stack';
import { MonitoredStack } from './monitored-stack';
import type { AlertingHandles } from './layer-handles';
import { pagerdutyProvider } from './oncall-stack';

export interface AlertingStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /**
   * The oncall layer's escalation policy, for the environment's PagerDuty service.
   * @default none: required when the environment's PagerDuty service is on
   */
  readonly escalationPolicy?: EscalationPolicy;
}

/**
 * SNS retries deliveries to PagerDuty for about half an hour before giving up (its default HTTPS policy gives up
 * after three quick retries); the deliveries-failed alarm then tells the team by email.
 */
export const PAGERDUTY_DELIVERY_POLICY = {
  healthyRetryPolicy: {
    minDelayTarget: 5,
    maxDelayTarget: 300,
    numRetries: 15,
    numNoDelayRetries: 1,
    numMinDelayRetries: 2,
    numMaxDelayRetries: 4,
    backoffFunction: 'exponential',
  },
};

export class AlertingStack extends MonitoredStack implements AlertingHandles {
  readonly topics: AlertTopics;
  readonly key: KmsKey;
  /** The us-east-1 topics (AlertingHandles.globalTopics), when the environment needs them (`needsGlobalAlarms`). */
  readonly globalTopics?: AlertTopics;
  /** Their key, when they are not the regional topics. */
  readonly globalKey?: KmsKey;
  readonly slackWebhook: SecretsmanagerSecret;
  readonly processor: AlertProcessor;
  /** The environment's PagerDuty service, when PagerDuty is on. */
  readonly pagerduty?: PagerdutyService;

  constructor(scope: Construct, props: AlertingStackProps) {
    super(scope, { ...props, layer: 'alerting', runbookSection: 'alerting-and-on-call' });
    const { config, environment: env } = props;
    const alerting = env.alerting;
    if (!alerting.enabled) throw new Error(`AlertingStack: environments.${env.name}.alerting.enabled is false`);
    const protect = env.protectStatefulResources;
    const lifecycle = protect ? { preventDestroy: true } : undefined;

    const topics = new SeverityTopics(this, 'topics', { naming: this.naming, region: this.region, protect });
    this.topics = topics.topics;
    this.key = topics.key;
    // Alarms on us-east-1-only metrics notify topics there; an environment in us-east-1 has them already.
    if (needsGlobalAlarms(env)) {
      if (this.region === GLOBAL_REGION) {
        this.globalTopics = this.topics;
      } else {
        const global = new SeverityTopics(this, 'global-topics', {
          naming: this.naming,
          region: GLOBAL_REGION,
          protect,
          provider: this.awsGlobal,
        });
        this.globalTopics = global.topics;
        this.globalKey = global.key;
      }
    }
    // The same destinations for both sets of topics, so that the severity route does not depend on the region.
    const topicSets = [
      { topics: this.topics, idPrefix: '', provider: undefined },
      ...(this.globalKey ? [{ topics: this.globalTopics!, idPrefix: 'global-', provider: this.awsGlobal }] : []),
    ];

    for (const set of topicSets) {
      this.subscribeEmail(set, 'critical', alerting.criticalAlertEmail);
      this.subscribeEmail(set, 'warning', alerting.teamNotificationEmail);
    }

    const pagerDuty = pagerDutySettings(alerting, env, config.oncall.enabled);
    if (pagerDuty.enabled) {
      if (!config.oncall.enabled || props.escalationPolicy === undefined) {
        throw new Error(
          `AlertingStack: environments.${env.name} has PagerDuty on, which needs the oncall layer's escalationPolicy`,
        );
      }
      pagerdutyProvider(this, config.oncall);
      const pagerduty = new PagerdutyService(this, 'pagerduty-service', {
        name: this.naming.name('alerts'),
        description: `CloudWatch alarms of ${config.service} ${env.name} (critical topic)`,
        escalationPolicyId: props.escalationPolicy.id,
        urgency: pagerDuty.urgency,
        eventsHost: pagerDutyEventsHost(config.oncall.region),
        protect,
      });
      this.pagerduty = pagerduty;
      config.oncall.maintenanceWindows
        .filter((w) => windowCoversEnvironment(w, env.name))
        .forEach(
          (w, i) =>
            new MaintenanceWindow(this, `maintenance-window-${i + 1}`, {
              description: w.description,
              startTime: w.start,
              endTime: w.end,
              services: [pagerduty.service.id],
            }),
        );
    }

    this.slackWebhook = new SecretsmanagerSecret(this, 'slack-webhook', {
      name: this.naming.name('slack-webhook', 'secret'),
      description: `Slack incoming webhook URL of ${this.naming.prefix} alerts; set with aws secretsmanager put-secret-value`,
      kmsKeyId: this.key.arn,
      lifecycle,
    });

    this.processor = new AlertProcessor(this, 'alert-processor', {
      naming: this.naming,
      service: config.service,
      environment: env.name,
      region: this.region,
      topics: this.topics,
      webhookSecret: this.slackWebhook,
      secretKey: this.key,
      slack: alerting.slack,
      logRetentionDays: env.logRetentionDays,
    });
    for (const set of topicSets.slice(1)) this.processor.subscribe(set.topics, set.idPrefix, set.provider);

    if (this.pagerduty) {
      const pagerduty = this.pagerduty;
      // Pages SNS gives up on wait in the alert processor's failure queue (encrypted, TLS-only, alarmed critical);
      // SNS redrives only within its region, so the us-east-1 subscription has none.
      const undelivered = this.processor.fn.failureQueue!;
      this.processor.fn.addToFailureQueuePolicy({
        sid: 'UndeliveredPages',
        principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
        actions: ['sqs:SendMessage'],
        resources: [undelivered.arn],
        conditions: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [this.topics.critical.arn] }],
      });
      for (const set of topicSets) {
        const subscription = new SnsTopicSubscription(this, `${set.idPrefix}critical-pagerduty`, {
          topicArn: set.topics.critical.arn,
          protocol: 'https',
          endpoint: pagerduty.cloudwatchEndpoint,
          // PagerDuty confirms SNS subscriptions itself.
          endpointAutoConfirms: true,
          deliveryPolicy: JSON.stringify(PAGERDUTY_DELIVERY_POLICY),
          redrivePolicy:
            set.provider === undefined ? JSON.stringify({ deadLetterTargetArn: undelivered.arn }) : undefined,
          provider: set.provider,
        });
        if (set.provider !== undefined) suppressPolicy(subscription, SnsSubscriptionRedrive.id, GLOBAL_REDRIVE_REASON);
      }
    }

    this.alertingPathAlarms();
    this.composeHealth();
  }

  /** The alerting path's own alarms route to the topics this stack made. */
  protected override alarmRouting(): AlertingHandles {
    return this;
  }

  private subscribeEmail(
    set: { readonly topics: AlertTopics; readonly idPrefix: string; readonly provider?: TerraformProvider },
    severity: Severity,
    address: string | undefined,
  ): void {
    if (address === undefined) return;
    new SnsTopicSubscription(this, `${set.idPrefix}${severity}-email`, {
      topicArn: set.topics[severity].arn,
      protocol: 'email',
      endpoint: address,
      provider: set.provider,
    });
  }

  /** Alarms on the alerting path itself, each routed by the severity model like any other. */
  private alertingPathAlarms(): void {
    const fn = this.processor.fn;
    const t = this.alarmThresholds;
    // Any failed delivery matters here: a lost alert is invisible to everyone it was for.
    const [processor, failures] = nodeFunctionMonitoring(fn, {
      area: 'alerting',
      thresholds: t,
      functionThresholds: { errorRatePercent: 0 },
    });
    this.alarms.watchAll([
      processor,
      {
        resource: failures.resource,
        alarms: failures.alarms.map((a) => ({
          ...a,
          id: 'alert-processor-failures',
          summary: 'Alerts could not be delivered to Slack after every retry; they wait in the failure queue.',
          severity: 'critical' as const,
        })),
      },
    ]);
    const failed = {
      namespace: 'AWS/SNS',
      metricName: 'NumberOfNotificationsFailed',
      dimensions: { TopicName: this.topics.critical.name },
      statistic: 'Sum' as const,
    };
    const malformed = {
      namespace: this.processor.metricNamespace,
      metricName: 'AlertsMalformed',
      statistic: 'Sum' as const,
    };
    const anyInFiveMinutes = {
      threshold: 0,
      comparison: 'GreaterThanThreshold' as const,
      periodSeconds: 300,
      evaluationPeriods: 1,
    };
    this.alarms.watch({ kind: 'custom', title: 'Critical topic deliveries', area: 'alerting', metrics: [failed] }, [
      {
        id: 'critical-deliveries-failed',
        summary: 'SNS gave up delivering critical alerts to a subscriber (PagerDuty, email or the alert processor).',
        metric: failed,
        ...anyInFiveMinutes,
        severity: 'warning',
      },
    ]);
    this.alarms.watch({ kind: 'custom', title: 'Malformed alerts', area: 'alerting', metrics: [malformed] }, [
      {
        id: 'malformed-alerts',
        summary: 'The alert processor dropped messages it could not parse.',
        metric: malformed,
        ...anyInFiveMinutes,
        severity: 'info',
      },
    ]);
  }
}
