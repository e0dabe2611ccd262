/**
 * Forwards the platform's alerts to Slack. Subscribed to one environment's three SNS topics; the topic a message
 * arrives on gives its severity.
 *
 * Environment: ENVIRONMENT, SERVICE, CRITICAL_TOPIC_ARN, WARNING_TOPIC_ARN, INFO_TOPIC_ARN and
 * SLACK_WEBHOOK_SECRET_ARN are required; METRIC_NAMESPACE (default `<SERVICE>/<ENVIRONMENT>`), SLACK_TIMEOUT_MS
 * (3000), SLACK_MAX_ATTEMPTS (3) and SLACK_RETRY_BASE_MS (200) are optional.
 *
 * IAM: secretsmanager:GetSecretValue on the webhook secret (and kms:Decrypt if a customer managed key encrypts it).
 *
 * Malformed input is logged, counted (AlertsMalformed) and dropped, since no retry can fix it. A Slack delivery that
 * still fails after its retries makes the invocation throw once the other records are done, handing the event to
 * Lambda's asynchronous retries and the function's failure destination. SNS invokes with one record per event, so a
 * retry does not repeat alerts already delivered.
 */
import type { SNSEvent } from 'aws-lambda';
import { setTimeout as delay } from 'timers/promises';
import { log, putMetrics, requireEnv, type Writer } from '../shared/telemetry';
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
import { secretsManagerFetcher, webhookUrlFromSecret, type SecretFetcher } from './secret';
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
  };
}

export interface AlertProcessorDeps {
  readonly config: AlertProcessorConfig;
  /** Reads the webhook secret; Secrets Manager by default. */
  readonly getSecret?: SecretFetcher;
  /** Waits between Slack attempts. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  /** Receives the log and EMF lines; stdout by default. */
  readonly write?: Writer;
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
  const { config, write } = deps;
  const getSecret = deps.getSecret ?? secretsManagerFetcher();
  const sleep = deps.sleep ?? delay;

  // Kept for the life of the container; a failed read is dropped so that the next invocation tries again.
  let webhookUrl: Promise<string> | undefined;
  const getWebhookUrl = (): Promise<string> =>
    (webhookUrl ??= getSecret(config.webhookSecretArn)
      .then(webhookUrlFromSecret)
      .catch((error: unknown) => {
        webhookUrl = undefined;
        throw error;
      }));

  async function processRecord(record: unknown): Promise<keyof AlertSummary> {
    let sns: SnsMessage | undefined;
    let alert: Alert;
    try {
      sns = parseSnsRecord(record);
      alert = parseMessage(sns.Message, sns.Subject);
    } catch (error) {
      if (!(error instanceof MalformedMessageError)) throw error;
      const fields = { messageId: sns?.MessageId, topicArn: sns?.TopicArn, snsMessage: sns?.Message.slice(0, 1000) };
      log('error', 'malformed alert dropped', { ...fields, reason: error.message }, write);
      return 'malformed';
    }

    const { MessageId: messageId, TopicArn: topicArn } = sns;
    const topicSeverity = severityForTopic(topicArn, config.topics);
    if (!topicSeverity) log('warn', 'alert from an unknown topic, sent as info', { messageId, topicArn }, write);
    const severity = topicSeverity ?? 'info';
    const payload = formatSlackMessage(alert, { severity, environment: config.environment, service: config.service });
    const fields = { messageId, kind: alert.kind, severity };
    try {
      const attempts = await postToSlack(await getWebhookUrl(), payload, {
        timeoutMs: config.slackTimeoutMs,
        maxAttempts: config.slackMaxAttempts,
        retryBaseMs: config.slackRetryBaseMs,
        sleep,
        write,
      });
      log('info', 'alert delivered', { ...fields, attempts }, write);
      return 'delivered';
    } catch (error) {
      log('error', 'alert delivery failed', { ...fields, error: String(error) }, write);
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
      log('error', 'malformed alert dropped', { reason: 'event has no Records' }, write);
    }

    putMetrics(
      [
        { name: 'AlertsDelivered', value: summary.delivered },
        { name: 'AlertsMalformed', value: summary.malformed },
        { name: 'AlertsFailed', value: summary.failed },
      ],
      { namespace: config.metricNamespace, now: deps.now?.(), write },
    );
    log('info', 'alerts processed', summary, write);
    if (summary.failed > 0) throw new AlertDeliveryError(summary);
    return summary;
  };
}

let defaultHandler: ((event: unknown) => Promise<AlertSummary>) | undefined;

/** Built on first use rather than at import, so that importing the module for its functions needs no environment. */
export const handler = (event: SNSEvent): Promise<AlertSummary> =>
  (defaultHandler ??= createHandler({ config: configFromEnv() }))(event);
