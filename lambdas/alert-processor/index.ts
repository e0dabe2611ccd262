/**
 * Forwards the platform's alerts to Slack. Subscribed to one environment's three SNS topics; the topic a message
 * arrives on gives its severity.
 *
 * Environment: ENVIRONMENT, SERVICE, CRITICAL_TOPIC_ARN, WARNING_TOPIC_ARN, INFO_TOPIC_ARN and
 * SLACK_WEBHOOK_SECRET_ARN are required; METRIC_NAMESPACE (default `<SERVICE>/<ENVIRONMENT>`), SLACK_TIMEOUT_MS
 * (3000), SLACK_MAX_ATTEMPTS (3), SLACK_RETRY_BASE_MS (200) and SLACK_WEBHOOK_MAX_AGE_SECONDS (300, how long the
 * webhook secret is cached) are optional.
 *
 * Powertools: Logger lines carry the Lambda request ID and the SNS message ID as correlation ID; the counts are EMF
 * metrics; the Secrets Manager client is captured by the Tracer and read through Parameters.
 *
 * IAM: secretsmanager:GetSecretValue on the webhook secret (and kms:Decrypt if a customer managed key encrypts it).
 *
 * Malformed input is logged, counted (AlertsMalformed) and dropped, since no retry can fix it. A Slack delivery that
 * still fails after its retries makes the invocation throw once the other records are done, handing the event to
 * Lambda's asynchronous retries and the function's failure destination. SNS invokes with one record per event, so a
 * retry does not repeat alerts already delivered.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, SNSEvent } from 'aws-lambda';
import { setTimeout as delay } from 'timers/promises';
import { createPowertools, instrument, MetricUnit, requireEnv, type Powertools } from '../shared/powertools';
import { formatSlackMessage } from './format';
import {
  MalformedMessageError,
  parseMessage,
  parseSnsRecord,
  severityForTopic,
  type Alert,
  type SnsMessage,
  type TopicArns,
} from './parse';
import {
  DEFAULT_SECRET_MAX_AGE_SECONDS,
  secretsManagerFetcher,
  webhookUrlFromSecret,
  type SecretFetcher,
} from './secret';
import { postToSlack } from './slack';

export * from './format';
export * from './parse';
export * from './secret';
export * from './slack';

export interface AlertProcessorConfig {
  readonly environment: string;
  readonly service: string;
  readonly topics: TopicArns;
  readonly webhookSecretArn: string;
  readonly metricNamespace: string;
  readonly slackTimeoutMs: number;
  readonly slackMaxAttempts: number;
  readonly slackRetryBaseMs: number;
  readonly webhookMaxAgeSeconds: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`environment variable ${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AlertProcessorConfig {
  const environment = requireEnv('ENVIRONMENT', env);
  const service = requireEnv('SERVICE', env);
  return {
    environment,
    service,
    topics: {
      critical: requireEnv('CRITICAL_TOPIC_ARN', env),
      warning: requireEnv('WARNING_TOPIC_ARN', env),
      info: requireEnv('INFO_TOPIC_ARN', env),
    },
    webhookSecretArn: requireEnv('SLACK_WEBHOOK_SECRET_ARN', env),
    metricNamespace: env.METRIC_NAMESPACE || `${service}/${environment}`,
    slackTimeoutMs: positiveInteger(env, 'SLACK_TIMEOUT_MS', 3000),
    slackMaxAttempts: positiveInteger(env, 'SLACK_MAX_ATTEMPTS', 3),
    slackRetryBaseMs: positiveInteger(env, 'SLACK_RETRY_BASE_MS', 200),
    webhookMaxAgeSeconds: positiveInteger(env, 'SLACK_WEBHOOK_MAX_AGE_SECONDS', DEFAULT_SECRET_MAX_AGE_SECONDS),
  };
}

export interface AlertProcessorDeps {
  readonly config: AlertProcessorConfig;
  /** Reads the webhook secret (cached by Parameters). @default Secrets Manager through the traced client */
  readonly getSecret?: SecretFetcher;
  /** Waits between Slack attempts. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  /** @default Logger and Metrics for the configured service and namespace */
  readonly tools?: Powertools;
}

export interface AlertSummary {
  readonly delivered: number;
  readonly malformed: number;
  readonly failed: number;
}

export class AlertDeliveryError extends Error {
  override name = 'AlertDeliveryError';

