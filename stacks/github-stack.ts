/**
 * github (global): the repository's own guard rails as code.
 *
 * Provisions: the repository's settings (merge methods, branch clean-up, vulnerability alerts, secret scanning and
 *   push protection, topics, description) on the existing repository, imported and never destroyed; a ruleset on
 *   the default branch (pull request with approvals, stale approvals dismissed, the pull-request workflow's jobs as
 *   required checks, no force push, no deletion); one GitHub environment per platform environment, deployable from
 *   the default branch only, with its reviewers; and the Actions variables the workflows read.
 * Consumes: the bootstrap stack's deploy roles, plan role and state bucket (object references, so cdktf reads them
 *   from the bootstrap stack's state). The GitHub provider's token and owner come from GITHUB_TOKEN and GITHUB_OWNER.
 * Exposes: nothing; the workflows read its variables.
 *
 * No secret is managed here: the workflows authenticate to AWS through OIDC, and the tokens of the PagerDuty and
 * GitHub providers are repository or environment secrets set by an administrator.
 */
import { ActionsEnvironmentVariable } from '@cdktf/provider-github/lib/actions-environment-variable';
import { ActionsVariable } from '@cdktf/provider-github/lib/actions-variable';
import { DataGithubTeam } from '@cdktf/provider-github/lib/data-github-team';
import { DataGithubUser } from '@cdktf/provider-github/lib/data-github-user';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { Repository } from '@cdktf/provider-github/lib/repository';
import { RepositoryEnvironment } from '@cdktf/provider-github/lib/repository-environment';
import { RepositoryEnvironmentDeploymentPolicy } from '@cdktf/provider-github/lib/repository-environment-deployment-policy';
import { RepositoryRuleset } from '@cdktf/provider-github/lib/repository-ruleset';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { githubEnvironmentSettings } from '../config/layers/github';
import type { Environment, PlatformConfig } from '../config/schema';
import { isProduction } from '../core/environment';
import { BaseStack } from './base-stack';
import type { BootstrapStack } from './bootstrap-stack';

export interface GithubStackProps {
  readonly config: PlatformConfig;
  /** Every environment of the configuration: each gets its GitHub environment. */
  readonly environments: readonly Environment[];
  readonly bootstrap: BootstrapStack;
}

/**
 * Repository attributes this layer does not manage. The provider gives them defaults (issues off, for one), which
 * would overwrite the imported repository's values on the first apply.
 */
const UNMANAGED_REPOSITORY_ATTRIBUTES = [
  'has_issues',
  'has_projects',
  'has_wiki',
  'has_downloads',
  'has_discussions',
  'homepage_url',
  'visibility',
  'private',
  'pages',
  'template',
  'allow_auto_merge',
  'allow_update_branch',
  'is_template',
  'web_commit_signoff_required',
];

export class GithubStack extends BaseStack {
  readonly repository: Repository;
  readonly ruleset: RepositoryRuleset;
  readonly environments: Readonly<Record<string, RepositoryEnvironment>>;

