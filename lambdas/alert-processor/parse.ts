/**
 * Turns an SNS record into an alert: a CloudWatch metric or composite alarm notification, an EventBridge event, or
 * plain text. Input that claims to be one of the structured kinds but does not fit its shape is rejected with
 * MalformedMessageError rather than forwarded half-rendered.
 */
import { z } from 'zod';
// Type-only, so the bundle stays free of the CDK code in that module.
import type { Severity } from '../../core/severity';

export type { Severity };

/** The environment's topic ARNs, by the severity each carries. */
export type TopicArns = Readonly<Record<Severity, string>>;

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

const alarmState = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

// Only the fields the Slack message uses are required, so that new or absent optional fields in AWS's notification
// do not turn a real alarm into a malformed one.
const alarmFields = {
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullish(),
  AlarmArn: z.string().regex(/^arn:[\w-]+:cloudwatch:[a-z0-9-]+:\d+:alarm:/, 'is not a CloudWatch alarm ARN'),
  NewStateValue: alarmState,
  OldStateValue: alarmState,
  NewStateReason: z.string(),
  StateChangeTime: z.string(),
};

// Metric math and anomaly detection alarms carry no MetricName/Namespace or no Threshold, hence the optionals.
const metricAlarmSchema = z.object({
  ...alarmFields,
  Trigger: z.object({
    MetricName: z.string().optional(),
    Namespace: z.string().optional(),
    Statistic: z.string().optional(),
    Dimensions: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
    Threshold: z.number().optional(),
    ComparisonOperator: z.string().optional(),
    EvaluationPeriods: z.number().optional(),
    Period: z.number().optional(),
  }),
});

const compositeAlarmSchema = z.object({
  ...alarmFields,
  AlarmRule: z.string(),
  TriggeringChildren: z.array(z.object({ Arn: z.string() })).default([]),
});

const eventSchema = z.object({
  source: z.string(),
  'detail-type': z.string(),
  detail: z.record(z.unknown()),
  region: z.string(),
  time: z.string(),
  account: z.string(),
});

const snsRecordSchema = z.object({
  EventSource: z.literal('aws:sns'),
  Sns: z.object({
    MessageId: z.string(),
    TopicArn: z.string(),
    Subject: z.string().nullish(),
    Message: z.string().min(1),
  }),
});

export type MetricAlarm = z.infer<typeof metricAlarmSchema>;
export type CompositeAlarm = z.infer<typeof compositeAlarmSchema>;
export type EventBridgeEvent = z.infer<typeof eventSchema>;
export type SnsMessage = z.infer<typeof snsRecordSchema>['Sns'];

export type Alert =
  | { readonly kind: 'metric-alarm'; readonly alarm: MetricAlarm }
  | { readonly kind: 'composite-alarm'; readonly alarm: CompositeAlarm }
  | { readonly kind: 'event'; readonly event: EventBridgeEvent }
  | { readonly kind: 'text'; readonly subject?: string; readonly text: string };

function validate<S extends z.ZodTypeAny>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new MalformedMessageError(`${what}: ${issues.join('; ')}`);
}

export function parseSnsRecord(record: unknown): SnsMessage {
  return validate(snsRecordSchema, record, 'not an SNS record').Sns;
}

/**
 * The severity of the topic an alert came from. Topics are matched by name, the last part of the ARN: the alerting
 * layer's us-east-1 topics (for alarms on metrics that exist only there) have the names of the regional ones.
 */
export function severityForTopic(topicArn: string, topics: TopicArns): Severity | undefined {
  const name = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);
  return (Object.keys(topics) as Severity[]).find((severity) => name(topics[severity]) === name(topicArn));
}

export function parseMessage(message: string, subject?: string | null): Alert {
  const text: Alert = { kind: 'text', text: message, ...(subject ? { subject } : {}) };
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return text;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return text;

  if ('AlarmName' in json || 'AlarmArn' in json || 'NewStateValue' in json) {
    if ('Trigger' in json) return { kind: 'metric-alarm', alarm: validate(metricAlarmSchema, json, 'metric alarm') };
    if ('AlarmRule' in json) {
      return { kind: 'composite-alarm', alarm: validate(compositeAlarmSchema, json, 'composite alarm') };
    }
    throw new MalformedMessageError('alarm notification has neither Trigger nor AlarmRule');
  }
  if ('detail-type' in json) return { kind: 'event', event: validate(eventSchema, json, 'EventBridge event') };
  return text;
}

export { parseAlarmDescription } from '../../core/alarm-description';

/** The region code of an alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>). */
export function regionFromArn(arn: string): string {
  return arn.split(':')[3];
}
