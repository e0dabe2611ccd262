import {
  SEVERITY_STYLES,
  alarmConsoleUrl,
  formatSlackMessage,
  parseMessage,
  type AlertContext,
  type Severity,
} from '../../../lambdas/alert-processor';
import { compositeAlarm, metricAlarm, pipelineEvent } from './fixtures';

const context = (severity: Severity): AlertContext => ({ severity, environment: 'prod', service: 'checkout' });
const format = (message: unknown, severity: Severity, subject?: string) =>
  formatSlackMessage(
    parseMessage(typeof message === 'string' ? message : JSON.stringify(message), subject),
    context(severity),
  );

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const header = (text: string) => [{ type: 'header', text: { type: 'plain_text', text, emoji: true } }];
const button = (text: string, url: string) => ({ type: 'button', text: { type: 'plain_text', text }, url });
const consoleUrl = (name: string) =>
  `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/${name}`;

describe('formatSlackMessage', () => {
  it('formats a critical metric alarm', () => {
    expect(format(metricAlarm(), 'critical')).toEqual({
      text: 'CRITICAL: checkout-prod-api-errors OK → ALARM in prod',
      blocks: header(':rotating_light: CRITICAL: checkout-prod-api-errors'),
      attachments: [
        {
          color: '#D0021B',
          blocks: [
            { type: 'section', text: mrkdwn('Errors above 5 in 5 minutes.') },
            {
              type: 'section',
              text: mrkdwn(
                '*Reason*\nThreshold Crossed: 1 out of the last 1 datapoints [12.0 (15/01/25 10:25:00)] was greater than the threshold (5.0) (minimum 1 datapoint for OK -&gt; ALARM transition).',
              ),
            },
            {
              type: 'section',
              fields: [
                mrkdwn('*Environment*\nprod'),
                mrkdwn('*Service*\ncheckout'),
                mrkdwn('*State*\nOK → ALARM'),
                mrkdwn('*Changed at*\n2025-01-15T10:30:12.345+0000'),
                mrkdwn('*Metric*\nAWS/Lambda/Errors (FunctionName=checkout-prod-api)'),
                mrkdwn('*Threshold*\nSUM &gt; 5 for 1 × 300s'),
              ],
            },
            {
              type: 'actions',
              elements: [
                button('Open in CloudWatch', consoleUrl('checkout-prod-api-errors')),
                button('Runbook', 'https://runbooks.example.com/lambda-errors'),
              ],
            },
          ],
        },
      ],
    });
  });

  it('formats a transition to OK as a resolution, without a runbook button when the description has none', () => {
    const resolved = metricAlarm({
      AlarmDescription: 'Errors above 5 in 5 minutes.',
      NewStateValue: 'OK',
      OldStateValue: 'ALARM',
      NewStateReason:
        'Threshold Crossed: 1 out of the last 1 datapoints [0.0 (15/01/25 10:40:00)] was not greater than the threshold (5.0) (minimum 1 datapoint for ALARM -> OK transition).',
      StateChangeTime: '2025-01-15T10:45:12.345+0000',
    });
    expect(format(resolved, 'critical')).toEqual({
      text: 'RESOLVED: checkout-prod-api-errors ALARM → OK in prod',
      blocks: header(':white_check_mark: RESOLVED: checkout-prod-api-errors'),
      attachments: [
        {
          color: '#2EB67D',
          blocks: [
            { type: 'section', text: mrkdwn('Errors above 5 in 5 minutes.') },
            {
              type: 'section',
              text: mrkdwn(
                '*Reason*\nThreshold Crossed: 1 out of the last 1 datapoints [0.0 (15/01/25 10:40:00)] was not greater than the threshold (5.0) (minimum 1 datapoint for ALARM -&gt; OK transition).',
              ),
            },
            {
              type: 'section',
              fields: [
                mrkdwn('*Environment*\nprod'),
                mrkdwn('*Service*\ncheckout'),
                mrkdwn('*State*\nALARM → OK'),
                mrkdwn('*Changed at*\n2025-01-15T10:45:12.345+0000'),
                mrkdwn('*Metric*\nAWS/Lambda/Errors (FunctionName=checkout-prod-api)'),
                mrkdwn('*Threshold*\nSUM &gt; 5 for 1 × 300s'),
              ],
            },
            { type: 'actions', elements: [button('Open in CloudWatch', consoleUrl('checkout-prod-api-errors'))] },
          ],
        },
      ],
    });
  });

  it('formats a composite alarm with its rule and triggering children', () => {
    expect(format(compositeAlarm(), 'warning')).toEqual({
      text: 'WARNING: checkout-prod-degraded OK → ALARM in prod',
      blocks: header(':warning: WARNING: checkout-prod-degraded'),
      attachments: [
        {
          color: '#F5A623',
          blocks: [
            { type: 'section', text: mrkdwn('Errors and latency are both high.') },
            {
              type: 'section',
              text: mrkdwn(
                '*Reason*\narn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-prod-api-errors transitioned to ALARM at Wednesday 15 January, 2025 10:30:12 UTC',
              ),
            },
            {
              type: 'section',
              fields: [
                mrkdwn('*Environment*\nprod'),
                mrkdwn('*Service*\ncheckout'),
                mrkdwn('*State*\nOK → ALARM'),
                mrkdwn('*Changed at*\n2025-01-15T10:31:02.118+0000'),
                mrkdwn('*Rule*\nALARM("checkout-prod-api-errors") AND ALARM("checkout-prod-api-latency")'),
                mrkdwn('*Triggered by*\ncheckout-prod-api-errors'),
              ],
            },
            {
              type: 'actions',
              elements: [
                button('Open in CloudWatch', consoleUrl('checkout-prod-degraded')),
                button('Runbook', 'https://runbooks.example.com/checkout-degraded'),
              ],
            },
          ],
        },
      ],
    });
  });

  it('formats an EventBridge event with the scalar details', () => {
    expect(format(pipelineEvent(), 'warning')).toEqual({
      text: 'WARNING: CodePipeline Pipeline Execution State Change (aws.codepipeline) in prod',
      blocks: header(':warning: WARNING: CodePipeline Pipeline Execution State Change'),
      attachments: [
        {
          color: '#F5A623',
          blocks: [
            {
              type: 'section',
              text: mrkdwn(
                '*pipeline:* checkout-prod-deploy\n*execution-id:* 0c7d7a8e-5d4f-4c4b-8d53-7d1f5e2a9b10\n*state:* FAILED\n*version:* 3\n*pipeline-execution-attempt:* 1',
              ),
            },
            {
              type: 'section',
              fields: [
                mrkdwn('*Environment*\nprod'),
                mrkdwn('*Service*\ncheckout'),
                mrkdwn('*Source*\naws.codepipeline'),
                mrkdwn('*Account*\n123456789012'),
                mrkdwn('*Region*\nus-east-1'),
                mrkdwn('*Time*\n2025-01-15T11:02:03Z'),
              ],
            },
          ],
        },
      ],
    });
  });

  it('formats plain text, escaping what Slack would read as markup', () => {
    const text = 'Exported 1,204 orders; 3 rows skipped <see export.log> & retried';
    expect(format(text, 'info', 'Nightly export finished')).toEqual({
      text: 'INFO: Nightly export finished in prod',
      blocks: header(':information_source: INFO: Nightly export finished'),
      attachments: [
        {
          color: '#4A90E2',
          blocks: [
            {
              type: 'section',
              text: mrkdwn('Exported 1,204 orders; 3 rows skipped &lt;see export.log&gt; &amp; retried'),
            },
            { type: 'section', fields: [mrkdwn('*Environment*\nprod'), mrkdwn('*Service*\ncheckout')] },
          ],
        },
      ],
    });
  });

  it('titles text without a subject as a notification and falls back to the text itself', () => {
    const payload = format('Disk almost full', 'info');
    expect(payload.blocks).toEqual(header(':information_source: INFO: Notification'));
    expect(payload.text).toBe('INFO: Disk almost full in prod');
  });

  it('gives each severity its own title prefix and colour', () => {
    const styles = (['critical', 'warning', 'info'] as const).map((severity) => {
      const payload = format(metricAlarm({ NewStateValue: 'INSUFFICIENT_DATA' }), severity);
      const { emoji, label, color } = SEVERITY_STYLES[severity];
      expect(payload.blocks).toEqual(header(`${emoji} ${label}: checkout-prod-api-errors`));
      expect(payload.attachments[0].color).toBe(color);
      return `${label} ${color}`;
    });
    expect(new Set(styles).size).toBe(3);
  });

  it('cuts a title longer than Slack accepts in a header', () => {
    const payload = format(metricAlarm({ AlarmName: 'x'.repeat(255) }), 'critical');
    const [title] = payload.blocks;
    expect(title).toEqual(header(`:rotating_light: CRITICAL: ${'x'.repeat(122)}…`)[0]);
  });
});

describe('alarmConsoleUrl', () => {
  it('links to the alarm in its own region, with the name encoded', () => {
    expect(alarmConsoleUrl('arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api p99/latency', 'api p99/latency')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/api%20p99%2Flatency',
    );
  });
});
