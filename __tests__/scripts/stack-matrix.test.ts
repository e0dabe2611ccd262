/** scripts/stack-matrix.mjs on small synthesized apps written here, and on the real platform synth. */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { synthPreset } from '../support/app';

const SCRIPT = resolve(__dirname, '..', '..', 'scripts', 'stack-matrix.mjs');

interface FixtureStack {
  readonly deps?: string[];
  readonly env?: string;
  readonly providers?: string[];
  /** Stands for the stack's resources: a different value is a changed stack. */
  readonly content?: string;
}

/** Writes a cdktf.out-shaped folder and returns its manifest path. */
function writeApp(stacks: Record<string, FixtureStack>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stack-matrix-'));
  const manifest: Record<string, unknown> = { version: '0.21.0', stacks: {} };
  for (const [name, s] of Object.entries(stacks)) {
    mkdirSync(join(dir, 'stacks', name), { recursive: true });
    const providers: Record<string, unknown> = {
      aws: [{ default_tags: [{ tags: { Environment: s.env ?? 'global' } }] }],
    };
    for (const p of s.providers ?? []) providers[p] = [{}];
    const json = {
      '//': { metadata: { stackName: name, version: '0.21.0' } },
      provider: providers,
      resource: { terraform_data: { x: { input: s.content ?? 'v1' } } },
    };
    writeFileSync(join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
    (manifest.stacks as Record<string, unknown>)[name] = {
      name,
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      dependencies: s.deps ?? [],
    };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return join(dir, 'manifest.json');
}

function run(...args: string[]) {
  return spawnSync('node', [SCRIPT, ...args], { encoding: 'utf8' });
}

function plan(...args: string[]) {
  const result = run('plan', ...args);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as {
    stacks: string[];
    waves: { stack: string; environment: string; tokens: string[] }[][];
  };
}

const APP: Record<string, FixtureStack> = {
  'svc-oncall': { providers: ['pagerduty'] },
  'svc-dev-network': { env: 'dev' },
  'svc-dev-alerting': { env: 'dev', deps: ['svc-oncall'], providers: ['pagerduty'] },
  'svc-dev-data': { env: 'dev', deps: ['svc-dev-network'] },
  'svc-dev-app': { env: 'dev', deps: ['svc-dev-data', 'svc-dev-alerting', 'svc-dev-network'] },
  'svc-dev-monitoring': { env: 'dev', deps: ['svc-dev-app', 'svc-dev-alerting'] },
};

describe('stack-matrix plan', () => {
  test('without a base, every stack in waves after its dependencies, with its environment and tokens', () => {
    const { stacks, waves } = plan('--manifest', writeApp(APP));
    expect(stacks).toHaveLength(6);
    expect(waves.map((w) => w.map((e) => e.stack))).toEqual([
      ['svc-dev-network', 'svc-oncall'],
      ['svc-dev-alerting', 'svc-dev-data'],
      ['svc-dev-app'],
      ['svc-dev-monitoring'],
    ]);
    expect(waves[1][0]).toEqual({ stack: 'svc-dev-alerting', environment: 'dev', tokens: ['PAGERDUTY_TOKEN'] });
  });

  test('with a base, only the changed stacks and what depends on them; waves count only those', () => {
    const base = writeApp(APP);
    const head = writeApp({ ...APP, 'svc-dev-data': { ...APP['svc-dev-data'], content: 'v2' } });
    const { stacks, waves } = plan('--manifest', head, '--base', base);
    expect(stacks).toEqual(['svc-dev-data', 'svc-dev-app', 'svc-dev-monitoring']);
    expect(waves.map((w) => w.map((e) => e.stack))).toEqual([
      ['svc-dev-data'],
      ['svc-dev-app'],
      ['svc-dev-monitoring'],
    ]);
  });

  test('a change of metadata alone affects nothing; a new stack is affected', () => {
    const base = writeApp(APP);
    expect(plan('--manifest', writeApp(APP), '--base', base).stacks).toEqual([]);
    const grown = writeApp({ ...APP, 'svc-github': { providers: ['github'] } });
    const { waves } = plan('--manifest', grown, '--base', base);
    expect(waves).toEqual([[{ stack: 'svc-github', environment: 'global', tokens: ['GITHUB_TOKEN'] }]]);
  });

  test('writes count, stacks and the four waves for the workflow, empty waves as []', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gh-output-')), 'output');
    writeFileSync(out, '');
    const head = writeApp({ ...APP, 'svc-dev-app': { ...APP['svc-dev-app'], content: 'v2' } });
    plan('--manifest', head, '--base', writeApp(APP), '--github-output', out);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toEqual([
      'count=2',
      'stacks=["svc-dev-app","svc-dev-monitoring"]',
      'wave1=[{"stack":"svc-dev-app","environment":"dev","tokens":[]}]',
      'wave2=[{"stack":"svc-dev-monitoring","environment":"dev","tokens":[]}]',
      'wave3=[]',
      'wave4=[]',
    ]);
  });

  test('fails when the dependency chain needs more waves than the workflows have', () => {
    const chain = writeApp({ a: {}, b: { deps: ['a'] }, c: { deps: ['b'] }, d: { deps: ['c'] }, e: { deps: ['d'] } });
    const result = run('plan', '--manifest', chain);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the stacks need 5 plan waves; the workflows have 4');
  });

  test('fails when the graph has a cycle', () => {
    const result = run('plan', '--manifest', writeApp({ a: { deps: ['b'] }, b: { deps: ['a'] } }));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the stack graph has a cycle');
  });
});

describe('stack-matrix order', () => {
  test("an environment's stacks, dependencies first; global stacks on their own", () => {
    const manifest = writeApp(APP);
    expect(run('order', '--manifest', manifest, '--environment', 'dev').stdout.trim().split('\n')).toEqual([
      'svc-dev-alerting',
      'svc-dev-network',
      'svc-dev-data',
      'svc-dev-app',
      'svc-dev-monitoring',
    ]);
    expect(run('order', '--manifest', manifest, '--global').stdout).toBe('svc-oncall\n');
  });

  test('fails for an environment without stacks', () => {
    const result = run('order', '--manifest', writeApp(APP), '--environment', 'prod');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no stack of environment prod');
  });

  test('orders the real platform synth: every stack after its dependencies of the same environment', () => {
    const synth = synthPreset({ preset: 'platform', environments: ['dev'] });
    const order = run('order', '--manifest', join(synth.outdir, 'manifest.json'), '--environment', 'dev')
      .stdout.trim()
      .split('\n');
    expect(order).toEqual(
      expect.arrayContaining(['platform-dev-network', 'platform-dev-app', 'platform-dev-monitoring']),
    );
    expect(order.every((name) => name.startsWith('platform-dev-'))).toBe(true);
    order.forEach((name, i) => {
      for (const dep of synth.dependencies[name].filter((d) => d.startsWith('platform-dev-'))) {
        expect(order.indexOf(dep)).toBeLessThan(i);
      }
    });
  });
});
