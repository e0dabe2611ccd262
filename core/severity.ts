/**
 * The one severity model of the platform, end to end. Severity decides the SNS topic an alarm notifies, and through
 * the topic's subscriptions the destinations: critical pages PagerDuty (high urgency) and emails the on-call address;
 * warning goes to Slack and the team email; info goes to Slack only. Config, constructs and handlers all use it, so
 * it lives here, in the leaf folder that imports nothing of the project.
 */

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Tag that records an alarm's severity in the synthesized configuration, for routing checks and consoles. */
export const SEVERITY_TAG = 'Severity';

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/**
 * Whether an alarm of this severity also notifies when it returns to OK: a page or a warning that resolves itself
 * must say so (PagerDuty resolves the incident on OK); an info notice has nothing to resolve.
 */
export function notifiesOnOk(severity: Severity): boolean {
  return severity !== 'info';
}