  constructor(scope: Construct, props: GithubStackProps) {
    super(scope, { config: props.config, layer: 'github' });
    const { config, bootstrap } = props;
    const github = config.github;
    if (!github.enabled) throw new Error('GithubStack: github.enabled is false');
    // Token and owner from GITHUB_TOKEN and GITHUB_OWNER: neither belongs in configuration or synthesized JSON.
    new GithubProvider(this, 'github', {});

    const secretScanning = github.secretScanning;
    this.repository = new Repository(this, 'repository', {
      name: config.repository.name,
      description: github.description,
      topics: github.topics,
      allowMergeCommit: github.mergeMethods.mergeCommit,
      allowSquashMerge: github.mergeMethods.squash,
      allowRebaseMerge: github.mergeMethods.rebase,
      deleteBranchOnMerge: github.deleteBranchOnMerge,
      vulnerabilityAlerts: github.vulnerabilityAlerts,
      securityAndAnalysis: secretScanning.enabled
        ? {
            secretScanning: { status: 'enabled' },
            secretScanningPushProtection: { status: secretScanning.pushProtection ? 'enabled' : 'disabled' },
          }
        : undefined,
      archiveOnDestroy: true,
      lifecycle: { preventDestroy: true, ignoreChanges: UNMANAGED_REPOSITORY_ATTRIBUTES },
    });
    // The repository exists before the platform: adopt it rather than create it.
    this.repository.importFrom(config.repository.name);

    const ruleset = github.ruleset;
    this.ruleset = new RepositoryRuleset(this, 'default-branch', {
      name: 'default-branch',
      repository: this.repository.name,
      target: 'branch',
      enforcement: 'active',
      conditions: { refName: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
      rules: {
        deletion: true,
        nonFastForward: true,
        pullRequest: {
          requiredApprovingReviewCount: ruleset.requiredApprovals,
          dismissStaleReviewsOnPush: ruleset.dismissStaleReviews,
          requireCodeOwnerReview: ruleset.requireCodeOwnerReview,
          requireLastPushApproval: ruleset.requireLastPushApproval,
          requiredReviewThreadResolution: true,
        },
        requiredStatusChecks: {
          strictRequiredStatusChecksPolicy: true,
          requiredCheck: ruleset.requiredChecks.map((context) => ({ context })),
        },
      },
    });

    const repositoryVariable = (name: string, value: string) =>
      new ActionsVariable(this, `variable-${name.toLowerCase().replace(/_/g, '-')}`, {
        repository: this.repository.name,
        variableName: name,
        value,
      });
    // Pull requests run in no environment: their plan job reads these.
    repositoryVariable('AWS_PLAN_ROLE_ARN', bootstrap.planRole.arn);
    repositoryVariable('AWS_REGION', config.region);
    // The cloud backend keeps state in Terraform Cloud: there is no state bucket to name.
    const stateBucket = bootstrap.stateBucket?.bucket.bucket;
    if (stateBucket !== undefined) repositoryVariable('TF_STATE_BUCKET', stateBucket);

    const users = new Map<string, number>();
    const teams = new Map<string, number>();
    const userId = (login: string | number): number => {
      if (typeof login === 'number') return login;
      if (!users.has(login)) {
        const user = new DataGithubUser(this, `user-${login.toLowerCase()}`, { username: login });
        users.set(login, Token.asNumber(user.id));
      }
      return users.get(login) as number;
    };
    const teamId = (slug: string | number): number => {
      if (typeof slug === 'number') return slug;
      if (!teams.has(slug)) teams.set(slug, Token.asNumber(new DataGithubTeam(this, `team-${slug}`, { slug }).id));
      return teams.get(slug) as number;
    };

    const environments: Record<string, RepositoryEnvironment> = {};
    for (const env of props.environments) {
      const settings = githubEnvironmentSettings(github, env.name);
      const reviewers = {
        users: settings.reviewers.users.map(userId),
        teams: settings.reviewers.teams.map(teamId),
      };
      const hasReviewers = reviewers.users.length + reviewers.teams.length > 0;
      const environment = new RepositoryEnvironment(this, `environment-${env.name}`, {
        repository: this.repository.name,
        environment: env.name,
        reviewers: hasReviewers ? [reviewers] : undefined,
        preventSelfReview: hasReviewers ? settings.preventSelfReview : undefined,
        waitTimer: settings.waitTimerMinutes,
        canAdminsBypass: false,
        deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
        // Deleting a production environment drops its reviewers and deployment history with it.
        lifecycle: isProduction(env) ? { preventDestroy: true } : undefined,
      });
      new RepositoryEnvironmentDeploymentPolicy(this, `environment-${env.name}-branch`, {
        repository: this.repository.name,
        environment: environment.environment,
        branchPattern: config.repository.defaultBranch,
      });
      const variables: Record<string, string> = {
        AWS_DEPLOY_ROLE_ARN: bootstrap.deployRoles[env.name].arn,
        AWS_PLAN_ROLE_ARN: bootstrap.planRole.arn,
        AWS_REGION: env.region ?? config.region,
        ...(stateBucket !== undefined ? { TF_STATE_BUCKET: stateBucket } : {}),
      };
      for (const [name, value] of Object.entries(variables)) {
        new ActionsEnvironmentVariable(this, `environment-${env.name}-${name.toLowerCase().replace(/_/g, '-')}`, {
          repository: this.repository.name,
          environment: environment.environment,
          variableName: name,
          value,
        });
      }
      environments[env.name] = environment;
    }
    this.environments = environments;
  }
}
