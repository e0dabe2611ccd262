import {
  MalformedMessageError,
  configFromEnv,
  parseAlarmDescription,
  parseMessage,
  parseSnsRecord,
  severityForTopic,
  webhookUrlFromSecret,
} from '../../../lambdas/alert-processor';
import { TOPICS, compositeAlarm, metricAlarm, pipelineEvent, snsRecord } from './fixtures';
import { CREDENTIAL_SHAPED } from '../../support/credential-shapes';

describe('severityForTopic', () => {
  it.each(['critical', 'warning', 'info'] as const)('maps the %s topic', (severity) => {
    expect(severityForTopic(TOPICS[severity], TOPICS)).toBe(severity);
  });

  it('maps the topic of the same name in another region (the alerting layer us-east-1 topics) to the same severity', () => {
    const elsewhere = TOPICS.critical.replace(/^arn:aws:sns:[a-z0-9-]+:/, 'arn:aws:sns:ap-southeast-2:');
    expect(elsewhere).not.toBe(TOPICS.critical);
    expect(severityForTopic(elsewhere, TOPICS)).toBe('critical');
  });

  it('knows no severity for another topic', () => {
    expect(severityForTopic('arn:aws:sns:us-east-1:123456789012:someone-elses-topic', TOPICS)).toBeUndefined();
  });
});

