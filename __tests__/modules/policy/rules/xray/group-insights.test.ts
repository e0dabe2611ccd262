import { XrayGroup } from '@cdktf/provider-aws/lib/xray-group';
import { BASELINE_RULES } from '../../../../../modules/policy';
import { xrayGroupInsights } from '../../../../../modules/policy/rules/xray/group-insights';
import { testStack, violatedRules } from '../../../../support/stacks';

describe('xray-group-insights', () => {
  test('is in the baseline', () => expect(BASELINE_RULES).toContain(xrayGroupInsights));

  test('a group with insights passes', () => {
    const stack = testStack();
    new XrayGroup(stack, 'g', {
      groupName: 'g',
      filterExpression: 'responsetime > 5',
      insightsConfiguration: { insightsEnabled: true },
    });
    expect(violatedRules(stack, [xrayGroupInsights])).toEqual([]);
  });

  test('fails when a group has no insights configuration or has insights off', () => {
    const stack = testStack();
    new XrayGroup(stack, 'none', { groupName: 'none', filterExpression: 'responsetime > 5' });
    new XrayGroup(stack, 'off', {
      groupName: 'off',
      filterExpression: 'responsetime > 5',
      insightsConfiguration: { insightsEnabled: false },
    });
    expect(violatedRules(stack, [xrayGroupInsights])).toEqual(['xray-group-insights', 'xray-group-insights']);
  });
});
