/**
 * A subscription filter that delivers to a function needs the function to admit CloudWatch Logs for that log group
 * only: a permission without source_arn would let any log group of any account invoke it.
 */
import type { Finding, PolicyRule, SynthResource } from '../../engine';

const LAMBDA_ARN_REF = /^\$\{aws_lambda_function\.([\w-]+)\.arn\}$/;

function scopes(permission: SynthResource, logGroupName: unknown, stackGroups: SynthResource[]): boolean {
  const source = String(permission.config.source_arn ?? '');
  const group = stackGroups.find((g) => `\${${g.address}.name}` === logGroupName || g.config.name === logGroupName);
  if (group && source.includes(`\${${group.address}.arn}`)) return true;
  // A log group of another stack: its name and ARN arrive through the same remote state output prefix.
  const name = String(logGroupName);
  const remote = /outputs\.cross-stack-output-(aws_cloudwatch_log_group[\w-]+?)name\}$/.exec(name);
  return remote !== null && source.includes(`cross-stack-output-${remote[1]}arn}`);
}

export const LogsSubscriptionPermission: PolicyRule = {
  id: 'logs-subscription-permission',
  service: 'logs',
  level: 'error',
  description:
    'Every subscription filter that delivers to a function of the stack has a logs.amazonaws.com permission on that function scoped by source_arn to the filtered log group.',
  explanation:
    'Without the permission the subscription cannot deliver; without source_arn, any log group of any account may invoke the function.',
  references: {},
  check: (stack) => {
    const permissions = stack.resources('aws_lambda_permission');
    const groups = stack.resources('aws_cloudwatch_log_group');
    return stack.resources('aws_cloudwatch_log_subscription_filter').flatMap((filter): Finding[] => {
      const fn = LAMBDA_ARN_REF.exec(String(filter.config.destination_arn ?? ''))?.[1];
      if (fn === undefined) return [];
      const granted = permissions.some(
        (p) =>
          p.config.principal === 'logs.amazonaws.com' &&
          String(p.config.function_name ?? '').includes(`aws_lambda_function.${fn}.`) &&
          scopes(p, filter.config.log_group_name, groups),
      );
      return granted
        ? []
        : [
            {
              resource: filter,
              message: 'no logs.amazonaws.com permission on the destination scoped to this log group',
            },
          ];
    });
  },
};
