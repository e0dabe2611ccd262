/** Lambda, CloudWatch Logs and KMS baseline. */
import { blocks, Finding, PolicyRule } from '../engine';

export const lambdaTracing: PolicyRule = {
  id: 'lambda-tracing',
  description: 'Every function has X-Ray active tracing.',
  check: (stack) =>
    stack
      .resources('aws_lambda_function')
      .filter((f) => !blocks(f.config.tracing_config).some((t) => t.mode === 'Active'))
      .map((f) => ({ resource: f, message: 'function does not have tracing_config.mode = "Active"' })),
};

export const lambdaLogGroup: PolicyRule = {
  id: 'lambda-log-group',
  description:
    'Every function has its /aws/lambda/<name> log group in the same stack and depends on it, so that Lambda never creates one without retention.',
  check: (stack) =>
    stack.resources('aws_lambda_function').flatMap((f): Finding[] => {
      const group = stack
        .resources('aws_cloudwatch_log_group')
        .find((g) => g.config.name === `/aws/lambda/${f.config.function_name}`);
      if (group === undefined) {
        return [{ resource: f, message: `no log group /aws/lambda/${f.config.function_name} in this stack` }];
      }
      const dependsOn: unknown[] = f.config.depends_on ?? [];
      return dependsOn.includes(group.address)
        ? []
        : [{ resource: f, message: `function does not depend on its log group ${group.address}` }];
    }),
};

export const lambdaPermissionScoped: PolicyRule = {
  id: 'lambda-permission-source-arn',
  description: 'Invoke permissions for AWS services are scoped with source_arn; none is granted to "*".',
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

export const logsRetention: PolicyRule = {
  id: 'logs-retention',
  description: 'Every log group has a retention period.',
  check: (stack) =>
    stack
      .resources('aws_cloudwatch_log_group')
      .filter((g) => !(typeof g.config.retention_in_days === 'number' && g.config.retention_in_days > 0))
      .map((g) => ({ resource: g, message: 'log group has no retention_in_days' })),
};

export const kmsRotation: PolicyRule = {
  id: 'kms-rotation',
  description: 'Every customer-managed symmetric key rotates.',
  check: (stack) =>
    stack
      .resources('aws_kms_key')
      .filter((k) => (k.config.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT')
      .filter((k) => k.config.enable_key_rotation !== true)
      .map((k) => ({ resource: k, message: 'key does not have enable_key_rotation = true' })),
};

export const COMPUTE_RULES: readonly PolicyRule[] = [
  lambdaTracing,
  lambdaLogGroup,
  lambdaPermissionScoped,
  logsRetention,
  kmsRotation,
];
