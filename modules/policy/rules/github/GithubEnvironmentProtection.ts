/**
 * Deployment environments accept deployments from chosen branches only, and production ones wait for a reviewer
 * whom administrators cannot bypass.
 */
import { blocks, type Finding, type PolicyRule } from '../../engine';

export const GithubEnvironmentProtection: PolicyRule = {
  id: 'github-environment-protection',
  service: 'github',
  level: 'error',
  description:
    'Every GitHub environment restricts the branches that deploy to it; production environments require reviewers ' +
    'and do not let administrators bypass them.',
  explanation:
    'An environment any branch may deploy to, or a production one without an unbypassable reviewer, lets unreviewed code reach the accounts the environment can assume roles in.',
  references: {},
  check: (stack) =>
    stack.resources('github_repository_environment').flatMap((e): Finding[] => {
      const found: Finding[] = [];
      const policy = blocks(e.config.deployment_branch_policy)[0];
      if (policy === undefined || (policy.protected_branches !== true && policy.custom_branch_policies !== true)) {
        found.push({ resource: e, message: 'environment has no deployment_branch_policy (any branch may deploy)' });
      }
      // The github stack marks production environments (core/environment.ts isProduction) with prevent_destroy.
      const production = (e.config.lifecycle as { prevent_destroy?: unknown } | undefined)?.prevent_destroy === true;
      if (production) {
        const reviewers = blocks(e.config.reviewers).flatMap((r) => [...(r.users ?? []), ...(r.teams ?? [])]);
        if (reviewers.length === 0) found.push({ resource: e, message: 'production environment has no reviewers' });
        // The provider's default lets administrators bypass the reviewers.
        if (e.config.can_admins_bypass !== false) {
          found.push({ resource: e, message: 'production environment lets administrators bypass its reviewers' });
        }
      }
      return found;
    }),
};
