import { StackView } from '../../../modules/policy';
import { githubEnvironmentProtection } from '../../../modules/policy/rules/github/environment-protection';
import { githubNoPlaintextSecrets } from '../../../modules/policy/rules/github/no-plaintext-secrets';
import { githubOidcProvider } from '../../../modules/policy/rules/github/oidc-provider';
import { githubRulesetProtection } from '../../../modules/policy/rules/github/ruleset-protection';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const view = (resource: Json) => new StackView('svc-github', { resource });
const messages = (rule: { check: (v: StackView) => { message: string }[] }, resource: Json) =>
  rule.check(view(resource)).map((f) => f.message);

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

describe('GitHub ruleset rule', () => {
  test('a repository with a complete default-branch ruleset passes', () => {
    expect(messages(githubRulesetProtection, ruleset())).toEqual([]);
  });

  test('a repository without a default-branch ruleset fails', () => {
    expect(messages(githubRulesetProtection, { github_repository: { repository: { name: 'repo' } } })).toEqual([
      'no ruleset protects the default branch',
    ]);
    const other = ruleset((r) => (r.conditions.ref_name.include = ['refs/heads/release']));
    expect(messages(githubRulesetProtection, other)).toEqual(['no ruleset protects the default branch']);
  });

  test.each([
    ['evaluate-only enforcement', (r: Json) => (r.enforcement = 'evaluate'), 'enforcement is evaluate, not active'],
    ['no pull request rule', (r: Json) => delete r.rules.pull_request, 'no pull_request rule'],
    [
      'no approval',
      (r: Json) => (r.rules.pull_request.required_approving_review_count = 0),
      'fewer than 1 approving review',
    ],
    [
      'stale approvals kept',
      (r: Json) => (r.rules.pull_request.dismiss_stale_reviews_on_push = false),
      'stale reviews are not dismissed',
    ],
    ['no status check', (r: Json) => (r.rules.required_status_checks.required_check = []), 'no required status checks'],
    ['force pushes', (r: Json) => delete r.rules.non_fast_forward, 'force pushes are allowed (non_fast_forward)'],
    ['deletion', (r: Json) => (r.rules.deletion = false), 'the branch may be deleted (deletion)'],
  ])('fails with %s', (_, change, message) => {
    expect(messages(githubRulesetProtection, ruleset(change))).toEqual([message]);
  });
});

describe('GitHub environment rule', () => {
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

  test('a production environment with reviewers and a branch policy passes; dev needs no reviewer', () => {
    expect(messages(githubEnvironmentProtection, environment('prod'))).toEqual([]);
    expect(
      messages(
        githubEnvironmentProtection,
        environment('dev', (e) => delete e.reviewers),
      ),
    ).toEqual([]);
  });

  test('fails without a branch policy, in any environment', () => {
    expect(
      messages(
        githubEnvironmentProtection,
        environment('dev', (e) => delete e.deployment_branch_policy),
      ),
    ).toEqual(['environment has no deployment_branch_policy (any branch may deploy)']);
  });

  test('fails in production without reviewers, or when administrators may bypass them (the provider default)', () => {
    expect(
      messages(
        githubEnvironmentProtection,
        environment('production', (e) => (e.reviewers = [])),
      ),
    ).toEqual(['production environment has no reviewers']);
    expect(
      messages(
        githubEnvironmentProtection,
        environment('prod', (e) => delete e.can_admins_bypass),
      ),
    ).toEqual(['production environment lets administrators bypass its reviewers']);
  });
});

describe('GitHub secrets rule', () => {
  test('variables with role ARNs and a region pass, and so does a secret whose value is set out of band', () => {
    expect(
      messages(githubNoPlaintextSecrets, {
        github_actions_environment_variable: { a: { variable_name: 'AWS_DEPLOY_ROLE_ARN', value: '${x.arn}' } },
        github_actions_variable: { b: { variable_name: 'AWS_REGION', value: 'us-east-1' } },
        github_actions_secret: { c: { secret_name: 'PAGERDUTY_TOKEN' } },
      }),
    ).toEqual([]);
  });

  test('fails with a secret value in configuration', () => {
    expect(
      messages(githubNoPlaintextSecrets, {
        github_actions_secret: { c: { secret_name: 'PAGERDUTY_TOKEN', plaintext_value: 'abc' } },
      }),
    ).toEqual(['secret PAGERDUTY_TOKEN has its value in configuration']);
  });

  test('fails with a credential in a variable, by name or by value', () => {
    expect(
      messages(githubNoPlaintextSecrets, {
        github_actions_variable: {
          a: { variable_name: 'SLACK_WEBHOOK_URL', value: 'x' },
          b: { variable_name: 'ADMIN', value: `ghp_${'a'.repeat(36)}` },
        },
      }),
    ).toEqual(['variable SLACK_WEBHOOK_URL looks like a credential', 'variable ADMIN looks like a credential']);
  });
});

describe('GitHub OIDC provider rule', () => {
  const provider = (client_id_list: string[]) => ({
    aws_iam_openid_connect_provider: { github: { url: 'https://token.actions.githubusercontent.com', client_id_list } },
  });

  test('the STS audience alone passes', () => {
    expect(messages(githubOidcProvider, provider(['sts.amazonaws.com']))).toEqual([]);
  });

  test('fails with a further audience', () => {
    expect(messages(githubOidcProvider, provider(['sts.amazonaws.com', 'other']))).toEqual([
      'GitHub OIDC provider audiences must be exactly ["sts.amazonaws.com"], got ["sts.amazonaws.com","other"]',
    ]);
  });
});
