import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { LogsSubscriptionPermission } from '../../../../../modules/policy/rules/logs/LogsSubscriptionPermission';
import { testStack, violatedRules } from '../../../../support/stacks';

function setUp() {
  const stack = testStack();
  const fn = new LambdaFunction(stack, 'processor', {
    functionName: 'processor',
    role: 'arn:aws:iam::111111111111:role/r',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    filename: 'x.zip',
  });
  const group = new CloudwatchLogGroup(stack, 'group', { name: '/aws/lambda/api', retentionInDays: 7 });
  const other = new CloudwatchLogGroup(stack, 'other', { name: '/aws/lambda/other', retentionInDays: 7 });
  const subscribe = (id: string) =>
    new CloudwatchLogSubscriptionFilter(stack, id, {
      name: id,
      logGroupName: group.name,
      filterPattern: 'ERROR',
      destinationArn: fn.arn,
    });
  return { stack, fn, group, other, subscribe };
}

describe('logs-subscription-permission: ' + LogsSubscriptionPermission.description, () => {
  test('is in the baseline', () => expect(BASELINE_RULES).toContain(LogsSubscriptionPermission));

  test('compliant: a subscription whose destination admits CloudWatch Logs for that log group passes', () => {
    const { stack, fn, group, subscribe } = setUp();
    new LambdaPermission(stack, 'p', {
      action: 'lambda:InvokeFunction',
      functionName: fn.functionName,
      principal: 'logs.amazonaws.com',
      sourceArn: `${group.arn}:*`,
    });
    subscribe('s');
    expect(violatedRules(stack, [LogsSubscriptionPermission])).toEqual([]);
  });

  test('non-compliant: fails when the permission is missing or scoped to another log group', () => {
    const { stack, fn, other, subscribe } = setUp();
    subscribe('unpermitted');
    expect(violatedRules(stack, [LogsSubscriptionPermission])).toEqual(['logs-subscription-permission']);
    new LambdaPermission(stack, 'p', {
      action: 'lambda:InvokeFunction',
      functionName: fn.functionName,
      principal: 'logs.amazonaws.com',
      sourceArn: `${other.arn}:*`,
    });
    expect(violatedRules(stack, [LogsSubscriptionPermission])).toEqual(['logs-subscription-permission']);
  });
});
