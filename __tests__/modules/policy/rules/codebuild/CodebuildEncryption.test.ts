import { BASELINE_RULES, checkStack } from '../../../../../modules/policy';
import { CodebuildEncryption } from '../../../../../modules/policy/rules/codebuild/CodebuildEncryption';
import { messages, stackWith } from './fixtures';

describe('codebuild-encryption: ' + CodebuildEncryption.description, () => {
  test('compliant: the rule is in the baseline, and a project like BuildProject writes passes', () => {
    expect(BASELINE_RULES).toContain(CodebuildEncryption);
    expect(checkStack(stackWith(), [CodebuildEncryption])).toEqual([]);
  });

  test('non-compliant: encryption fails with no key, and with the AWS-managed S3 key', () => {
    const changes: [string, (p: Record<string, unknown>) => unknown][] = [
      ['no key', (p) => delete p.encryption_key],
      ['the AWS-managed S3 key', (p) => (p.encryption_key = 'alias/aws/s3')],
    ];
    for (const [, change] of changes) {
      expect(messages(CodebuildEncryption, stackWith(change))).toEqual([
        'project has no customer-managed encryption_key',
      ]);
    }
  });
});
