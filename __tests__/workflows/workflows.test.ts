/**
 * The repository's own workflows: GitHub's workflow parser accepts them, they call only scripts that exist, every
 * action is pinned to a commit, permissions are least privilege per job, and the ruleset's required checks are the
 * pull-request workflow's jobs.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { PULL_REQUEST_CHECKS } from '../../config/layers/github';
import { pullRequestCheckNames, readWorkflow, Workflow, WORKFLOW_DIR, workflowFiles } from '../support/workflows';

const ROOT = resolve(__dirname, '..', '..');
const CHECKER = join(ROOT, 'scripts', 'check-workflows.mjs');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const files = workflowFiles();
const workflows = Object.fromEntries(files.map((f) => [f, readWorkflow(f)]));

const jobsOf = (file: string) => Object.entries(workflows[file].jobs as Record<string, Workflow>);
const stepsOf = (job: Workflow): Workflow[] => job.steps ?? [];
const allSteps = () => files.flatMap((f) => jobsOf(f).flatMap(([, job]) => stepsOf(job)));

describe('workflow files', () => {
  test('the pull-request, plan, deploy and per-environment deploy workflows exist', () => {
    expect(files).toEqual(['deploy-environment.yml', 'deploy.yml', 'plan-stack.yml', 'pull-request.yml']);
  });

  test("GitHub's workflow parser accepts every workflow and converts its jobs", () => {
    const result = spawnSync('node', [CHECKER, '--json'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { file: string; errors: string[]; jobs: string[] }[];
    expect(report.map((r) => r.file)).toEqual(files);
    for (const r of report) {
      expect(r.errors).toEqual([]);
      expect(r.jobs).toEqual(Object.keys(workflows[r.file].jobs));
    }
    expect(result.status).toBe(0);
  });

  test('the parser check fails on a broken workflow, naming the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflows-'));
    writeFileSync(join(dir, 'broken.yml'), 'on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ github.( }}\n');
    const result = spawnSync('node', [CHECKER, '--dir', dir], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Required property is missing: runs-on');
    expect(result.stdout).toMatch(/Line: 5/);
  });
});

describe('run steps', () => {
  const runs = allSteps()
    .map((s) => s.run)
    .filter((r): r is string => typeof r === 'string');

  test('every `npm run <script>` names a script of package.json', () => {
    const called = runs.flatMap((r) => [...r.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]));
    expect(called.length).toBeGreaterThan(0);
    for (const script of called) expect(Object.keys(packageJson.scripts)).toContain(script);
  });

  test('every `node scripts/<file>` exists', () => {
    const called = runs.flatMap((r) => [...r.matchAll(/node (scripts\/[\w.-]+)/g)].map((m) => m[1]));
    expect(called.length).toBeGreaterThan(0);
    for (const file of called) expect(existsSync(join(ROOT, file))).toBe(true);
  });

  test('install from the lock file, type check, lint, tests with the coverage threshold, audit, synth', () => {
    const pr = runs.join('\n');
    for (const command of ['npm ci', 'npm run typecheck', 'npm run lint', 'npm run test:coverage', 'npm run synth']) {
      expect(pr).toContain(command);
    }
    expect(pr).toMatch(/npm audit .*--audit-level=high/);
    expect(pr).toContain('terraform validate');
  });

  test('coverage is enforced at 70 % by jest only under test:coverage; npm test stays plain jest', () => {
    expect(packageJson.scripts.test).toBe('jest');
    expect(packageJson.scripts['test:coverage']).toBe('jest --coverage');
    const config = require(join(ROOT, 'jest.config.js'));
    expect(config.collectCoverage).toBeUndefined();
    for (const metric of ['statements', 'branches', 'functions', 'lines']) {
      expect(config.coverageThreshold.global[metric]).toBeGreaterThanOrEqual(70);
    }
  });
});

describe('actions', () => {
  const usesLines = files.flatMap((f) =>
    readFileSync(join(WORKFLOW_DIR, f), 'utf8')
      .split('\n')
      .filter((line) => /^\s*(- )?uses:/.test(line))
      .map((line) => ({ file: f, line: line.trim() })),
  );

  test('every action is pinned to a full commit SHA, with its version beside it', () => {
    const external = usesLines.filter(({ line }) => !line.includes('./.github/'));
    expect(external.length).toBeGreaterThan(0);
    for (const { line } of external) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  test('one pinned commit per action across the workflows', () => {
    const shas = new Map<string, Set<string>>();
    for (const { line } of usesLines.filter(({ line }) => !line.includes('./.github/'))) {
      const [, action, sha] = /uses: ([^@]+)@(\w+)/.exec(line) as RegExpExecArray;
      shas.set(action, (shas.get(action) ?? new Set()).add(sha));
    }
    for (const set of shas.values()) expect(set.size).toBe(1);
  });

  test('reusable workflows are called from this repository only', () => {
    for (const { line } of usesLines.filter(({ line }) => line.includes('.github/workflows'))) {
      expect(line).toMatch(/uses: \.\/\.github\/workflows\/[\w-]+\.yml$/);
    }
  });
});

describe('permissions', () => {
  const usesOidc = (job: Workflow): boolean => {
    if (typeof job.uses === 'string') {
      const called = readWorkflow(job.uses.replace('./.github/workflows/', ''));
      return Object.values(called.jobs as Record<string, Workflow>).some(usesOidc);
    }
    return stepsOf(job).some((s) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'));
  };

  test('every workflow grants nothing at the top level', () => {
    for (const file of files) expect(workflows[file].permissions).toEqual({});
  });

  test('every job states its permissions, and the only writes are id-token and pull-requests', () => {
    const all = files.flatMap((f) =>
      jobsOf(f).map(([id, job]) => ({ job: `${f}:${id}`, permissions: job.permissions })),
    );
    expect(all.filter((j) => typeof j.permissions !== 'object').map((j) => j.job)).toEqual([]);
    const writes = all.flatMap((j) =>
      Object.entries(j.permissions as Record<string, string>)
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope),
    );
    expect([...new Set(writes)].sort()).toEqual(['id-token', 'pull-requests']);
  });

  test('id-token: write exactly where a job (or the workflow it calls) assumes an AWS role through OIDC', () => {
    for (const file of files) {
      for (const [id, job] of jobsOf(file)) {
        expect({ file, id, oidc: job.permissions['id-token'] === 'write' }).toEqual({ file, id, oidc: usesOidc(job) });
      }
    }
  });

  test('pull-requests: write only where the plan is commented', () => {
    const writers = files.flatMap((f) =>
      jobsOf(f)
        .filter(([, job]) => job.permissions['pull-requests'] === 'write')
        .map(([id]) => `${f}:${id}`),
    );
    expect(writers).toEqual([
      'plan-stack.yml:plan',
      'pull-request.yml:plan-1',
      'pull-request.yml:plan-2',
      'pull-request.yml:plan-3',
      'pull-request.yml:plan-4',
    ]);
  });
});

describe('pull-request workflow', () => {
  const jobs = workflows['pull-request.yml'].jobs as Record<string, Workflow>;

  test("its non-matrix jobs are exactly the ruleset's default required checks", () => {
    expect(pullRequestCheckNames().sort()).toEqual([...PULL_REQUEST_CHECKS].sort());
  });

  test('plans in four waves from the synthesized matrix, each after the one before', () => {
    expect(jobs['plan-1'].needs).toBe('synth');
    for (const wave of [2, 3, 4]) {
      expect(jobs[`plan-${wave}`].needs).toEqual(['synth', `plan-${wave - 1}`]);
      expect(jobs[`plan-${wave}`].strategy.matrix.include).toBe(`\${{ fromJSON(needs.synth.outputs.wave${wave}) }}`);
    }
    expect(jobs.synth.steps.map((s: Workflow) => s.run ?? '').join('\n')).toContain(
      'node scripts/stack-matrix.mjs plan',
    );
  });

  test('the plan comment is one per stack, found again by its marker and updated', () => {
    const comment = stepsOf(readWorkflow('plan-stack.yml').jobs.plan).find((s) =>
      String(s.uses).startsWith('actions/github-script@'),
    ) as Workflow;
    expect(comment.with.script).toContain('<!-- cdktf-plan:${stack} -->');
    expect(comment.with.script).toContain('updateComment');
    expect(comment.with.script).toContain('createComment');
  });

  test('plans use the read-only plan role and cdktf diff on the synthesized app', () => {
    const steps = stepsOf(readWorkflow('plan-stack.yml').jobs.plan);
    const aws = steps.find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@')) as Workflow;
    expect(aws.with['role-to-assume']).toBe('${{ vars.AWS_PLAN_ROLE_ARN }}');
    expect(steps.map((s) => s.run ?? '').join('\n')).toContain('npx cdktf diff "$STACK" --skip-synth');
  });
});

describe('deploy workflow', () => {
  const jobs = workflows['deploy.yml'].jobs as Record<string, Workflow>;
  const environmentJob = readWorkflow('deploy-environment.yml').jobs.deploy as Workflow;

  test('dev, then staging, then prod, each through the per-environment workflow', () => {
    expect([jobs.dev.needs, jobs.staging.needs, jobs.prod.needs]).toEqual(['synth', 'dev', 'staging']);
    for (const env of ['dev', 'staging', 'prod']) {
      expect(jobs[env]).toMatchObject({
        uses: './.github/workflows/deploy-environment.yml',
        with: { environment: env },
      });
    }
  });

  test('each deployment runs in its GitHub environment, as its deploy role, in manifest order, then smoke-tests', () => {
    expect(environmentJob.environment).toBe('${{ inputs.environment }}');
    const steps = stepsOf(environmentJob);
    const aws = steps.find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@')) as Workflow;
    expect(aws.with['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    const runs = steps.map((s) => s.run ?? '');
    const deploy = runs.findIndex((r) => r.includes('stack-matrix.mjs order'));
    const smoke = runs.findIndex((r) => r.includes('scripts/smoke-test.mjs'));
    expect(runs[deploy]).toContain('npx cdktf deploy "$stack" --skip-synth --auto-approve');
    expect(smoke).toBeGreaterThan(deploy);
  });

  test('a notification after every outcome', () => {
    expect(jobs.notify).toMatchObject({ if: 'always()', needs: ['synth', 'dev', 'staging', 'prod'] });
    expect(
      stepsOf(jobs.notify)
        .map((s) => s.run)
        .join('\n'),
    ).toContain('node scripts/notify-deployment.mjs');
  });

  test('deployments are never cancelled halfway', () => {
    expect(workflows['deploy.yml'].concurrency).toEqual({ group: 'deploy', 'cancel-in-progress': false });
  });
});
