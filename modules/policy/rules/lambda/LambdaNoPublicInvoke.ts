import { Finding, PolicyRule } from '../../engine';
import { wildcardSource } from '../../support/lambda';

export const LambdaNoPublicInvoke: PolicyRule = {
  id: 'lambda-no-public-invoke',
  service: 'lambda',
  level: 'error',
  description:
    'Invoke permissions name one principal and a concrete source: no "*" principal, no wildcard region, account or resource in source_arn.',
  explanation: 'A "*" principal or wildcard source lets anyone, or any account\'s resources, invoke the function.',
  references: {
    fsbp: 'Lambda.1',
    cdkNag: 'NIST.800.53.R5-LambdaFunctionPublicAccessProhibited',
    checkov: 'CKV_AWS_301',
  },
  check: (stack) =>
    stack.resources('aws_lambda_permission').flatMap((p): Finding[] => {
      if (String(p.config.principal ?? '') === '*') {
        return [{ resource: p, message: 'permission lets anyone invoke the function (principal "*")' }];
      }
      const source = p.config.source_arn;
      if (typeof source === 'string' && !source.startsWith('${') && wildcardSource(source)) {
        return [{ resource: p, message: `source_arn ${source} has a wildcard region, account or resource` }];
      }
      if (p.config.function_url_auth_type === 'NONE') {
        return [{ resource: p, message: 'permission opens a function URL without authentication' }];
      }
      return [];
    }),
};
