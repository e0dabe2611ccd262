/**
 * scripts/cdktf.ts, the way every documented cdktf command runs: offline (no update checks, no telemetry), and with
 * configuration errors printed once.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { cdktfSteps, OFFLINE_ENV } from '../../scripts/cdktf';

const ROOT = resolve(__dirname, '../..');
const CLI = require.resolve('cdktf-cli/bundle/bin/cdktf');

describe('cdktfSteps', () => {
  test.each([['synth'], ['deploy', 'platform-dev-app'], ['diff', 'x'], ['destroy', 'x'], ['list'], ['get'], []])(
    'cdktf %s runs with update checks and telemetry off in every step',
    (...args) => {
      const steps = cdktfSteps(args, { PATH: '/usr/bin' });
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        expect(step.env).toMatchObject({ CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', PATH: '/usr/bin' });
      }
    },
  );

  test('the variables are the ones Terraform and the cdktf CLI read', () => {
    expect(OFFLINE_ENV).toEqual({ CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' });
    const bundle = readFileSync(`${CLI}.js`, 'utf8');
    expect(bundle).toContain('process.env.CHECKPOINT_DISABLE');
    expect(bundle).toContain('process.env.DISABLE_VERSION_CHECK');
  });

  test('deploy synthesizes through the app first, then runs the CLI on that output with --skip-synth', () => {
    const [synth, cli] = cdktfSteps(['deploy', 'platform-dev-*'], { CDKTF_OUTDIR: '/tmp/out' });
    expect(synth.args).toEqual([join(ROOT, 'scripts/run-app.mjs'), join(ROOT, 'main.ts')]);
    expect(synth.env.CDKTF_OUTDIR).toBe('/tmp/out');
    expect(cli.args).toEqual([CLI, 'deploy', 'platform-dev-*', '--output', '/tmp/out', '--skip-synth']);
  });

  test('an --output given on the command line is where the app writes', () => {
    const [synth, cli] = cdktfSteps(['diff', 'x', '-o', 'elsewhere'], {});
    expect(synth.env.CDKTF_OUTDIR).toBe('elsewhere');
    expect(cli.args).toEqual([CLI, 'diff', 'x', '-o', 'elsewhere', '--skip-synth']);
  });

  test('synth is the app alone; commands that do not synthesize go straight to the CLI', () => {
    expect(cdktfSteps(['synth'], {}).map((s) => s.args[0])).toEqual([join(ROOT, 'scripts/run-app.mjs')]);
    expect(cdktfSteps(['get'], {}).map((s) => s.args)).toEqual([[CLI, 'get']]);
  });
});

describe('npm run cdktf', () => {
  function run(args: string[], env: Record<string, string>) {
    const work = mkdtempSync(join(tmpdir(), 'cdktf-wrapper-'));
    const outdir = join(work, 'cdktf.out');
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/cdktf.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
      encoding: 'utf8',
    });
    const written = existsSync(outdir);
    rmSync(work, { recursive: true, force: true });
    return { ...result, written };
  }

  test.each([
    ['an unknown preset', { PLATFORM_PRESET: 'nope' }, 'PLATFORM_PRESET: unknown preset "nope"'],
    ['PLATFORM_ENVS of commas only', { PLATFORM_ENVS: ',' }, 'PLATFORM_ENVS: must be environment names'],
  ])('fails when given %s: exit 1, the error printed once, nothing written, the CLI not started', (_, env, error) => {
    const result = run(['deploy', 'platform-dev-app'], env);
    expect(result.status).toBe(1);
    expect((result.stdout + result.stderr).split(error)).toHaveLength(2);
    expect(result.stdout).not.toContain('Synthesizing');
    expect(result.written).toBe(false);
  });
});

describe('documented cdktf commands', () => {
  const docs = ['README.md', 'help'].map((f) => [f, readFileSync(join(ROOT, f), 'utf8')] as const);

  test('run through npm run cdktf, or with the variables set when run with npx', () => {
    for (const [file, text] of docs) {
      for (const line of text.split('\n').filter((l) => /npx cdktf /.test(l))) {
        expect(`${file}: ${line}`).toMatch(/CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1 npx cdktf /);
      }
    }
    expect(docs.every(([, text]) => text.includes('npm run cdktf -- deploy'))).toBe(true);
  });

  test('npm run synth and npm run cdktf go through the wrapper', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
    expect(scripts.synth).toBe('tsx scripts/cdktf.ts synth');
    expect(scripts.cdktf).toBe('tsx scripts/cdktf.ts');
  });
});
