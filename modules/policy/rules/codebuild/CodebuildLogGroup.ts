/**
 * Build logs go to a log group of the same stack, so that its retention is set: a project without one writes to a
 * group CodeBuild creates on first use, which keeps logs forever.
 */
import { blocks, type Finding, type PolicyRule } from '../../engine';

export const CodebuildLogGroup: PolicyRule = {
  id: 'codebuild-log-group',
  service: 'codebuild',
  level: 'error',
  description: 'Every CodeBuild project logs to CloudWatch Logs in a log group created in its stack.',
  explanation:
    'A log group CodeBuild creates on first use has no retention and is not managed here, so build logs, which may echo sensitive output, are kept forever.',
  references: { fsbp: 'CodeBuild.4' },
  check: (stack) =>
    stack.resources('aws_codebuild_project').flatMap((p): Finding[] => {
      const logs = blocks(p.config.logs_config).flatMap((l) => blocks(l.cloudwatch_logs));
      const group = logs.find((l) => l.status !== 'DISABLED')?.group_name;
      if (typeof group !== 'string') {
        return [{ resource: p, message: 'project has no logs_config.cloudwatch_logs.group_name' }];
      }
      const owned = stack
        .resources('aws_cloudwatch_log_group')
        .some((g) => group.includes(`\${${g.address}.`) || g.config.name === group);
      return owned ? [] : [{ resource: p, message: `log group ${group} is not created in this stack` }];
    }),
};
