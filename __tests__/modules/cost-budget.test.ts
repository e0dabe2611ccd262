import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { CostBudget } from '../../modules/cost-budget';
import { BASELINE_RULES } from '../../modules/policy';
import { onlyResource, testStack, violatedRules } from '../support/stacks';

describe('CostBudget', () => {
  test('a monthly cost budget of the environment tag, warning at the forecast and actual thresholds', () => {
    const stack = testStack();
    const topic = new SnsTopic(stack, 'warning', {
      name: 'w',
      kmsMasterKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k',
    });
    new CostBudget(stack, 'budget', {
      budgetName: 'svc-dev-monthly-cost',
      monthlyLimitUsd: 250,
      environment: 'dev',
      topic,
    });
    expect(onlyResource(stack, 'aws_budgets_budget')).toMatchObject({
      name: 'svc-dev-monthly-cost',
      budget_type: 'COST',
      limit_amount: '250.00',
      limit_unit: 'USD',
      time_unit: 'MONTHLY',
      cost_filter: [{ name: 'TagKeyValue', values: ['user:Environment$dev'] }],
      notification: [
        {
          notification_type: 'FORECASTED',
          threshold: 80,
          threshold_type: 'PERCENTAGE',
          comparison_operator: 'GREATER_THAN',
          subscriber_sns_topic_arns: ['${aws_sns_topic.warning.arn}'],
        },
        {
          notification_type: 'ACTUAL',
          threshold: 100,
          threshold_type: 'PERCENTAGE',
          comparison_operator: 'GREATER_THAN',
          subscriber_sns_topic_arns: ['${aws_sns_topic.warning.arn}'],
        },
      ],
    });
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });

  test('fails when the limit is not a positive amount', () => {
    const stack = testStack();
    const topic = new SnsTopic(stack, 'warning', { name: 'w' });
    expect(
      () => new CostBudget(stack, 'budget', { budgetName: 'b', monthlyLimitUsd: 0, environment: 'dev', topic }),
    ).toThrow('CostBudget: monthlyLimitUsd must be a positive amount, got 0');
  });
});
