import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { AlertProcessor, AlertProcessorProps } from '../../modules/alert-processor';
import { Naming } from '../../modules/naming';
import { BASELINE_RULES } from '../../modules/policy';
import { parsePolicy } from '../../modules/policy/support/policy-json';
import { statementsOf } from '../../modules/policy/support/policy-json';
import { testTopics } from '../support/alerting';
import { onlyResource, resourcesOf, testStack, violatedRules } from '../support/stacks';

function build(props: Partial<AlertProcessorProps> = {}, encrypted = true) {
  const stack = testStack();
  const key = new KmsKey(stack, 'key', { enableKeyRotation: true });
  const topics = testTopics(stack, { kmsMasterKeyId: key.arn });
  const secret = new SecretsmanagerSecret(stack, 'webhook', { name: 'svc-dev-slack-webhook', kmsKeyId: key.arn });
  const processor = new AlertProcessor(stack, 'processor', {
    naming: new Naming('svc', 'dev'),
    service: 'svc',
    environment: 'dev',
    region: 'eu-west-1',
    topics,
    webhookSecret: secret,
    secretKey: encrypted ? key : undefined,
    slack: { timeoutMs: 3000, maxAttempts: 3, retryBaseMs: 200 },
    logRetentionDays: 14,
    ...props,
  });
  return { stack, processor };
}

function roleStatements(stack: ReturnType<typeof build>['stack']) {
  return statementsOf(parsePolicy(onlyResource(stack, 'aws_iam_role_policy').policy));
}

describe('AlertProcessor', () => {
  test('deploys lambdas/alert-processor with the environment the handler reads', () => {
    const { stack } = build();
    const fn = onlyResource(stack, 'aws_lambda_function');
    expect(fn.function_name).toBe('svc-dev-alert-processor');
    expect(fn.filename).toMatch(/alert-processor-[0-9a-f]{12}\.zip$/);
    expect(fn.timeout).toBe(24);
    expect(fn.environment.variables).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      SERVICE: 'svc',
      ENVIRONMENT: 'dev',
      CRITICAL_TOPIC_ARN: '${aws_sns_topic.critical.arn}',
      WARNING_TOPIC_ARN: '${aws_sns_topic.warning.arn}',
      INFO_TOPIC_ARN: '${aws_sns_topic.info.arn}',
      SLACK_WEBHOOK_SECRET_ARN: '${aws_secretsmanager_secret.webhook.arn}',
      METRIC_NAMESPACE: 'svc/dev',
      SLACK_TIMEOUT_MS: '3000',
      SLACK_MAX_ATTEMPTS: '3',
      SLACK_RETRY_BASE_MS: '200',
    });
  });

  test('is invoked asynchronously, with a failure queue for deliveries that failed after the retries', () => {
    const { stack, processor } = build();
    expect(processor.fn.failureQueue).toBeDefined();
    expect(onlyResource(stack, 'aws_lambda_function_event_invoke_config')).toMatchObject({
      maximum_retry_attempts: 2,
      destination_config: { on_failure: { destination: expect.stringContaining('aws_sqs_queue.') } },
    });
  });

  test('subscribes to all three topics, each invoke permission scoped to its topic', () => {
    const { stack } = build();
    const subscriptions = Object.values(resourcesOf(stack, 'aws_sns_topic_subscription'));
    expect(subscriptions.map((s) => [s.topic_arn, s.protocol])).toEqual([
      ['${aws_sns_topic.critical.arn}', 'lambda'],
      ['${aws_sns_topic.warning.arn}', 'lambda'],
      ['${aws_sns_topic.info.arn}', 'lambda'],
    ]);
    const permissions = Object.values(resourcesOf(stack, 'aws_lambda_permission'));
    expect(permissions.map((p) => [p.principal, p.source_arn])).toEqual([
      ['sns.amazonaws.com', '${aws_sns_topic.critical.arn}'],
      ['sns.amazonaws.com', '${aws_sns_topic.warning.arn}'],
      ['sns.amazonaws.com', '${aws_sns_topic.info.arn}'],
    ]);
    expect(subscriptions[0].depends_on).toEqual([expect.stringMatching(/^aws_lambda_permission\./)]);
    // Each subscription waits for the permission of its own topic, or SNS's first delivery may be refused.
    expect(subscriptions.map((s) => s.depends_on)).toEqual(
      ['critical', 'warning', 'info'].map((severity) => [
        expect.stringMatching(new RegExp(`^aws_lambda_permission\\.processor_${severity}-invoke_`)),
      ]),
    );
  });

  test('alerts SNS cannot deliver are redriven to the encrypted, TLS-only failure queue, which admits only the topics', () => {
    const { stack } = build();
    const queue = Object.keys(resourcesOf(stack, 'aws_sqs_queue'));
    expect(queue).toHaveLength(1);
    const queueArn = `\${aws_sqs_queue.${queue[0]}.arn}`;
    for (const s of Object.values(resourcesOf(stack, 'aws_sns_topic_subscription'))) {
      expect(JSON.parse(s.redrive_policy)).toEqual({ deadLetterTargetArn: queueArn });
    }
    const statements = JSON.parse(onlyResource(stack, 'aws_sqs_queue_policy').policy).Statement;
    expect(statements).toEqual([
      expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Resource: queueArn }),
      expect.objectContaining({
        Sid: 'UndeliveredAlerts',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: {
          ArnEquals: {
            'aws:SourceArn': [
              '${aws_sns_topic.critical.arn}',
              '${aws_sns_topic.warning.arn}',
              '${aws_sns_topic.info.arn}',
            ],
          },
        },
      }),
    ]);
  });

  test('subscribes to the given severities only', () => {
    const { stack, processor } = build({ severities: ['warning', 'info'] });
    expect(Object.keys(processor.subscriptions)).toEqual(['warning', 'info']);
    expect(Object.keys(resourcesOf(stack, 'aws_sns_topic_subscription'))).toHaveLength(2);
  });

  test('its role reads the webhook secret and decrypts it only through Secrets Manager', () => {
    const statements = roleStatements(build().stack);
    expect(statements.slice(-2)).toEqual([
      {
        Sid: 'ReadSlackWebhook',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: '${aws_secretsmanager_secret.webhook.arn}',
      },
      {
        Sid: 'DecryptSlackWebhook',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '${aws_kms_key.key.arn}',
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      },
    ]);
    const actions = statements.flatMap((s) => s.Action);
    expect(actions).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'sqs:SendMessage',
      'secretsmanager:GetSecretValue',
      'kms:Decrypt',
    ]);
  });

  test('needs no key permission when the secret uses the AWS-managed key', () => {
    const statements = roleStatements(build({}, false).stack);
    expect(statements.map((s) => s.Sid)).not.toContain('DecryptSlackWebhook');
  });

  test('passes the baseline policy rules', () => {
    expect(violatedRules(build().stack, BASELINE_RULES)).toEqual([]);
  });

  test('fails when no severity is given', () => {
    expect(() => build({ severities: [] })).toThrow('AlertProcessor: severities must name at least one severity');
  });
});
