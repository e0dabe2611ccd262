/**
 * The one severity model of the platform. Severity decides the SNS topic an alarm notifies, and through the topic's
 * subscriptions the destinations: critical pages PagerDuty (high urgency) and emails the on-call address; warning
 * goes to Slack and the team email; info goes to Slack only. No layer wires a destination by hand: it names a
 * severity and takes the actions from here.
 */
import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import type { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';

import { type Severity, SEVERITY_TAG, isSeverity } from '../core/severity';

export { SEVERITIES, SEVERITY_TAG, isSeverity, type Severity } from '../core/severity';
export { alarmDescription } from '../core/alarm-description';

/** The alerting layer's topics of one environment, by severity. */
export type AlertTopics = Readonly<Record<Severity, SnsTopic>>;

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

/** An alarm as composites see it: its name (from the naming helper) and its severity. */
export interface RegisteredAlarm {
  readonly alarmName: string;
  readonly severity: Severity;
  /**
   * The alarm resource, so that a composite over it is created after it (AWS rejects a rule naming a missing alarm).
   * @default none: the caller orders creation
   */
  readonly resource?: TerraformResource;
}

/**
 * Every alarm under `scope` that was routed with `routeBySeverity`, found by its Severity tag: routing an alarm is
 * what registers it, so no layer keeps a second list that could drift from its alarms.
 */
export function routedAlarms(scope: IConstruct): RegisteredAlarm[] {
  return scope.node.findAll().flatMap((c): RegisteredAlarm[] => {
    if (!(c instanceof CloudwatchMetricAlarm || c instanceof CloudwatchCompositeAlarm)) return [];
    const severity = (c.tagsInput as Record<string, unknown> | undefined)?.[SEVERITY_TAG];
    const alarmName = c.alarmNameInput;
    if (!isSeverity(severity) || alarmName === undefined) return [];
    return [{ alarmName, severity, resource: c }];
  });
}