describe('parseMessage', () => {
  it('parses a metric alarm, keeping what the Slack message needs', () => {
    expect(parseMessage(JSON.stringify(metricAlarm()))).toEqual({
      kind: 'metric-alarm',
      alarm: {
        AlarmName: 'checkout-prod-api-errors',
        AlarmDescription: 'Errors above 5 in 5 minutes. Runbook: https://runbooks.example.com/lambda-errors',
        AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-prod-api-errors',
        NewStateValue: 'ALARM',
        OldStateValue: 'OK',
        NewStateReason: expect.stringMatching(/^Threshold Crossed/),
        StateChangeTime: '2025-01-15T10:30:12.345+0000',
        Trigger: {
          MetricName: 'Errors',
          Namespace: 'AWS/Lambda',
          Statistic: 'SUM',
          Dimensions: [{ name: 'FunctionName', value: 'checkout-prod-api' }],
          Threshold: 5,
          ComparisonOperator: 'GreaterThanThreshold',
          EvaluationPeriods: 1,
          Period: 300,
        },
      },
    });
  });

  it('parses a metric math alarm, whose Trigger names no single metric', () => {
    const trigger = { Period: 60, EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanThreshold', Threshold: 1 };
    const alert = parseMessage(JSON.stringify(metricAlarm({ AlarmDescription: null, Trigger: trigger })));
    expect(alert).toMatchObject({ kind: 'metric-alarm', alarm: { Trigger: { ...trigger, Dimensions: [] } } });
  });

  it('parses a composite alarm', () => {
    expect(parseMessage(JSON.stringify(compositeAlarm()))).toMatchObject({
      kind: 'composite-alarm',
      alarm: {
        AlarmName: 'checkout-prod-degraded',
        AlarmRule: 'ALARM("checkout-prod-api-errors") AND ALARM("checkout-prod-api-latency")',
        TriggeringChildren: [{ Arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-prod-api-errors' }],
      },
    });
  });

  it('parses an EventBridge event', () => {
    expect(parseMessage(JSON.stringify(pipelineEvent()))).toEqual({
      kind: 'event',
      event: {
        source: 'aws.codepipeline',
        'detail-type': 'CodePipeline Pipeline Execution State Change',
        detail: pipelineEvent().detail,
        region: 'us-east-1',
        time: '2025-01-15T11:02:03Z',
        account: '123456789012',
      },
    });
  });

  it.each([
    ['plain text', 'Nightly export finished with 3 warnings'],
    ['a JSON string', '"just a string"'],
    ['a JSON array', '[1, 2]'],
    ['JSON of another shape', '{"status": "degraded"}'],
  ])('keeps %s as text, with the subject', (_, message) => {
    expect(parseMessage(message, 'Export report')).toEqual({ kind: 'text', subject: 'Export report', text: message });
  });

  it('keeps text without a subject', () => {
    expect(parseMessage('hello', null)).toEqual({ kind: 'text', text: 'hello' });
  });

  it.each([
    ['an alarm without a name', metricAlarm({ AlarmName: undefined }), /AlarmName: Required/],
    ['an unknown state', metricAlarm({ NewStateValue: 'BROKEN' }), /NewStateValue: Invalid enum value/],
    ['a bad alarm ARN', metricAlarm({ AlarmArn: 'arn:aws:sns:us-east-1:1:x' }), /AlarmArn: is not a CloudWatch alarm/],
    ['a non-object Trigger', metricAlarm({ Trigger: 'Errors' }), /metric alarm: Trigger: Expected object/],
    ['an alarm of no known kind', metricAlarm({ Trigger: undefined }), /neither Trigger nor AlarmRule/],
    ['a composite without children list', compositeAlarm({ TriggeringChildren: 'x' }), /TriggeringChildren/],
    ['an event without detail', { ...pipelineEvent(), detail: undefined }, /EventBridge event: detail: Required/],
  ])('rejects %s as malformed', (_, message, reason) => {
    const parse = () => parseMessage(JSON.stringify(message));
    expect(parse).toThrow(MalformedMessageError);
    expect(parse).toThrow(reason);
  });
});

describe('parseSnsRecord', () => {
  it('returns the SNS message', () => {
    const record = snsRecord('hello', TOPICS.info, 'Greeting');
    expect(parseSnsRecord(record)).toEqual({
      MessageId: record.Sns.MessageId,
      TopicArn: TOPICS.info,
      Subject: 'Greeting',
      Message: 'hello',
    });
  });

  it.each([
    ['an SQS record', { eventSource: 'aws:sqs', body: 'hello' }],
    ['an SNS record without a message', { ...snsRecord('x'), Sns: { ...snsRecord('x').Sns, Message: undefined } }],
    ['null', null],
  ])('rejects %s', (_, record) => {
    expect(() => parseSnsRecord(record)).toThrow(MalformedMessageError);
  });
});

describe('parseAlarmDescription', () => {
  it('extracts the runbook URL and keeps the rest as the summary', () => {
    expect(
      parseAlarmDescription('Errors above 5 in 5 minutes. Runbook: https://runbooks.example.com/lambda-errors'),
    ).toEqual({
      summary: 'Errors above 5 in 5 minutes.',
      runbookUrl: 'https://runbooks.example.com/lambda-errors',
    });
  });

  it('leaves out punctuation that ends the sentence', () => {
    expect(parseAlarmDescription('Runbook: https://runbooks.example.com/p99-latency. Page the owner.')).toEqual({
      summary: 'Page the owner.',
      runbookUrl: 'https://runbooks.example.com/p99-latency',
    });
  });

  it.each([
    ['no runbook line', 'Errors above 5 in 5 minutes.', 'Errors above 5 in 5 minutes.'],
    ['a runbook line without a URL', 'Runbook: see the wiki', 'Runbook: see the wiki'],
    ['null', null, ''],
    ['undefined', undefined, ''],
  ])('gives no runbook for %s', (_, description, summary) => {
    expect(parseAlarmDescription(description)).toEqual({ summary });
  });
});

describe('webhookUrlFromSecret', () => {
  const url = CREDENTIAL_SHAPED.slackWebhookUrl;

  it.each([
    ['a bare URL', url],
    ['a bare URL with a trailing newline', `${url}\n`],
    ['JSON', JSON.stringify({ url })],
  ])('reads %s', (_, secret) => {
    expect(webhookUrlFromSecret(secret)).toBe(url);
  });

  it.each([
    ['JSON without url', '{"webhook": "x"}'],
    ['broken JSON', '{"url": '],
    ['something else', 'T000/B000/XXXX'],
  ])('rejects %s without quoting the secret', (_, secret) => {
    expect(() => webhookUrlFromSecret(secret)).toThrow(/^Slack webhook secret/);
    expect(() => webhookUrlFromSecret(secret)).not.toThrow(/T000|"x"/);
  });
});

describe('configFromEnv', () => {
  const env = {
    ENVIRONMENT: 'prod',
    SERVICE: 'checkout',
    CRITICAL_TOPIC_ARN: TOPICS.critical,
    WARNING_TOPIC_ARN: TOPICS.warning,
    INFO_TOPIC_ARN: TOPICS.info,
    SLACK_WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:slack-AbCdEf',
  };

  it('applies the defaults', () => {
    expect(configFromEnv(env)).toEqual({
      environment: 'prod',
      service: 'checkout',
      topics: TOPICS,
      webhookSecretArn: env.SLACK_WEBHOOK_SECRET_ARN,
      metricNamespace: 'checkout/prod',
      slackTimeoutMs: 3000,
      slackMaxAttempts: 3,
      slackRetryBaseMs: 200,
      webhookMaxAgeSeconds: 300,
    });
  });

  it('reads the optional settings', () => {
    const overrides = { METRIC_NAMESPACE: 'Platform/Alerts', SLACK_TIMEOUT_MS: '500', SLACK_MAX_ATTEMPTS: '5' };
    expect(
      configFromEnv({ ...env, ...overrides, SLACK_RETRY_BASE_MS: '10', SLACK_WEBHOOK_MAX_AGE_SECONDS: '60' }),
    ).toMatchObject({
      metricNamespace: 'Platform/Alerts',
      slackTimeoutMs: 500,
      slackMaxAttempts: 5,
      slackRetryBaseMs: 10,
      webhookMaxAgeSeconds: 60,
    });
  });

  it('names what is missing or wrong', () => {
    expect(() => configFromEnv({ ...env, INFO_TOPIC_ARN: undefined })).toThrow('INFO_TOPIC_ARN is required');
    expect(() => configFromEnv({ ...env, SLACK_MAX_ATTEMPTS: '0' })).toThrow(/SLACK_MAX_ATTEMPTS must be a positive/);
  });
});
