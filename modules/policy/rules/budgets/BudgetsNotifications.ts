/** A budget that tells nobody is a number in the billing console: every budget notifies a subscriber. */
import { blocks, type Finding, type PolicyRule } from '../../engine';

export const BudgetsNotifications: PolicyRule = {
  id: 'budget-notifications',
  service: 'budgets',
  level: 'error',
  description: 'Every budget has at least one notification with an SNS or email subscriber.',
  explanation: 'A budget nobody is told about crosses its threshold unnoticed: the overspend is found on the invoice.',
  references: {},
  check: (stack) =>
    stack.resources('aws_budgets_budget').flatMap((b): Finding[] => {
      const notified = blocks(b.config.notification).some(
        (n) => (n.subscriber_sns_topic_arns ?? []).length > 0 || (n.subscriber_email_addresses ?? []).length > 0,
      );
      return notified ? [] : [{ resource: b, message: 'budget has no notification with a subscriber' }];
    }),
};
