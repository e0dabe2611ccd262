import { blocks, Finding, PolicyRule } from '../../engine';
import { isProductionStack, stackEnvironment } from '../../support/environment';

export const PagerdutyProdUrgency: PolicyRule = {
  id: 'pagerduty-prod-urgency',
  service: 'pagerduty',
  level: 'error',
  description: 'PagerDuty services of production stacks open every incident with high urgency.',
  explanation: 'Low-urgency incidents do not page; production incidents must wake someone.',
  references: {},
  check: (stack) => {
    const environment = stackEnvironment(stack);
    if (environment === undefined || !isProductionStack(stack)) return [];
    return stack.resources('pagerduty_service').flatMap((s): Finding[] => {
      const high = blocks(s.config.incident_urgency_rule).some((r) => r.type === 'constant' && r.urgency === 'high');
      return high
        ? []
        : [{ resource: s, message: `service in ${environment} does not have a constant high incident_urgency_rule` }];
    });
  },
};
