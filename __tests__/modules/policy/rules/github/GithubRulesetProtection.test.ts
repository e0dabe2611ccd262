import { GithubRulesetProtection } from '../../../../../modules/policy/rules/github/GithubRulesetProtection';
import { Json, messages } from './fixtures';

function ruleset(change: (r: Json) => void = () => undefined): Json {
  const r: Json = {
    repository: '${github_repository.repository.name}',
    target: 'branch',
    enforcement: 'active',
    conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
    rules: {
      deletion: true,
      non_fast_forward: true,
      pull_request: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true },
      required_status_checks: { required_check: [{ context: 'checks' }] },
    },
  };
  change(r);
  return { github_repository: { repository: { name: 'repo' } }, github_repository_ruleset: { main: r } };
}

describe('github-ruleset-protection: ' + GithubRulesetProtection.description, () => {
  test('compliant: a repository with a complete default-branch ruleset passes', () => {
    expect(messages(GithubRulesetProtection, ruleset())).toEqual([]);
  });

  test('non-compliant: a repository without a default-branch ruleset fails', () => {
    expect(messages(GithubRulesetProtection, { github_repository: { repository: { name: 'repo' } } })).toEqual([
      'no ruleset protects the default branch',
    ]);
    const other = ruleset((r) => (r.conditions.ref_name.include = ['refs/heads/release']));
    expect(messages(GithubRulesetProtection, other)).toEqual(['no ruleset protects the default branch']);
  });

  test('non-compliant: fails with each gap in the ruleset', () => {
    const cases: [string, (r: Json) => unknown, string][] = [
      ['evaluate-only enforcement', (r) => (r.enforcement = 'evaluate'), 'enforcement is evaluate, not active'],
      ['no pull request rule', (r) => delete r.rules.pull_request, 'no pull_request rule'],
      [
        'no approval',
        (r) => (r.rules.pull_request.required_approving_review_count = 0),
        'fewer than 1 approving review',
      ],
      [
        'stale approvals kept',
        (r) => (r.rules.pull_request.dismiss_stale_reviews_on_push = false),
        'stale reviews are not dismissed',
      ],
      ['no status check', (r) => (r.rules.required_status_checks.required_check = []), 'no required status checks'],
      ['force pushes', (r) => delete r.rules.non_fast_forward, 'force pushes are allowed (non_fast_forward)'],
      ['deletion', (r) => (r.rules.deletion = false), 'the branch may be deleted (deletion)'],
    ];
    for (const [, change, message] of cases) {
      expect(messages(GithubRulesetProtection, ruleset(change))).toEqual([message]);
    }
  });
});
