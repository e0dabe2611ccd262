import { XrayGroup } from '@cdktf/provider-aws/lib/xray-group';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { XrayGroupInsights } from '../../../../../modules/policy/rules/xray/XrayGroupInsights';
import { testStack, violatedRules } from '../../../../support/stacks';

describe('xray-group-insights: ' + XrayGroupInsights.description, () => {
  test('is in the baseline', () => expect(BASELINE_RULES).toContain(XrayGroupInsights));

  test('compliant: a group with insights passes', () => {
    const stack = testStack();
    new XrayGroup(stack, 'g', {
      groupName: 'g',
      filterExpression: 'responsetime > 5',
      insightsConfiguration: { insightsEnabled: true },
    });
    expect(violatedRules(stack, [XrayGroupInsights])).toEqual([]);
  });

  test('non-compliant: fails when a group has no insights configuration or has insights off', () => {
    const stack = testStack();
    new XrayGroup(stack, 'none', { groupName: 'none', filterExpression: 'responsetime > 5' });
    new XrayGroup(stack, 'off', {
      groupName: 'off',
      filterExpression: 'responsetime > 5',
      insightsConfiguration: { insightsEnabled: false },
    });
    expect(violatedRules(stack, [XrayGroupInsights])).toEqual(['xray-group-insights', 'xray-group-insights']);
  });
});