  constructor(readonly summary: AlertSummary) {
    super(`${summary.failed} alert(s) could not be delivered to Slack`);
  }
}

/** The handler takes `unknown`: malformed input has to be recognised, not assumed away by a type. */
export function createHandler(deps: AlertProcessorDeps): (event: unknown) => Promise<AlertSummary> {
  const { config } = deps;
  const { logger, metrics } =
    deps.tools ?? createPowertools({ serviceName: config.service, namespace: config.metricNamespace });
  const getSecret = deps.getSecret ?? secretsManagerFetcher(new SecretsManagerClient({}), config.webhookMaxAgeSeconds);
  const sleep = deps.sleep ?? delay;
  const getWebhookUrl = async (): Promise<string> => webhookUrlFromSecret(await getSecret(config.webhookSecretArn));

  async function processRecord(record: unknown): Promise<keyof AlertSummary> {
    let sns: SnsMessage | undefined;
    let alert: Alert;
    try {
      sns = parseSnsRecord(record);
      alert = parseMessage(sns.Message, sns.Subject);
    } catch (error) {
      if (!(error instanceof MalformedMessageError)) throw error;
      const fields = { messageId: sns?.MessageId, topicArn: sns?.TopicArn, snsMessage: sns?.Message.slice(0, 1000) };
      logger.error('malformed alert dropped', { ...fields, reason: error.message });
      return 'malformed';
    }

    const { MessageId: messageId, TopicArn: topicArn } = sns;
    const topicSeverity = severityForTopic(topicArn, config.topics);
    if (!topicSeverity) logger.warn('alert from an unknown topic, sent as info', { messageId, topicArn });
    const severity = topicSeverity ?? 'info';
    const payload = formatSlackMessage(alert, { severity, environment: config.environment, service: config.service });
    const fields = { messageId, kind: alert.kind, severity };
    try {
      const attempts = await postToSlack(await getWebhookUrl(), payload, {
        timeoutMs: config.slackTimeoutMs,
        maxAttempts: config.slackMaxAttempts,
        retryBaseMs: config.slackRetryBaseMs,
        sleep,
        logger,
      });
      logger.info('alert delivered', { ...fields, attempts });
      return 'delivered';
    } catch (error) {
      logger.error('alert delivery failed', { ...fields, error: String(error) });
      return 'failed';
    }
  }

  return async (event) => {
    const summary = { delivered: 0, malformed: 0, failed: 0 };
    const records = (event as { Records?: unknown } | null | undefined)?.Records;
    if (Array.isArray(records) && records.length > 0) {
      for (const record of records) summary[await processRecord(record)]++;
    } else {
      summary.malformed++;
      logger.error('malformed alert dropped', { reason: 'event has no Records' });
    }

    if (deps.now) metrics.setTimestamp(deps.now());
    metrics.addMetric('AlertsDelivered', MetricUnit.Count, summary.delivered);
    metrics.addMetric('AlertsMalformed', MetricUnit.Count, summary.malformed);
    metrics.addMetric('AlertsFailed', MetricUnit.Count, summary.failed);
    // Flushed here rather than by the wrapper, so that a failed delivery (which throws) is still counted.
    metrics.publishStoredMetrics();
    logger.info('alerts processed', summary);
    if (summary.failed > 0) throw new AlertDeliveryError(summary);
    return summary;
  };
}

let defaultHandler: ((event: unknown, context?: Context) => Promise<AlertSummary>) | undefined;

/** Built on first use rather than at import, so that importing the module for its functions needs no environment. */
export const handler = async (event: SNSEvent, context?: Context): Promise<AlertSummary> => {
  defaultHandler ??= (() => {
    const config = configFromEnv();
    const tracer = new Tracer({ serviceName: config.service });
    const tools = createPowertools({ serviceName: config.service, namespace: config.metricNamespace, tracer });
    const client = tracer.captureAWSv3Client(new SecretsManagerClient({}));
    const run = createHandler({
      config,
      tools,
      getSecret: secretsManagerFetcher(client, config.webhookMaxAgeSeconds),
    });
    // SNS invokes with one record per event: its message ID follows the alert through every line.
    return instrument(tools, run, {
      correlationId: (event) => (event as Partial<SNSEvent> | undefined)?.Records?.[0]?.Sns?.MessageId,
    });
  })();
  return defaultHandler(event, context);
};
