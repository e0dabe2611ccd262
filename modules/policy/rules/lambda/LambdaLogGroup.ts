import { Finding, PolicyRule } from '../../engine';

export const LambdaLogGroup: PolicyRule = {
  id: 'lambda-log-group',
  service: 'lambda',
  level: 'error',
  description:
    'Every function has its /aws/lambda/<name> log group in the same stack and depends on it, so that Lambda never creates one without retention.',
  explanation: 'If Lambda creates the log group itself it keeps logs forever (no retention) and outside Terraform.',
  references: { cdkNag: 'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod' },
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
