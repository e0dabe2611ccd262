/**
 * The alert processor (lambdas/alert-processor) subscribed to an environment's alert topics: it posts every alert to
 * Slack, formatted by the severity of the topic it came from. SNS invokes it asynchronously, so a delivery that still
 * fails after Lambda's retries lands in the function's failure queue.
 *
 * Its role may read the Slack webhook secret and nothing else beyond its logs and traces; when a customer-managed key
 * encrypts the secret, it may decrypt with that key only through Secrets Manager.
 */
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { alertProcessorTimeoutSeconds, SlackDeliveryConfig } from '../config/layers/alerting';
import { PolicyStatement } from './iam-policy';
import { LambdaAsset } from './lambda-asset';
import { Naming } from './naming';
import { NodeFunction } from './node-function';
import { suppressPolicy } from './policy';
import { SnsSubscriptionRedrive } from './policy/rules/sns/SnsSubscriptionRedrive';
import { AlertTopics, SEVERITIES, Severity } from './severity';

export interface AlertProcessorProps {
  readonly naming: Naming;
  /** Service and environment names, shown in every Slack message. */
  readonly service: string;
  readonly environment: string;
  /** Region of the secret, for the key condition. */
  readonly region: string;
  /** The topics it forwards; each topic's severity decides the formatting. */
  readonly topics: AlertTopics;
  /** Secret holding the webhook URL (or `{"url": ...}`); its value is set out of band. */
  readonly webhookSecret: SecretsmanagerSecret;
  /** Customer-managed key that encrypts the secret. @default the secret uses the AWS-managed key */
  readonly secretKey?: KmsKey;
  readonly slack: SlackDeliveryConfig;
  readonly logRetentionDays: number;
  /** Severities it forwards to Slack. @default all three (critical as a copy of the page) */
  readonly severities?: readonly Severity[];
}

/**
 * Why the us-east-1 subscriptions have no redrive: SNS dead-letters only to a queue of the subscription's region,
 * and the processor's failure queue lives in the environment's; a delivery SNS gives up on there is counted by
 * NumberOfNotificationsFailed on those topics.
 */
export const GLOBAL_REDRIVE_REASON =
  "SNS dead-letters only to a queue in the subscription's region (us-east-1), and the failure queue lives in the environment's region";

export class AlertProcessor extends Construct {
  readonly fn: NodeFunction;
  /** Namespace of the AlertsDelivered, AlertsMalformed and AlertsFailed metrics: `<service>/<environment>`. */
  readonly metricNamespace: string;
  readonly subscriptions: Readonly<Partial<Record<Severity, SnsTopicSubscription>>>;
  private readonly severities: readonly Severity[];

  constructor(scope: Construct, id: string, props: AlertProcessorProps) {
    super(scope, id);
    const severities = props.severities ?? SEVERITIES;
    if (severities.length === 0) throw new Error('AlertProcessor: severities must name at least one severity');
    this.metricNamespace = `${props.service}/${props.environment}`;

    const statements: PolicyStatement[] = [
      { sid: 'ReadSlackWebhook', actions: ['secretsmanager:GetSecretValue'], resources: [props.webhookSecret.arn] },
    ];
    if (props.secretKey) {
      statements.push({
        sid: 'DecryptSlackWebhook',
        actions: ['kms:Decrypt'],
        resources: [props.secretKey.arn],
        conditions: [
          {
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: [`secretsmanager.${props.region}.amazonaws.com`],
          },
        ],
      });
    }

    this.fn = new NodeFunction(this, 'function', {
      naming: props.naming,
      name: 'alert-processor',
      description: `Forwards the alerts of ${props.naming.prefix} to Slack`,
      code: new LambdaAsset(this, 'code', { handler: 'alert-processor' }),
      logRetentionDays: props.logRetentionDays,
      memoryMb: 256,
      timeoutSeconds: alertProcessorTimeoutSeconds(props.slack),
      invocation: 'async',
      policyStatements: statements,
      environment: {
        SERVICE: props.service,
        ENVIRONMENT: props.environment,
        CRITICAL_TOPIC_ARN: props.topics.critical.arn,
        WARNING_TOPIC_ARN: props.topics.warning.arn,
        INFO_TOPIC_ARN: props.topics.info.arn,
        SLACK_WEBHOOK_SECRET_ARN: props.webhookSecret.arn,
        METRIC_NAMESPACE: this.metricNamespace,
        SLACK_TIMEOUT_MS: String(props.slack.timeoutMs),
        SLACK_MAX_ATTEMPTS: String(props.slack.maxAttempts),
        SLACK_RETRY_BASE_MS: String(props.slack.retryBaseMs),
      },
    });

    this.severities = severities;
    this.subscriptions = this.subscribe(props.topics, '');
  }

  /**
   * Subscribes the processor to another set of topics of the same severities (the us-east-1 topics): the
   * subscriptions live in the topics' region, through `provider`, the invoke permissions beside the function.
   */
  subscribe(
    topics: AlertTopics,
    idPrefix: string,
    provider?: TerraformProvider,
  ): Readonly<Partial<Record<Severity, SnsTopicSubscription>>> {
    const subscriptions: Partial<Record<Severity, SnsTopicSubscription>> = {};
    // Asynchronous invocation gives the function its failure queue (encrypted, TLS-only). SNS redrives only to a
    // queue of its own region, so the us-east-1 subscriptions go without one (their failures show as
    // NumberOfNotificationsFailed on those topics).
    const failures = provider === undefined ? this.fn.failureQueue! : undefined;
    if (failures) {
      this.fn.addToFailureQueuePolicy({
        sid: 'UndeliveredAlerts',
        principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
        actions: ['sqs:SendMessage'],
        resources: [failures.arn],
        conditions: [
          { test: 'ArnEquals', variable: 'aws:SourceArn', values: this.severities.map((s) => topics[s].arn) },
        ],
      });
    }
    for (const severity of this.severities) {
      const topic = topics[severity];
      const permission = new LambdaPermission(this, `${idPrefix}${severity}-invoke`, {
        action: 'lambda:InvokeFunction',
        functionName: this.fn.function.functionName,
        principal: 'sns.amazonaws.com',
        sourceArn: topic.arn,
      });
      const subscription = new SnsTopicSubscription(this, `${idPrefix}${severity}-subscription`, {
        topicArn: topic.arn,
        protocol: 'lambda',
        endpoint: this.fn.function.arn,
        // Alerts SNS cannot hand to the function (throttled, deleted, no permission) land beside its failed events.
        redrivePolicy: failures ? JSON.stringify({ deadLetterTargetArn: failures.arn }) : undefined,
        dependsOn: [permission],
        provider,
      });
      if (failures === undefined) suppressPolicy(subscription, SnsSubscriptionRedrive.id, GLOBAL_REDRIVE_REASON);
      subscriptions[severity] = subscription;
    }
    return subscriptions;
  }
}
