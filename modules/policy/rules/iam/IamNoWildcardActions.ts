import { Finding, PolicyRule } from '../../engine';
import { asList } from '../../support/policy-json';
import { allowStatements } from '../../support/iam';

export const IamNoWildcardActions: PolicyRule = {
  id: 'iam-no-wildcard-actions',
  service: 'iam',
  level: 'error',
  description: 'No Allow statement grants "*" or "<service>:*", nor uses NotAction.',
  explanation:
    'Wildcard actions grant every current and future action of a service, including ones that change permissions or delete data.',
  references: { fsbp: 'IAM.21', cdkNag: 'AwsSolutions-IAM5', checkov: 'CKV_AWS_63' },
  check: (stack) =>
    allowStatements(stack).flatMap(({ resource, statement }): Finding[] => {
      if (statement.NotAction !== undefined) return [{ resource, message: 'Allow statement uses NotAction' }];
      const wild = asList(statement.Action).filter((a) => a === '*' || a.endsWith(':*'));
      return wild.length === 0
        ? []
        : [{ resource, message: `Allow statement grants wildcard action(s) ${wild.join(', ')}` }];
    }),
};
