/**
 * Notifications as AWS sends them. The alarm JSON follows CloudWatch's SNS notification format (Trigger.Dimensions
 * entries are lower-case `name`/`value`, Statistic is upper case, AlarmDescription may be null), the events follow
 * EventBridge's envelope, and the records follow the SNS-to-Lambda event.
 */
import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import type { AlertProcessorConfig } from '../../../lambdas/alert-processor';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const TOPICS = {
  critical: `arn:aws:sns:${REGION}:${ACCOUNT}:checkout-prod-alerts-critical`,
  warning: `arn:aws:sns:${REGION}:${ACCOUNT}:checkout-prod-alerts-warning`,
  info: `arn:aws:sns:${REGION}:${ACCOUNT}:checkout-prod-alerts-info`,
};

export const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:checkout-prod/slack-webhook-AbCdEf`;

export const CONFIG: AlertProcessorConfig = {
  environment: 'prod',
  service: 'checkout',
  topics: TOPICS,
  webhookSecretArn: SECRET_ARN,
  metricNamespace: 'checkout/prod',
  slackTimeoutMs: 3000,
  slackMaxAttempts: 3,
  slackRetryBaseMs: 200,
  webhookMaxAgeSeconds: 300,
};

const alarmArn = (name: string): string => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;

export function metricAlarm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AlarmName: 'checkout-prod-api-errors',
    AlarmDescription: 'Errors above 5 in 5 minutes. Runbook: https://runbooks.example.com/lambda-errors',
    AWSAccountId: ACCOUNT,
    AlarmConfigurationUpdatedTimestamp: '2025-01-10T09:12:44.210+0000',
    NewStateValue: 'ALARM',
    NewStateReason:
      'Threshold Crossed: 1 out of the last 1 datapoints [12.0 (15/01/25 10:25:00)] was greater than the threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).',
    StateChangeTime: '2025-01-15T10:30:12.345+0000',
    Region: 'US East (N. Virginia)',
    AlarmArn: alarmArn('checkout-prod-api-errors'),
    OldStateValue: 'OK',
    OKActions: [TOPICS.critical],
    AlarmActions: [TOPICS.critical],
    InsufficientDataActions: [],
    Trigger: {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      StatisticType: 'Statistic',
      Statistic: 'SUM',
      Unit: null,
      Dimensions: [{ value: 'checkout-prod-api', name: 'FunctionName' }],
      Period: 300,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5.0,
      TreatMissingData: 'notBreaching',
      EvaluateLowSampleCountPercentile: '',
    },
    ...overrides,
  };
}

export function compositeAlarm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AlarmName: 'checkout-prod-degraded',
    AlarmDescription: 'Errors and latency are both high. Runbook: https://runbooks.example.com/checkout-degraded',
    AWSAccountId: ACCOUNT,
    NewStateValue: 'ALARM',
    NewStateReason: `${alarmArn('checkout-prod-api-errors')} transitioned to ALARM at Wednesday 15 January, 2025 10:30:12 UTC`,
    StateChangeTime: '2025-01-15T10:31:02.118+0000',
    Region: 'US East (N. Virginia)',
    AlarmArn: alarmArn('checkout-prod-degraded'),
    OldStateValue: 'OK',
    OKActions: [],
    AlarmActions: [TOPICS.warning],
    InsufficientDataActions: [],
    AlarmRule: 'ALARM("checkout-prod-api-errors") AND ALARM("checkout-prod-api-latency")',
    TriggeringChildren: [
      {
        Arn: alarmArn('checkout-prod-api-errors'),
        State: { Value: 'ALARM', Timestamp: '2025-01-15T10:30:12.345+0000' },
      },
    ],
    ...overrides,
  };
}

export function pipelineEvent(): Record<string, unknown> {
  return {
    version: '0',
    id: '6b1e39f1-1c3b-4f0e-9a57-2f8d1e0c4b7a',
    'detail-type': 'CodePipeline Pipeline Execution State Change',
    source: 'aws.codepipeline',
    account: ACCOUNT,
    time: '2025-01-15T11:02:03Z',
    region: REGION,
    resources: [`arn:aws:codepipeline:${REGION}:${ACCOUNT}:checkout-prod-deploy`],
    detail: {
      pipeline: 'checkout-prod-deploy',
      'execution-id': '0c7d7a8e-5d4f-4c4b-8d53-7d1f5e2a9b10',
      'execution-trigger': { 'trigger-type': 'StartPipelineExecution', 'trigger-detail': 'deploy-bot' },
      state: 'FAILED',
      version: 3,
      'pipeline-execution-attempt': 1,
    },
  };
}

let messageCounter = 0;

export function snsRecord(message: string, topicArn: string = TOPICS.critical, subject?: string): SNSEventRecord {
  const messageId = `00000000-0000-4000-8000-${String(++messageCounter).padStart(12, '0')}`;
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: `${topicArn}:11111111-2222-4333-8444-555555555555`,
    Sns: {
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: topicArn,
      Subject: subject,
      Message: message,
      Timestamp: '2025-01-15T10:30:12.400Z',
      SignatureVersion: '1',
      Signature: 'EXAMPLE',
      SigningCertUrl: `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-0000000000000000000000000000000.pem`,
      UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:11111111-2222-4333-8444-555555555555`,
      MessageAttributes: {},
    },
  };
}

export const alarmRecord = (alarm: Record<string, unknown>, topicArn: string = TOPICS.critical): SNSEventRecord =>
  snsRecord(
    JSON.stringify(alarm),
    topicArn,
    `${String(alarm.NewStateValue)}: "${String(alarm.AlarmName)}" in US East (N. Virginia)`,
  );

export const snsEvent = (...records: SNSEventRecord[]): SNSEvent => ({ Records: records });
