/**
 * The alerting topics by severity (core/severity.ts has the model). Severity decides the SNS topic an alarm
 * notifies, and through the topic's subscriptions the destinations. No layer wires a destination by hand: its
 * AlarmFactory (modules/alarm-factory.ts) takes the actions from these topics.
 */
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import type { Severity } from '../core/severity';

export { SEVERITIES, SEVERITY_TAG, isSeverity, type Severity } from '../core/severity';
export { alarmDescription } from '../core/alarm-description';

/** The alerting layer's topics of one environment, by severity. */
export type AlertTopics = Readonly<Record<Severity, SnsTopic>>;

/** What an alarm needs of the alert topics: their ARNs, by severity. */
export type AlarmTopics = Readonly<Record<Severity, { readonly arn: string }>>;
