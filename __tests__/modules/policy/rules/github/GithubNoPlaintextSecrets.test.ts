import { GithubNoPlaintextSecrets } from '../../../../../modules/policy/rules/github/GithubNoPlaintextSecrets';
import { messages } from './fixtures';

describe('github-no-plaintext-secrets: ' + GithubNoPlaintextSecrets.description, () => {
  test('compliant: variables with role ARNs and a region pass, and so does a secret whose value is set out of band', () => {
    expect(
      messages(GithubNoPlaintextSecrets, {
        github_actions_environment_variable: { a: { variable_name: 'AWS_DEPLOY_ROLE_ARN', value: '${x.arn}' } },
        github_actions_variable: { b: { variable_name: 'AWS_REGION', value: 'us-east-1' } },
        github_actions_secret: { c: { secret_name: 'PAGERDUTY_TOKEN' } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: fails with a secret value in configuration', () => {
    expect(
      messages(GithubNoPlaintextSecrets, {
        github_actions_secret: { c: { secret_name: 'PAGERDUTY_TOKEN', plaintext_value: 'abc' } },
      }),
    ).toEqual(['secret PAGERDUTY_TOKEN has its value in configuration']);
  });

  test('non-compliant: fails with a credential in a variable, by name or by value', () => {
    expect(
      messages(GithubNoPlaintextSecrets, {
        github_actions_variable: {
          a: { variable_name: 'SLACK_WEBHOOK_URL', value: 'x' },
          b: { variable_name: 'ADMIN', value: `ghp_${'a'.repeat(36)}` },
        },
      }),
    ).toEqual(['variable SLACK_WEBHOOK_URL looks like a credential', 'variable ADMIN looks like a credential']);
  });
});
