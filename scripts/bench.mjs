// Whole-app synth time and peak memory of the default preset, against a minimal cdktf app that synthesizes the same
// stacks with the same resources through deep imports (the cost cdktf itself imposes), for 1, 3 and 9 environments.
// Budget: within 1.6 times the minimal app's time, and under 600 MB peak.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIME_BUDGET = 1.6;
const MEMORY_BUDGET_MB = 600;
const env = { ...process.env, CHECKPOINT_DISABLE: '1' };

function measure(args, extraEnv = {}) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const work = mkdtempSync(join(tmpdir(), 'bench-'));
    const rssFile = join(work, 'rss');
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--require', join(ROOT, 'scripts/bench-rss.cjs'), ...args], {
      cwd: ROOT,
      env: { ...env, CDKTF_OUTDIR: join(work, 'out'), BENCH_RSS_FILE: rssFile, ...extraEnv },
      encoding: 'utf8',
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stderr}`);
    const rssMb = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number)) / 1024;
    samples.push({ seconds, rssMb, outdir: join(work, 'out'), work });
  }
  samples.sort((a, b) => a.seconds - b.seconds);
  const median = samples[Math.floor(samples.length / 2)];
  for (const s of samples) if (s !== median) rmSync(s.work, { recursive: true, force: true });
  return median;
}

/** Writes a plain-JavaScript cdktf app that rebuilds the synthesized stacks' resources with empty arguments. */
function minimalAppFor(outdir, file) {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const stacks = Object.values(manifest.stacks).map((s) => {
    const json = JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), 'utf8'));
    const elements = [];
    for (const [kind, block] of [
      ['resource', json.resource ?? {}],
      ['data', json.data ?? {}],
    ]) {
      for (const [type, byName] of Object.entries(block))
        elements.push({ kind, type, count: Object.keys(byName).length });
    }
    const providers = Object.keys(json.provider ?? {});
    return { name: s.name, elements, providers };
  });
  const modules = new Map();
  const moduleOf = (kind, type) => {
    const [prefix, ...rest] = type.split('_');
    const pkg = { aws: 'provider-aws', pagerduty: 'provider-pagerduty', github: 'provider-github' }[prefix];
    if (!pkg) return undefined;
    const dir = kind === 'data' ? `data-${type.replace(/_/g, '-')}` : rest.join('-');
    return `@cdktf/${pkg}/lib/${dir}`;
  };
  const lines = [
    "const { App, TerraformStack } = require('cdktf');",
    'const load = (m, type) => Object.values(require(m)).find((c) => c && c.tfResourceType === type);',
  ];
  const providerModule = {
    aws: '@cdktf/provider-aws/lib/provider',
    pagerduty: '@cdktf/provider-pagerduty/lib/provider',
    github: '@cdktf/provider-github/lib/provider',
  };
  lines.push(`const app = new App({ outdir: process.env.CDKTF_OUTDIR });`);
  for (const stack of stacks) {
    lines.push(`{ const s = new TerraformStack(app, ${JSON.stringify(stack.name)});`);
    for (const p of stack.providers) {
      lines.push(
        `  new (load(${JSON.stringify(providerModule[p])}, ${JSON.stringify(p)}))(s, ${JSON.stringify(p)}, {});`,
      );
    }
    for (const e of stack.elements) {
      const m = moduleOf(e.kind, e.type);
      if (!m) continue;
      if (!modules.has(`${m}|${e.type}`)) modules.set(`${m}|${e.type}`, true);
      lines.push(
        `  { const C = load(${JSON.stringify(m)}, ${JSON.stringify(e.type)}); for (let i = 0; i < ${e.count}; i++) new C(s, ${JSON.stringify(`${e.kind}-${e.type}-`)} + i, {}); }`,
      );
    }
    lines.push('}');
  }
  lines.push('app.synth();');
  writeFileSync(file, lines.join('\n'));
  return stacks.reduce((n, s) => n + s.elements.reduce((m, e) => m + e.count, 0), 0);
}

const rows = [];
let ok = true;
for (const count of [1, 3, 9]) {
  const ours = measure(['scripts/run-app.mjs', 'scripts/bench-app.ts', String(count)]);
  const minimalFile = join(ROOT, '.build', `bench-minimal-${count}.cjs`);
  spawnSync('mkdir', ['-p', join(ROOT, '.build')]);
  const elements = minimalAppFor(ours.outdir, minimalFile);
  const stacks = Object.keys(JSON.parse(readFileSync(join(ours.outdir, 'manifest.json'), 'utf8')).stacks).length;
  const minimal = measure([minimalFile]);
  const ratio = ours.seconds / minimal.seconds;
  const within = ratio <= TIME_BUDGET && ours.rssMb < MEMORY_BUDGET_MB;
  ok &&= within;
  rows.push({ count, stacks, elements, ours, minimal, ratio, within });
}

// The README's own command path: main.ts with the default preset, as `cdktf synth` runs it.
const mainRun = measure(['scripts/run-app.mjs', 'main.ts']);

const pad = (v, n) => String(v).padStart(n);
console.log(`runs per measurement: ${RUNS} (median)`);
console.log('envs  stacks  elements  synth s  peak MB  minimal s  minimal MB  ratio  within budget');
for (const r of rows) {
  console.log(
    `${pad(r.count, 4)}  ${pad(r.stacks, 6)}  ${pad(r.elements, 8)}  ${pad(r.ours.seconds.toFixed(2), 7)}  ${pad(r.ours.rssMb.toFixed(0), 7)}  ${pad(r.minimal.seconds.toFixed(2), 9)}  ${pad(r.minimal.rssMb.toFixed(0), 10)}  ${pad(r.ratio.toFixed(2), 5)}  ${r.within ? 'yes' : 'NO'}`,
  );
}
console.log(
  `main.ts, default preset (what npm run synth runs): ${mainRun.seconds.toFixed(2)} s, ${mainRun.rssMb.toFixed(0)} MB peak`,
);
console.log(`budget: synth <= ${TIME_BUDGET} x minimal app, peak < ${MEMORY_BUDGET_MB} MB: ${ok ? 'met' : 'NOT met'}`);
if (existsSync(join(ROOT, '.build')))
  for (const c of [1, 3, 9]) rmSync(join(ROOT, '.build', `bench-minimal-${c}.cjs`), { force: true });
process.exit(ok ? 0 : 1);
