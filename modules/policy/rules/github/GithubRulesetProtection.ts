/**
 * The default branch changes only through reviewed pull requests whose checks passed: a repository managed here has
 * an active ruleset on its default branch with approvals, stale approvals dismissed, required status checks, and
 * neither force pushes nor deletion.
 */
import { blocks, type Finding, type PolicyRule, type SynthResource } from '../../engine';

function targetsDefaultBranch(ruleset: SynthResource): boolean {
  if (ruleset.config.target !== 'branch') return false;
  const include = blocks(ruleset.config.conditions)
    .flatMap((c) => blocks(c.ref_name))
    .flatMap((r) => (Array.isArray(r.include) ? r.include : []));
  return include.includes('~DEFAULT_BRANCH') || include.includes('~ALL');
}

function problems(ruleset: SynthResource): string[] {
  const rules = blocks(ruleset.config.rules)[0] ?? {};
  const pullRequest = blocks(rules.pull_request)[0];
  const checks = blocks(rules.required_status_checks)[0];
  const found: string[] = [];
  if (ruleset.config.enforcement !== 'active') found.push(`enforcement is ${ruleset.config.enforcement}, not active`);
  if (pullRequest === undefined) found.push('no pull_request rule');
  else {
    if (!(Number(pullRequest.required_approving_review_count) >= 1)) found.push('fewer than 1 approving review');
    if (pullRequest.dismiss_stale_reviews_on_push !== true) found.push('stale reviews are not dismissed');
  }
  if (checks === undefined || blocks(checks.required_check).length === 0) found.push('no required status checks');
  if (rules.non_fast_forward !== true) found.push('force pushes are allowed (non_fast_forward)');
  if (rules.deletion !== true) found.push('the branch may be deleted (deletion)');
  return found;
}

export const GithubRulesetProtection: PolicyRule = {
  id: 'github-ruleset-protection',
  service: 'github',
  level: 'error',
  description:
    'A managed repository has an active default-branch ruleset: pull requests with at least one approval, stale ' +
    'reviews dismissed, required status checks, no force push, no deletion.',
  explanation:
    'The default branch is what the pipeline deploys: without a ruleset, a force push or an unreviewed merge deploys straight to the environments.',
  references: {},
  check: (stack) => {
    const rulesets = stack.resources('github_repository_ruleset').filter(targetsDefaultBranch);
    const findings: Finding[] = rulesets.flatMap((r) => problems(r).map((message) => ({ resource: r, message })));
    for (const repository of stack.resources('github_repository')) {
      const guarded = rulesets.some((r) => String(r.config.repository).includes(`\${${repository.address}.`));
      if (!guarded) findings.push({ resource: repository, message: 'no ruleset protects the default branch' });
    }
    return findings;
  },
};
