/**
 * The one severity model of the platform. Severity decides the SNS topic an alarm notifies, and through the topic's
 * subscriptions the destinations: critical pages PagerDuty (high urgency) and emails the on-call address; warning
 * goes to Slack and the team email; info goes to Slack only. No layer wires a destination by hand: it names a
 * severity and takes the actions from here.
 */
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The alerting layer's topics of one environment, by severity. */
export type AlertTopics = Readonly<Record<Severity, SnsTopic>>;

/** Tag that records an alarm's severity in the synthesized configuration, for routing checks and consoles. */
export const SEVERITY_TAG = 'Severity';

export interface SeverityRouting {
  readonly alarmActions: string[];
  readonly okActions: string[];
  readonly tags: Record<string, string>;
}

/**
 * Alarm properties that route an alarm by severity: ALARM and OK (resolution) both notify the severity's topic.
 * Without topics (alerting off in the environment) the alarm still carries its severity tag and has no actions.
 */
export function routeBySeverity(severity: Severity, topics?: AlertTopics): SeverityRouting {
  const actions = topics ? [topics[severity].arn] : [];
  return { alarmActions: actions, okActions: [...actions], tags: { [SEVERITY_TAG]: severity } };
}
