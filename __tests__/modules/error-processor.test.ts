import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { BASELINE_RULES } from '../../modules/policy';
import { ErrorProcessor, ERROR_SUBSCRIPTION_PATTERN } from '../../modules/error-processor';
import { Naming } from '../../modules/naming';
import { resourcesOf, testStack, violatedRules } from '../support/stacks';

function setUp(dedupWindowSeconds?: number) {
  const stack = testStack();
  const topic = new SnsTopic(stack, 'warning', {
    name: 'svc-dev-warning-alerts',
    kmsMasterKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k',
  });
  const processor = new ErrorProcessor(stack, 'error-processor', {
    naming: new Naming('svc', 'dev'),
    service: 'svc',
    environment: 'dev',
    region: 'us-east-1',
    warningTopic: topic,
    logRetentionDays: 7,
    dedupWindowSeconds,
  });
  return { stack, processor };
}

describe('ErrorProcessor', () => {
  test('subscribes a log group with a permission scoped to it, and passes the baseline', () => {
    const { stack, processor } = setUp();
    const group = new CloudwatchLogGroup(stack, 'api-logs', { name: '/aws/lambda/svc-dev-api', retentionInDays: 7 });
    processor.subscribe('svc-dev-api', group);

    const [permission] = Object.values(resourcesOf(stack, 'aws_lambda_permission'));
    expect(permission).toMatchObject({
      principal: 'logs.amazonaws.com',
      source_arn: `\${aws_cloudwatch_log_group.${group.friendlyUniqueId}.arn}:*`,
    });
    const [filter] = Object.values(resourcesOf(stack, 'aws_cloudwatch_log_subscription_filter'));
    expect(filter).toMatchObject({
      log_group_name: `\${aws_cloudwatch_log_group.${group.friendlyUniqueId}.name}`,
      filter_pattern: ERROR_SUBSCRIPTION_PATTERN,
      depends_on: [expect.stringMatching(/^aws_lambda_permission\./)],
    });
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });

  test('may publish to the warning topic and use its idempotency table, nothing more', () => {
    const { stack } = setUp();
    const [policy] = Object.values(resourcesOf(stack, 'aws_iam_role_policy'));
    const statements = JSON.parse(policy.policy).Statement.map((s: { Sid: string; Action: string[] }) => [
      s.Sid,
      s.Action,
    ]);
    expect(statements).toEqual(
      expect.arrayContaining([
        ['PublishSummaries', 'sns:Publish'],
        ['IdempotencyRecords', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']],
      ]),
    );
    expect(Object.values(resourcesOf(stack, 'aws_dynamodb_table'))).toEqual([
      expect.objectContaining({
        name: 'svc-dev-error-processor-idempotency',
        hash_key: 'id',
        ttl: { attribute_name: 'expiration', enabled: true },
      }),
    ]);
  });

  test('fails when asked to subscribe its own log group', () => {
    const { processor } = setUp();
    expect(() => processor.subscribe('self', processor.fn.logGroup)).toThrow('its own log group cannot be subscribed');
  });

  test('fails when the deduplication window is under a minute', () => {
    expect(() => setUp(30)).toThrow('dedupWindowSeconds must be a whole number of at least 60, got 30');
  });
});
