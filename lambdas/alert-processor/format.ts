/**
 * Renders an alert as a Slack incoming-webhook payload: the title as a top-level header block (so `text` is only the
 * notification fallback) and the details in an attachment, whose colour bar carries the severity.
 */
import {
  parseAlarmDescription,
  regionFromArn,
  type Alert,
  type CompositeAlarm,
  type MetricAlarm,
  type Severity,
} from './parse';

export interface SlackText {
  readonly type: 'plain_text' | 'mrkdwn';
  readonly text: string;
  readonly emoji?: boolean;
}

export interface SlackButton {
  readonly type: 'button';
  readonly text: SlackText;
  readonly url: string;
}

export type SlackBlock =
  | { readonly type: 'header'; readonly text: SlackText }
  | { readonly type: 'section'; readonly text: SlackText }
  | { readonly type: 'section'; readonly fields: readonly SlackText[] }
  | { readonly type: 'actions'; readonly elements: readonly SlackButton[] };

export interface SlackPayload {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
  readonly attachments: readonly { readonly color: string; readonly blocks: readonly SlackBlock[] }[];
}

export interface AlertStyle {
  readonly label: string;
  readonly emoji: string;
  readonly color: string;
}

export const SEVERITY_STYLES: Readonly<Record<Severity, AlertStyle>> = {
  critical: { label: 'CRITICAL', emoji: ':rotating_light:', color: '#D0021B' },
  warning: { label: 'WARNING', emoji: ':warning:', color: '#F5A623' },
  info: { label: 'INFO', emoji: ':information_source:', color: '#4A90E2' },
};

/** An alarm returning to OK, whatever its severity. */
export const RESOLVED_STYLE: AlertStyle = { label: 'RESOLVED', emoji: ':white_check_mark:', color: '#2EB67D' };

export interface AlertContext {
  readonly severity: Severity;
  readonly environment: string;
  readonly service: string;
}

// Slack rejects the whole message with a 400, which is not worth retrying, when one block exceeds its limit; long alarm
// names and reasons are therefore cut instead of costing the alert.
const HEADER_MAX = 150;
const FIELD_MAX = 2000;
const TEXT_MAX = 3000;

const COMPARISON_SYMBOLS: Readonly<Record<string, string>> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

const truncate = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Slack's mrkdwn treats these three as control characters (links, mentions). */
const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const header = (text: string): SlackBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, HEADER_MAX), emoji: true },
});

const section = (mrkdwn: string): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(mrkdwn, TEXT_MAX) },
});

const field = (label: string, value: string): SlackText => ({
  type: 'mrkdwn',
  text: truncate(`*${label}*\n${escape(value)}`, FIELD_MAX),
});

const button = (text: string, url: string): SlackButton => ({
  type: 'button',
  text: { type: 'plain_text', text },
  url,
});

export function alarmConsoleUrl(alarmArn: string, alarmName: string): string {
  const region = regionFromArn(alarmArn);
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`;
}

function triggerFields(trigger: MetricAlarm['Trigger']): SlackText[] {
  const { Namespace, MetricName, Dimensions, Statistic, ComparisonOperator, Threshold, EvaluationPeriods, Period } =
    trigger;
  const result: SlackText[] = [];
  if (Namespace && MetricName) {
    const dimensions = Dimensions.map((d) => `${d.name}=${d.value}`).join(', ');
    result.push(field('Metric', `${Namespace}/${MetricName}${dimensions ? ` (${dimensions})` : ''}`));
  }
  if (ComparisonOperator && Threshold !== undefined) {
    const condition = [Statistic, COMPARISON_SYMBOLS[ComparisonOperator] ?? ComparisonOperator, String(Threshold)];
    const window = EvaluationPeriods && Period ? ` for ${EvaluationPeriods} × ${Period}s` : '';
    result.push(field('Threshold', `${condition.filter(Boolean).join(' ')}${window}`));
  }
  return result;
}

function compositeFields(alarm: CompositeAlarm): SlackText[] {
  const children = alarm.TriggeringChildren.map(({ Arn }) => Arn.slice(Arn.indexOf(':alarm:') + ':alarm:'.length));
  return [field('Rule', alarm.AlarmRule), ...(children.length ? [field('Triggered by', children.join('\n'))] : [])];
}

function render(style: AlertStyle, title: string, fallback: string, details: SlackBlock[]): SlackPayload {
  return {
    text: truncate(escape(`${style.label}: ${fallback}`), TEXT_MAX),
    blocks: [header(`${style.emoji} ${style.label}: ${title}`)],
    attachments: [{ color: style.color, blocks: details }],
  };
}

export function formatSlackMessage(alert: Alert, context: AlertContext): SlackPayload {
  const contextFields = [field('Environment', context.environment), field('Service', context.service)];
  const severityStyle = SEVERITY_STYLES[context.severity];

  switch (alert.kind) {
    case 'metric-alarm':
    case 'composite-alarm': {
      const { alarm } = alert;
      const style = alarm.NewStateValue === 'OK' ? RESOLVED_STYLE : severityStyle;
      const transition = `${alarm.OldStateValue} → ${alarm.NewStateValue}`;
      const { summary, runbookUrl } = parseAlarmDescription(alarm.AlarmDescription);
      const details = alert.kind === 'metric-alarm' ? triggerFields(alert.alarm.Trigger) : compositeFields(alert.alarm);
      const buttons = [button('Open in CloudWatch', alarmConsoleUrl(alarm.AlarmArn, alarm.AlarmName))];
      if (runbookUrl) buttons.push(button('Runbook', runbookUrl));
      return render(style, alarm.AlarmName, `${alarm.AlarmName} ${transition} in ${context.environment}`, [
        ...(summary ? [section(escape(summary))] : []),
        section(`*Reason*\n${escape(alarm.NewStateReason)}`),
        {
          type: 'section',
          fields: [
            ...contextFields,
            field('State', transition),
            field('Changed at', alarm.StateChangeTime),
            ...details,
          ],
        },
        { type: 'actions', elements: buttons },
      ]);
    }
    case 'event': {
      const { event } = alert;
      const detailType = event['detail-type'];
      // Nested detail values read badly in a chat message; the scalar ones (pipeline, state, deploymentId...) are the
      // ones that say what happened.
      const facts = Object.entries(event.detail)
        .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
        .map(([key, value]) => `*${escape(key)}:* ${escape(String(value))}`);
      return render(severityStyle, detailType, `${detailType} (${event.source}) in ${context.environment}`, [
        ...(facts.length ? [section(facts.join('\n'))] : []),
        {
          type: 'section',
          fields: [
            ...contextFields,
            field('Source', event.source),
            field('Account', event.account),
            field('Region', event.region),
            field('Time', event.time),
          ],
        },
      ]);
    }
    case 'text': {
      const title = alert.subject ?? 'Notification';
      return render(severityStyle, title, `${alert.subject ?? alert.text} in ${context.environment}`, [
        section(escape(alert.text)),
        { type: 'section', fields: contextFields },
      ]);
    }
  }
}
