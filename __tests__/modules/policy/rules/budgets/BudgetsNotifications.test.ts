import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { BudgetsNotifications } from '../../../../../modules/policy/rules/budgets/BudgetsNotifications';
import { testStack, violatedRules } from '../../../../support/stacks';

const budget = { budgetType: 'COST', limitAmount: '100', limitUnit: 'USD', timeUnit: 'MONTHLY' };
const notification = {
  comparisonOperator: 'GREATER_THAN',
  threshold: 80,
  thresholdType: 'PERCENTAGE',
  notificationType: 'FORECASTED',
};

describe('budget-notifications: ' + BudgetsNotifications.description, () => {
  test('is in the baseline', () => expect(BASELINE_RULES).toContain(BudgetsNotifications));

  test('compliant: a budget that notifies a topic passes', () => {
    const stack = testStack();
    new BudgetsBudget(stack, 'b', {
      name: 'b',
      ...budget,
      notification: [{ ...notification, subscriberSnsTopicArns: ['arn:aws:sns:us-east-1:111111111111:t'] }],
    });
    expect(violatedRules(stack, [BudgetsNotifications])).toEqual([]);
  });

  test('non-compliant: fails when a budget has no notification, or one without subscribers', () => {
    const stack = testStack();
    new BudgetsBudget(stack, 'none', { name: 'none', ...budget });
    new BudgetsBudget(stack, 'empty', { name: 'empty', ...budget, notification: [{ ...notification }] });
    expect(violatedRules(stack, [BudgetsNotifications])).toEqual(['budget-notifications', 'budget-notifications']);
  });
});
