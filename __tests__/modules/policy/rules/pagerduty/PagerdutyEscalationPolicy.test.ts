import { PagerdutyEscalationPolicy } from '../../../../../modules/policy/rules/pagerduty/PagerdutyEscalationPolicy';
import { findingsOf } from '../../../../support/policy-rules';

describe('pagerduty-escalation-policy: ' + PagerdutyEscalationPolicy.description, () => {
  test('compliant: an escalation policy', () => {
    expect(
      findingsOf(PagerdutyEscalationPolicy, {
        resource: { pagerduty_service: { s: { name: 's', escalation_policy: '${pagerduty_escalation_policy.e.id}' } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: none', () => {
    expect(findingsOf(PagerdutyEscalationPolicy, { resource: { pagerduty_service: { s: { name: 's' } } } })).toEqual([
      'pagerduty_service.s: service has no escalation_policy',
    ]);
  });
});
