import { BASELINE_RULES, checkStack } from '../../../../../modules/policy';
import { CodebuildLogGroup } from '../../../../../modules/policy/rules/codebuild/CodebuildLogGroup';
import { messages, stackWith } from './fixtures';

describe('codebuild-log-group: ' + CodebuildLogGroup.description, () => {
  test('compliant: the rule is in the baseline, and a project like BuildProject writes passes', () => {
    expect(BASELINE_RULES).toContain(CodebuildLogGroup);
    expect(checkStack(stackWith(), [CodebuildLogGroup])).toEqual([]);
  });

  test('non-compliant: logging fails without CloudWatch logs, and with a group the stack does not create', () => {
    expect(
      messages(
        CodebuildLogGroup,
        stackWith((p) => delete p.logs_config),
      ),
    ).toEqual(['project has no logs_config.cloudwatch_logs.group_name']);
    expect(
      messages(
        CodebuildLogGroup,
        stackWith((p) => (p.logs_config.cloudwatch_logs.group_name = '/aws/codebuild/elsewhere')),
      ),
    ).toEqual(['log group /aws/codebuild/elsewhere is not created in this stack']);
  });
});
