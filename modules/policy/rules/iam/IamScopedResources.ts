import { Finding, PolicyRule } from '../../engine';
import { asList } from '../../support/policy-json';
import { ACTIONS_WITHOUT_RESOURCE_SCOPE, allowStatements } from '../../support/iam';

export const IamScopedResources: PolicyRule = {
  id: 'iam-scoped-resources',
  service: 'iam',
  level: 'error',
  description: 'Allow statements name their resources; "*" only for actions that have no resource-level permissions.',
  explanation:
    'Resource "*" extends a grant to every resource of the account, including other environments\' and other teams\'.',
  references: { cdkNag: 'AwsSolutions-IAM5', checkov: 'CKV_AWS_355' },
  check: (stack) =>
    allowStatements(stack).flatMap(({ resource, statement }): Finding[] => {
      if (!asList(statement.Resource).includes('*')) return [];
      const scopable = asList(statement.Action).filter((a) => !ACTIONS_WITHOUT_RESOURCE_SCOPE.has(a));
      return scopable.length === 0
        ? []
        : [{ resource, message: `Allow statement grants ${scopable.join(', ')} on Resource "*"` }];
    }),
};
