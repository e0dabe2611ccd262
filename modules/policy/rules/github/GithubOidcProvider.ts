/**
 * The GitHub Actions OIDC provider is the one the roles' trust conditions assume: GitHub's issuer, and STS as the
 * only audience (a wider audience list admits tokens minted for other services).
 */
import type { PolicyRule } from '../../engine';

const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';

export const GithubOidcProvider: PolicyRule = {
  id: 'github-oidc-provider',
  service: 'github',
  level: 'error',
  description: 'A GitHub Actions OIDC provider has the audience sts.amazonaws.com only.',
  explanation:
    'The roles trust the provider on the assumption that its tokens were minted for STS; extra audiences admit tokens issued for other services.',
  references: {},
  check: (stack) =>
    stack
      .resources('aws_iam_openid_connect_provider')
      .filter((p) => String(p.config.url ?? '').replace(/\/+$/, '') === GITHUB_OIDC_URL)
      .filter((p) => {
        const audiences = Array.isArray(p.config.client_id_list) ? p.config.client_id_list : [];
        return audiences.length !== 1 || audiences[0] !== 'sts.amazonaws.com';
      })
      .map((p) => ({
        resource: p,
        message: `GitHub OIDC provider audiences must be exactly ["sts.amazonaws.com"], got ${JSON.stringify(p.config.client_id_list)}`,
      })),
};
