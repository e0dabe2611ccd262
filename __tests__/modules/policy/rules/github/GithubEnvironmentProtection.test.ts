import { GithubEnvironmentProtection } from '../../../../../modules/policy/rules/github/GithubEnvironmentProtection';
import { Json, messages } from './fixtures';

describe('github-environment-protection: ' + GithubEnvironmentProtection.description, () => {
  const environment = (name: string, change: (e: Json) => void = () => undefined): Json => {
    const e: Json = {
      environment: name,
      can_admins_bypass: false,
      reviewers: [{ users: [1], teams: [] }],
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      // What the github stack puts on production environments (isProduction).
      ...(['prod', 'production'].includes(name) ? { lifecycle: { prevent_destroy: true } } : {}),
    };
    change(e);
    return { github_repository_environment: { [name]: e } };
  };

  test('compliant: a production environment with reviewers and a branch policy passes; dev needs no reviewer', () => {
    expect(messages(GithubEnvironmentProtection, environment('prod'))).toEqual([]);
    expect(
      messages(
        GithubEnvironmentProtection,
        environment('dev', (e) => delete e.reviewers),
      ),
    ).toEqual([]);
  });

  test('non-compliant: fails without a branch policy, in any environment', () => {
    expect(
      messages(
        GithubEnvironmentProtection,
        environment('dev', (e) => delete e.deployment_branch_policy),
      ),
    ).toEqual(['environment has no deployment_branch_policy (any branch may deploy)']);
  });

  test('non-compliant: fails in production without reviewers, or when administrators may bypass them (the provider default)', () => {
    expect(
      messages(
        GithubEnvironmentProtection,
        environment('production', (e) => (e.reviewers = [])),
      ),
    ).toEqual(['production environment has no reviewers']);
    expect(
      messages(
        GithubEnvironmentProtection,
        environment('prod', (e) => delete e.can_admins_bypass),
      ),
    ).toEqual(['production environment lets administrators bypass its reviewers']);
  });
});
