/** X-Ray groups exist to be watched: without insights, nobody hears of the anomalies in their traces. */
import { blocks, type PolicyRule } from '../../engine';

export const XrayGroupInsights: PolicyRule = {
  id: 'xray-group-insights',
  service: 'xray',
  level: 'error',
  description: 'Every X-Ray group has insights enabled.',
  explanation: 'A group exists to be watched; without insights nobody is told about the anomalies in its traces.',
  references: {},
  check: (stack) =>
    stack
      .resources('aws_xray_group')
      .filter((g) => !blocks(g.config.insights_configuration).some((c) => c.insights_enabled === true))
      .map((g) => ({ resource: g, message: 'group does not have insights_configuration.insights_enabled = true' })),
};
