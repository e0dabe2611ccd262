import { Finding, PolicyRule } from '../../engine';

export const LambdaPermissionSourceArn: PolicyRule = {
  id: 'lambda-permission-source-arn',
  service: 'lambda',
  level: 'error',
  description: 'Invoke permissions for AWS services are scoped with source_arn; none is granted to "*".',
  explanation:
    'A service permission without source_arn lets the same service acting for any other account invoke the function (confused deputy).',
  references: { fsbp: 'Lambda.1', checkov: 'CKV_AWS_364' },
  check: (stack) =>
    stack.resources('aws_lambda_permission').flatMap((p): Finding[] => {
      const principal = String(p.config.principal ?? '');
      if (principal === '*') return [{ resource: p, message: 'permission is granted to any principal ("*")' }];
      if (principal.endsWith('.amazonaws.com') && p.config.source_arn === undefined) {
        return [{ resource: p, message: `permission for ${principal} has no source_arn` }];
      }
      return [];
    }),
};
