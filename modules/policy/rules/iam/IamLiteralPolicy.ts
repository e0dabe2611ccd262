import { PolicyRule } from '../../engine';
import { permissionPolicies } from '../../support/iam';

export const IamLiteralPolicy: PolicyRule = {
  id: 'iam-literal-policy',
  service: 'iam',
  level: 'error',
  description: 'Permission policies are literal JSON built from objects, so that they can be checked.',
  explanation:
    'A policy that is not literal JSON at synth time (a data source, a template) cannot be checked by any other IAM rule, so it would pass unseen.',
  references: {},
  check: (stack) =>
    permissionPolicies(stack)
      .filter(({ document }) => document === undefined)
      .map(({ resource }) => ({ resource, message: 'policy is not literal JSON; build it with policyDocument()' })),
};
