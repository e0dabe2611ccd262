import { BASELINE_RULES, checkStack } from '../../../../../modules/policy';
import { CodebuildPrivilegedMode } from '../../../../../modules/policy/rules/codebuild/CodebuildPrivilegedMode';
import { messages, stackWith } from './fixtures';

describe('codebuild-privileged-mode: ' + CodebuildPrivilegedMode.description, () => {
  test('compliant: the rule is in the baseline, and a project like BuildProject writes passes', () => {
    expect(BASELINE_RULES).toContain(CodebuildPrivilegedMode);
    expect(checkStack(stackWith(), [CodebuildPrivilegedMode])).toEqual([]);
  });

  test('non-compliant: privileged mode fails unless suppressed with a reason', () => {
    const privileged = stackWith((p) => (p.environment.privileged_mode = true));
    expect(messages(CodebuildPrivilegedMode, privileged)).toEqual(['project runs in privileged mode']);
    const suppressed = stackWith((p) => {
      p.environment.privileged_mode = true;
      p['//'] = { suppressions: { 'codebuild-privileged-mode': 'builds container images' } };
    });
    expect(checkStack(suppressed, [CodebuildPrivilegedMode])).toEqual([]);
  });
});
