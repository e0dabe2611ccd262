import { githubEnvironmentSettings, githubLayerSchema, PULL_REQUEST_CHECKS } from '../../config/layers/github';
import { loadConfig } from '../../config/load';
import { MutableInput, platformWith, problemsOf } from '../support/config';

describe('github layer configuration', () => {
  test('defaults: off, squash merges only, branches deleted on merge, alerts and secret scanning on, one approval', () => {
    const github = githubLayerSchema.parse({});
    expect(github).toMatchObject({
      enabled: false,
      topics: [],
      mergeMethods: { mergeCommit: false, squash: true, rebase: false },
      deleteBranchOnMerge: true,
      vulnerabilityAlerts: true,
      secretScanning: { enabled: true, pushProtection: true },
      ruleset: { requiredApprovals: 1, dismissStaleReviews: true, requiredChecks: [...PULL_REQUEST_CHECKS] },
      environments: {},
    });
  });

  test('an environment the config does not list gets no reviewers and self-review prevented', () => {
    const github = githubLayerSchema.parse({ enabled: true });
    expect(githubEnvironmentSettings(github, 'dev')).toEqual({
      reviewers: { users: [], teams: [] },
      preventSelfReview: true,
      waitTimerMinutes: 0,
    });
  });

  test('energy-insights requires reviewers in staging and prod, by login and team slug', () => {
    const { github } = loadConfig({ preset: 'energy-insights' });
    expect(github.enabled).toBe(true);
    expect(github.environments.prod.reviewers).toEqual({
      users: ['product-owner-login'],
      teams: ['energy-insights-leads'],
    });
    expect(github.environments.staging.reviewers.teams).toEqual(['energy-insights-qa']);
  });

  test.each([
    [
      'topics are not GitHub topics',
      (c: MutableInput) => (c.github.topics = ['Has Spaces']),
      'github.topics.0: must be a GitHub topic',
    ],
    [
      'no merge method is allowed',
      (c: MutableInput) => (c.github.mergeMethods = { squash: false }),
      'github.mergeMethods: must allow at least one merge method',
    ],
    [
      'push protection is on without secret scanning',
      (c: MutableInput) => (c.github.secretScanning = { enabled: false, pushProtection: true }),
      'github.secretScanning.pushProtection: pushProtection needs secret scanning enabled',
    ],
    [
      'no approval is required',
      (c: MutableInput) => (c.github.ruleset = { requiredApprovals: 0 }),
      'github.ruleset.requiredApprovals: must be a whole number between 1 and 10, got 0',
    ],
    [
      'prod has no reviewer',
      (c: MutableInput) => (c.github.environments = {}),
      'github.environments.prod.reviewers: must name at least one user or team: deployments to prod wait for a reviewer',
    ],
    [
      'an environment is not one of the preset',
      (c: MutableInput) => (c.github.environments.qa = {}),
      'github.environments.qa: must name an environment of this preset (dev, staging, prod)',
    ],
    [
      'a reviewer is not a login',
      (c: MutableInput) => (c.github.environments.prod.reviewers = { users: ['not a login'] }),
      'github.environments.prod.reviewers.users.0: must be a GitHub user login or a numeric user ID',
    ],
    [
      'more than six reviewers',
      (c: MutableInput) => (c.github.environments.prod.reviewers = { users: [1, 2, 3, 4], teams: [5, 6, 7] }),
      'github.environments.prod.reviewers: GitHub allows at most 6 reviewers per environment',
    ],
    [
      'the bootstrap stack is off',
      (c: MutableInput) => (c.bootstrap = { enabled: false }),
      "github.enabled: needs bootstrap.enabled (the Actions variables hold the bootstrap stack's role ARNs and state bucket)",
    ],
  ])('fails when %s', (_, change, problem) => {
    expect(problemsOf(platformWith(change)).some((p) => p.startsWith(problem))).toBe(true);
  });
});
