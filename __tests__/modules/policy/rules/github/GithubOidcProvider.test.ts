import { GithubOidcProvider } from '../../../../../modules/policy/rules/github/GithubOidcProvider';
import { messages } from './fixtures';

describe('github-oidc-provider: ' + GithubOidcProvider.description, () => {
  const provider = (client_id_list: string[]) => ({
    aws_iam_openid_connect_provider: { github: { url: 'https://token.actions.githubusercontent.com', client_id_list } },
  });

  test('compliant: the STS audience alone passes', () => {
    expect(messages(GithubOidcProvider, provider(['sts.amazonaws.com']))).toEqual([]);
  });

  test('non-compliant: fails with a further audience', () => {
    expect(messages(GithubOidcProvider, provider(['sts.amazonaws.com', 'other']))).toEqual([
      'GitHub OIDC provider audiences must be exactly ["sts.amazonaws.com"], got ["sts.amazonaws.com","other"]',
    ]);
  });
});
