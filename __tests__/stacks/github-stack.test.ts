import { checkTerraformStack } from '../../modules/policy';
import { synthPreset } from '../support/app';
import { resources } from '../support/compute';
import { pullRequestCheckNames } from '../support/workflows';

const synth = synthPreset({ preset: 'energy-insights' });
const json = synth.json('energy-insights-github');
const bootstrapState = '${data.terraform_remote_state.cross-stack-reference-input-energy-insights-bootstrap.outputs.';

describe('GithubStack (energy-insights)', () => {
  test('adopts the existing repository by import and never destroys it; pins its address', () => {
    expect(json.import).toEqual([{ id: 'energy-data-insights', to: 'github_repository.repository' }]);
    expect(resources(json, 'github_repository').repository).toMatchObject({
      name: 'energy-data-insights',
      description: 'AWS Energy Data Insights platform',
      topics: ['energy', 'aws', 'cdktf'],
      allow_squash_merge: true,
      allow_merge_commit: false,
      allow_rebase_merge: false,
      delete_branch_on_merge: true,
      vulnerability_alerts: true,
      archive_on_destroy: true,
      security_and_analysis: {
        secret_scanning: { status: 'enabled' },
        secret_scanning_push_protection: { status: 'enabled' },
      },
      lifecycle: { prevent_destroy: true },
    });
    expect(resources(json, 'github_repository').repository.lifecycle.ignore_changes).toContain('has_issues');
  });

  test('the token and owner come from the environment: the provider block is empty', () => {
    expect(json.provider.github).toEqual([{}]);
    expect(JSON.stringify(json)).not.toMatch(/"token"|"owner"/);
  });

  test('the default-branch ruleset requires the pull-request workflow jobs by their exact names', () => {
    const ruleset = resources(json, 'github_repository_ruleset')['default-branch'];
    expect(ruleset).toMatchObject({
      target: 'branch',
      enforcement: 'active',
      conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
      rules: {
        deletion: true,
        non_fast_forward: true,
        pull_request: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true },
        required_status_checks: { strict_required_status_checks_policy: true },
      },
    });
    const required = ruleset.rules.required_status_checks.required_check.map((c: { context: string }) => c.context);
    expect([...required].sort()).toEqual(pullRequestCheckNames().sort());
  });

  test('one environment per platform environment, deployable from the default branch only', () => {
    const environments = resources(json, 'github_repository_environment');
    expect(
      Object.values(environments)
        .map((e) => e.environment)
        .sort(),
    ).toEqual(['dev', 'prod', 'staging']);
    for (const e of Object.values(environments)) {
      expect(e.deployment_branch_policy).toEqual({ protected_branches: false, custom_branch_policies: true });
      expect(e.can_admins_bypass).toBe(false);
    }
    const policies = Object.values(resources(json, 'github_repository_environment_deployment_policy'));
    expect(policies.map((p) => [p.environment, p.branch_pattern]).sort()).toEqual([
      ['${github_repository_environment.environment-dev.environment}', 'main'],
      ['${github_repository_environment.environment-prod.environment}', 'main'],
      ['${github_repository_environment.environment-staging.environment}', 'main'],
    ]);
  });

  test('prod waits for its reviewers, looked up by login and team slug; dev has none', () => {
    const environments = resources(json, 'github_repository_environment');
    expect(environments['environment-prod']).toMatchObject({
      prevent_self_review: true,
      reviewers: [
        {
          users: ['${data.github_user.user-product-owner-login.id}'],
          teams: ['${data.github_team.team-energy-insights-leads.id}'],
        },
      ],
    });
    expect(environments['environment-dev'].reviewers).toBeUndefined();
    expect(json.data.github_user['user-product-owner-login'].username).toBe('product-owner-login');
    expect(json.data.github_team['team-energy-insights-leads'].slug).toBe('energy-insights-leads');
  });

  test('each environment gets its deploy role, the plan role, region and state bucket from the bootstrap state', () => {
    const variables = Object.values(resources(json, 'github_actions_environment_variable')).filter(
      (v) => v.environment === '${github_repository_environment.environment-prod.environment}',
    );
    const byName = Object.fromEntries(variables.map((v) => [v.variable_name, v.value]));
    expect(Object.keys(byName).sort()).toEqual([
      'AWS_DEPLOY_ROLE_ARN',
      'AWS_PLAN_ROLE_ARN',
      'AWS_REGION',
      'TF_STATE_BUCKET',
    ]);
    expect(byName.AWS_DEPLOY_ROLE_ARN).toBe(`${bootstrapState}cross-stack-output-aws_iam_roledeploy-prodarn}`);
    expect(byName.AWS_PLAN_ROLE_ARN).toMatch(
      new RegExp(
        `^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-energy-insights-bootstrap\\.outputs\\.`,
      ),
    );
    expect(byName.AWS_REGION).toBe('us-east-1');
    expect(synth.dependencies['energy-insights-github']).toEqual(['energy-insights-bootstrap']);
  });

  test('pull requests, which run in no environment, read the plan role from repository variables', () => {
    const names = Object.values(resources(json, 'github_actions_variable')).map((v) => v.variable_name);
    expect(names.sort()).toEqual(['AWS_PLAN_ROLE_ARN', 'AWS_REGION', 'TF_STATE_BUCKET']);
  });

  test('holds no secret: no Actions secret resource, and it passes the policy check', () => {
    expect(Object.keys(json.resource).filter((t) => t.includes('secret'))).toEqual([]);
    expect(checkTerraformStack(synth.stacks.github!)).toEqual([]);
  });
});
