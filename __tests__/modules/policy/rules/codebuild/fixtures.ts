/** A CodeBuild project as the platform's BuildProject writes it, for the CodeBuild rule tests. */
import { PolicyRule, StackView } from '../../../../../modules/policy';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A project as the platform's BuildProject writes it, with one change. */
export function stackWith(change: (project: Json) => void = () => undefined): StackView {
  const project: Json = {
    name: 'svc-synth',
    encryption_key: '${aws_kms_key.key.arn}',
    environment: {
      type: 'LINUX_CONTAINER',
      privileged_mode: false,
      environment_variable: [
        { name: 'PLATFORM_PRESET', value: 'platform', type: 'PLAINTEXT' },
        { name: 'PAGERDUTY_TOKEN', value: 'svc-pagerduty-token', type: 'SECRETS_MANAGER' },
      ],
    },
    logs_config: { cloudwatch_logs: { status: 'ENABLED', group_name: '${aws_cloudwatch_log_group.logs.name}' } },
  };
  change(project);
  return new StackView('svc-pipeline', {
    resource: {
      aws_codebuild_project: { synth: project },
      aws_cloudwatch_log_group: { logs: { name: '/aws/codebuild/svc-synth', retention_in_days: 30 } },
    },
  });
}

export const messages = (rule: PolicyRule, view: StackView) => rule.check(view).map((f) => f.message);
