/**
 * Configuration of the global `github` layer: the repository's settings, the ruleset on its default branch, and one
 * GitHub environment per platform environment (the deploy roles of the bootstrap stack trust exactly these names).
 * The provider's token and owner come from GITHUB_TOKEN and GITHUB_OWNER, never from here.
 */
import { z } from 'zod';
import { intRange } from '../rules';
import { isProduction, type ProductionMarker } from '../../core/environment';

/**
 * The jobs of `.github/workflows/pull-request.yml` that must pass before a pull request merges. A test parses the
 * workflow and compares, so the ruleset and the workflow cannot drift apart.
 */
export const PULL_REQUEST_CHECKS = ['checks', 'audit', 'synth', 'plan'] as const;

const LOGIN_MESSAGE = 'must be a GitHub user login or a numeric user ID';
const TEAM_MESSAGE = 'must be a GitHub team slug of the organization or a numeric team ID';
const login = z.union([
  z.number({ invalid_type_error: LOGIN_MESSAGE }).int(LOGIN_MESSAGE).positive(LOGIN_MESSAGE),
  z.string({ invalid_type_error: LOGIN_MESSAGE }).regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, LOGIN_MESSAGE),
]);
const team = z.union([
  z.number({ invalid_type_error: TEAM_MESSAGE }).int(TEAM_MESSAGE).positive(TEAM_MESSAGE),
  z.string({ invalid_type_error: TEAM_MESSAGE }).regex(/^[a-z0-9][a-z0-9_-]*$/, TEAM_MESSAGE),
]);

const TOPIC_MESSAGE = 'must be a GitHub topic: up to 50 characters of a-z, 0-9 and -, starting with a letter or digit';

const githubEnvironmentSchema = z
  .object({
    /** Who must approve a deployment (GitHub allows six reviewers in all). @default no reviewers */
    reviewers: z
      .object({ users: z.array(login).default([]), teams: z.array(team).default([]) })
      .strict()
      .default({})
      .refine((r) => r.users.length + r.teams.length <= 6, 'GitHub allows at most 6 reviewers per environment'),
    /** The person who started a deployment may not approve it. @default true */
    preventSelfReview: z.boolean().default(true),
    /** Minutes a deployment waits before it starts (GitHub allows up to 43200). @default 0 */
    waitTimerMinutes: intRange(0, 43200).default(0),
  })
  .strict();

export const githubLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Repository description shown on GitHub (up to 350 characters). */
    description: z.string().max(350, 'must be at most 350 characters').optional(),
    /** Repository topics (GitHub allows 20). @default [] */
    topics: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, TOPIC_MESSAGE))
      .max(20, 'GitHub allows at most 20 topics')
      .default([]),
    /** Merge methods pull requests may use. @default squash only */
    mergeMethods: z
      .object({
        mergeCommit: z.boolean().default(false),
        squash: z.boolean().default(true),
        rebase: z.boolean().default(false),
      })
      .strict()
      .default({})
      .refine((m) => m.mergeCommit || m.squash || m.rebase, 'must allow at least one merge method'),
    /** Delete head branches once their pull request merges. @default true */
    deleteBranchOnMerge: z.boolean().default(true),
    /** Dependabot vulnerability alerts. @default true */
    vulnerabilityAlerts: z.boolean().default(true),
    /**
     * Secret scanning and push protection: free on public repositories, a paid feature (Secret Protection) on private
     * ones; turn off where the plan does not include it. @default both on
     */
    secretScanning: z
      .object({ enabled: z.boolean().default(true), pushProtection: z.boolean().default(true) })
      .strict()
      .default({})
      .refine((s) => s.enabled || !s.pushProtection, {
        message: 'pushProtection needs secret scanning enabled',
        path: ['pushProtection'],
      }),
    /** The default branch's ruleset. */
    ruleset: z
      .object({
        /** Approving reviews a pull request needs. @default 1 */
        requiredApprovals: intRange(1, 10).default(1),
        /** New commits dismiss earlier approvals. @default true */
        dismissStaleReviews: z.boolean().default(true),
        /** Code owners must approve changes to what they own. @default false */
        requireCodeOwnerReview: z.boolean().default(false),
        /** The most recent push must be approved by someone other than its author. @default true */
        requireLastPushApproval: z.boolean().default(true),
        /** Status checks that must pass. @default the pull-request workflow's jobs */
        requiredChecks: z
          .array(z.string().min(1))
          .min(1)
          .default([...PULL_REQUEST_CHECKS]),
      })
      .strict()
      .default({}),
    /** Settings of the GitHub environment of each platform environment, by its name. @default no reviewers */
    environments: z.record(githubEnvironmentSchema).default({}),
  })
  .strict();

export type GithubLayerConfig = z.infer<typeof githubLayerSchema>;
export type GithubEnvironmentConfig = z.infer<typeof githubEnvironmentSchema>;

/** The settings of one environment's GitHub environment, with defaults for environments the config does not list. */
export function githubEnvironmentSettings(github: GithubLayerConfig, environment: string): GithubEnvironmentConfig {
  return github.environments[environment] ?? githubEnvironmentSchema.parse({ reviewers: { users: [], teams: [] } });
}

interface GithubWiringInput {
  readonly github: GithubLayerConfig;
  readonly bootstrap: { readonly enabled: boolean };
  readonly environments: Readonly<Record<string, ProductionMarker>>;
}

/** The bootstrap stack exists, environment settings name real environments, and production has a reviewer. */
export function checkGithubWiring(config: GithubWiringInput, ctx: z.RefinementCtx): void {
  if (!config.github.enabled) return;
  if (!config.bootstrap.enabled) {
    ctx.addIssue({
      code: 'custom',
      path: ['github', 'enabled'],
      message: "needs bootstrap.enabled (the Actions variables hold the bootstrap stack's role ARNs and state bucket)",
    });
  }
  const names = Object.keys(config.environments);
  for (const name of Object.keys(config.github.environments)) {
    if (!names.includes(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['github', 'environments', name],
        message: `must name an environment of this preset (${names.join(', ')})`,
      });
    }
  }
  for (const name of names.filter((n) => isProduction(config.environments[n]))) {
    const reviewers = githubEnvironmentSettings(config.github, name).reviewers;
    if (reviewers.users.length + reviewers.teams.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['github', 'environments', name, 'reviewers'],
        message: `must name at least one user or team: deployments to ${name} wait for a reviewer`,
      });
    }
  }
}
