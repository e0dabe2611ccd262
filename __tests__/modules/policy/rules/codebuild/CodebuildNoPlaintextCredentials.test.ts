import { BASELINE_RULES, checkStack } from '../../../../../modules/policy';
import { CodebuildNoPlaintextCredentials } from '../../../../../modules/policy/rules/codebuild/CodebuildNoPlaintextCredentials';
import { CREDENTIAL_SHAPED } from '../../../../support/credential-shapes';
import { messages, stackWith } from './fixtures';

describe('codebuild-no-plaintext-credentials: ' + CodebuildNoPlaintextCredentials.description, () => {
  test('compliant: the rule is in the baseline, and a project like BuildProject writes passes', () => {
    expect(BASELINE_RULES).toContain(CodebuildNoPlaintextCredentials);
    expect(checkStack(stackWith(), [CodebuildNoPlaintextCredentials])).toEqual([]);
  });

  test('non-compliant: plaintext credentials fail, by name or by value', () => {
    const variables: [string, Record<string, unknown>][] = [
      ['a token by name', { name: 'GITHUB_TOKEN', value: 'x' }],
      ['a password by name, type omitted', { name: 'DB_PASSWORD', value: 'x', type: undefined }],
      ['an AWS access key by value', { name: 'KEY_ID', value: CREDENTIAL_SHAPED.awsAccessKeyId, type: 'PLAINTEXT' }],
      ['a Slack webhook by value', { name: 'HOOK', value: CREDENTIAL_SHAPED.slackWebhookUrl, type: 'PLAINTEXT' }],
    ];
    for (const [, variable] of variables) {
      const view = stackWith((p) => p.environment.environment_variable.push({ type: 'PLAINTEXT', ...variable }));
      expect(messages(CodebuildNoPlaintextCredentials, view)).toEqual([
        `environment variable ${variable.name} is PLAINTEXT; pass it as SECRETS_MANAGER or PARAMETER_STORE`,
      ]);
    }
  });

  test('compliant: a credential passed by reference to Secrets Manager or Parameter Store passes', () => {
    const view = stackWith((p) =>
      p.environment.environment_variable.push({ name: 'API_KEY', value: '/svc/key', type: 'PARAMETER_STORE' }),
    );
    expect(messages(CodebuildNoPlaintextCredentials, view)).toEqual([]);
  });
});
