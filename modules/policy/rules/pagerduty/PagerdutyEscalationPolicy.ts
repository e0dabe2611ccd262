import { PolicyRule } from '../../engine';

export const PagerdutyEscalationPolicy: PolicyRule = {
  id: 'pagerduty-escalation-policy',
  service: 'pagerduty',
  level: 'error',
  description: 'Every PagerDuty service has an escalation policy, so that its incidents reach someone.',
  explanation: 'A service without an escalation policy opens incidents that page nobody.',
  references: {},
  check: (stack) =>
    stack
      .resources('pagerduty_service')
      .filter((s) => typeof s.config.escalation_policy !== 'string' || s.config.escalation_policy.trim() === '')
      .map((s) => ({ resource: s, message: 'service has no escalation_policy' })),
};
