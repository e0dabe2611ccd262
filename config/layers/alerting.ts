/**
 * Configuration of the per-environment `alerting` layer: who gets email, whether and how loudly PagerDuty pages, and
 * how patiently the alert processor talks to Slack. Destinations follow from the severity model; nothing here wires
 * an alarm to a destination.
 */
import { z } from 'zod';
import { MAX_RETRY_AFTER_MS } from '../../core/alert-delivery';
import { isProduction, type ProductionMarker } from '../../core/environment';
import { emailAddress, intRange, oneOf } from '../rules';
import type { OncallLayerConfig } from './oncall';

export const PAGERDUTY_URGENCIES = ['high', 'low'] as const;
export type PagerDutyUrgency = (typeof PAGERDUTY_URGENCIES)[number];

export const alertingLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    /**
     * Why nobody is notified of this environment's alarms: required, and non-empty, when alerting is off while
     * layers with alarms are on; it becomes the suppression of cloudwatch-alarm-actions on each alarm.
     */
    reason: z.string().optional(),
    /** On-call address (CriticalAlertEmail in the seed guides), subscribed to the critical topic. */
    criticalAlertEmail: emailAddress.optional(),
    /** Team address (TeamNotificationEmail in the seed guides), subscribed to the warning topic. */
    teamNotificationEmail: emailAddress.optional(),
    pagerDuty: z
      .object({
        /** A PagerDuty service for the environment's critical topic. @default on when the oncall layer is on */
        enabled: z.boolean().optional(),
        /** Urgency of the incidents it opens. @default high in prod, low elsewhere */
        urgency: oneOf(PAGERDUTY_URGENCIES).optional(),
      })
      .strict()
      .default({}),
    /** Delivery to Slack by the alert processor (its function timeout follows from these). */
    slack: z
      .object({
        /** Timeout of one request to the webhook. */
        timeoutMs: intRange(100, 10000).default(3000),
        /** Attempts per alert, the first included. */
        maxAttempts: intRange(1, 5).default(3),
        /** First backoff between attempts; it doubles with each further attempt. */
        retryBaseMs: intRange(10, 5000).default(200),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((alerting, ctx) => {
    if (!alerting.enabled) return;
    for (const field of ['criticalAlertEmail', 'teamNotificationEmail'] as const) {
      if (alerting[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'is required when alerting is enabled' });
      }
    }
  });

export type AlertingLayerConfig = z.infer<typeof alertingLayerSchema>;
export type SlackDeliveryConfig = AlertingLayerConfig['slack'];

export interface PagerDutySettings {
  readonly enabled: boolean;
  readonly urgency: PagerDutyUrgency;
}

/**
 * The environment's PagerDuty settings with their defaults applied: on with the oncall layer, high urgency in
 * production (`isProduction`).
 */
export function pagerDutySettings(
  alerting: AlertingLayerConfig,
  environment: ProductionMarker,
  oncallEnabled: boolean,
): PagerDutySettings {
  return {
    enabled: alerting.enabled && (alerting.pagerDuty.enabled ?? oncallEnabled),
    urgency: alerting.pagerDuty.urgency ?? (isProduction(environment) ? 'high' : 'low'),
  };
}

/**
 * The alert processor's timeout: every attempt may run to its timeout, and Slack's Retry-After may stretch a backoff
 * to the processor's cap (MAX_RETRY_AFTER_MS, so the two cannot drift), plus time to read the webhook secret on a cold
 * start.
 */
export function alertProcessorTimeoutSeconds(slack: SlackDeliveryConfig): number {
  let backoffMs = 0;
  for (let attempt = 1; attempt < slack.maxAttempts; attempt++) {
    backoffMs += Math.max(slack.retryBaseMs * 2 ** (attempt - 1), MAX_RETRY_AFTER_MS);
  }
  return Math.ceil((slack.maxAttempts * slack.timeoutMs + backoffMs) / 1000) + 5;
}

/** The layers whose stacks own alarms (MonitoredStacks), which the alerting layer notifies. */
const ALARMED_LAYERS = ['network', 'data', 'app', 'jobs', 'codegen', 'cdn', 'observability'] as const;

interface AlertingWiringInput {
  readonly oncall: OncallLayerConfig;
  readonly environments: Readonly<
    Record<
      string,
      ProductionMarker & {
        readonly alerting: AlertingLayerConfig;
        readonly monitoring: { readonly enabled: boolean };
      } & {
        readonly [layer in (typeof ALARMED_LAYERS)[number]]: { readonly enabled: boolean };
      }
    >
  >;
}

/**
 * Rules that span layers: PagerDuty services hang off the oncall layer's escalation policy, prod pages loudly,
 * monitoring routes to this layer's topics, and maintenance windows name real environments.
 */
export function checkAlertingWiring(config: AlertingWiringInput, ctx: z.RefinementCtx): void {
  const names = Object.keys(config.environments);
  for (const [name, env] of Object.entries(config.environments)) {
    const path = ['environments', name];
    if (env.alerting.enabled && env.alerting.pagerDuty.enabled === true && !config.oncall.enabled) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'alerting', 'pagerDuty', 'enabled'],
        message: 'needs oncall.enabled (the PagerDuty service uses the on-call escalation policy)',
      });
    }
    if (isProduction(env) && env.alerting.pagerDuty.urgency === 'low') {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'alerting', 'pagerDuty', 'urgency'],
        message: `must be high in ${name}, a production environment (protectStatefulResources): critical alerts there page immediately`,
      });
    }
    const alarmed = ALARMED_LAYERS.filter((layer) => env[layer].enabled);
    const reason = env.alerting.reason;
    if (!env.alerting.enabled && alarmed.length > 0 && (reason === undefined || reason.trim() === '')) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'alerting', 'reason'],
        message:
          `must say why nobody is notified of the alarms of ${alarmed.join(', ')} (a non-empty reason beside ` +
          'enabled: false), or enable alerting',
      });
    }
    if (env.alerting.enabled && reason !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'alerting', 'reason'],
        message: 'applies only while alerting is off (it says why alarms notify no one); remove it',
      });
    }
    if (env.monitoring.enabled && !env.alerting.enabled) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'monitoring', 'enabled'],
        message: 'needs alerting.enabled in the same environment (monitoring routes its alarms to the alerting topics)',
      });
    }
  }
  if (!config.oncall.enabled) return;
  config.oncall.maintenanceWindows.forEach((window, i) =>
    (window.environments ?? []).forEach((env, j) => {
      if (!names.includes(env)) {
        ctx.addIssue({
          code: 'custom',
          path: ['oncall', 'maintenanceWindows', i, 'environments', j],
          message: `must name an environment of this preset (${names.join(', ')})`,
        });
      }
    }),
  );
}

/**
 * Whether the environment has alarms on metrics that exist only in us-east-1 (CloudFront and WAF for CloudFront
 * publish there), and so needs the alerting topics in us-east-1 too: today when it has the CDN layer.
 */
export function needsGlobalAlarms(environment: { readonly cdn: { readonly enabled: boolean } }): boolean {
  return environment.cdn.enabled;
}

/** A section of the README on the default branch: the runbook a layer's alarms link to. */
export function readmeRunbookUrl(
  repository: { owner: string; name: string; defaultBranch: string },
  section: string,
): string {
  return `https://github.com/${repository.owner}/${repository.name}/blob/${repository.defaultBranch}/README.md#${section}`;
}

/** The runbook of the alerting path (the README section), linked from the alarms this layer owns. */
export function alertingRunbookUrl(repository: { owner: string; name: string; defaultBranch: string }): string {
  return readmeRunbookUrl(repository, 'alerting-and-on-call');
}
