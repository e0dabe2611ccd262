import { PagerdutyProdUrgency } from '../../../../../modules/policy/rules/pagerduty/PagerdutyProdUrgency';
import { findingsOf, inEnvironment } from '../../../../support/policy-rules';

describe('pagerduty-prod-urgency: ' + PagerdutyProdUrgency.description, () => {
  test('compliant: prod service with constant high urgency', () => {
    expect(
      findingsOf(
        PagerdutyProdUrgency,
        inEnvironment('prod', {
          pagerduty_service: { s: { name: 's', incident_urgency_rule: { type: 'constant', urgency: 'high' } } },
        }),
      ),
    ).toEqual([]);
  });

  test('non-compliant: prod service with low urgency', () => {
    expect(
      findingsOf(
        PagerdutyProdUrgency,
        inEnvironment('prod', {
          pagerduty_service: { s: { name: 's', incident_urgency_rule: { type: 'constant', urgency: 'low' } } },
        }),
      ),
    ).toEqual(['pagerduty_service.s: service in prod does not have a constant high incident_urgency_rule']);
  });
});
