// Whole-app synth time and peak memory of the default preset, against minimal cdktf apps that synthesize the same
// stacks and resources through deep imports, for 1, 3 and 9 environments. Budget: within 1.6 times the minimal
// app's time, and under 600 MB peak. Two minimal apps are measured:
//   empty: each resource of the same type and count, with no arguments (the cost of loading and constructing);
//   same:  the same JSON, each resource's synthesized attributes set as literal overrides, no references or tokens
//          (the cost cdktf imposes to write this output).
// The budget is judged against `same`; the ratio to `empty` is printed beside it.
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIME_BUDGET = 1.6;
const MEMORY_BUDGET_MB = 600;
// Every sample's output, and whatever the synths put in the temporary folder, lives under one folder of this run,
// removed when the benchmark exits (also when a measurement fails).
const runDir = mkdtempSync(join(tmpdir(), 'bench-'));
process.on('exit', () => rmSync(runDir, { recursive: true, force: true }));
const env = { ...process.env, CHECKPOINT_DISABLE: '1', TMPDIR: runDir };

/** Median wall time (and that run's peak RSS) of RUNS runs of `node args`. */
function measure(args) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const work = mkdtempSync(join(runDir, 'sample-'));
    const rssFile = join(work, 'rss');
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--require', join(ROOT, 'scripts/bench-rss.cjs'), ...args], {
      cwd: ROOT,
      env: { ...env, CDKTF_OUTDIR: join(work, 'out'), BENCH_RSS_FILE: rssFile },
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

/** The synthesized stacks of an outdir: providers, resources and data sources, outputs. */
function readStacks(outdir) {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const strip = (config) => Object.fromEntries(Object.entries(config).filter(([k]) => k !== '//'));
  return Object.values(manifest.stacks).map((s) => {
    const json = JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), 'utf8'));
    const elements = [];
    for (const [kind, block] of [
      ['resource', json.resource ?? {}],
      ['data', json.data ?? {}],
    ]) {
      for (const [type, byName] of Object.entries(block)) {
        for (const [name, config] of Object.entries(byName)) elements.push({ kind, type, name, config: strip(config) });
      }
    }
    const providers = Object.entries(json.provider ?? {}).flatMap(([type, list]) =>
      list.map((config) => ({ type, config })),
    );
    const outputs = Object.entries(json.output ?? {}).map(([name, o]) => ({ name, value: o.value }));
    return { name: s.name, elements, providers, outputs };
  });
}

const PACKAGES = { aws: 'provider-aws', pagerduty: 'provider-pagerduty', github: 'provider-github' };

/** Deep-import module of a resource or data source type, or undefined for types outside the three providers. */
function moduleOf(kind, type) {
  const [prefix, ...rest] = type.split('_');
  const pkg = PACKAGES[prefix];
  if (!pkg) return undefined;
  return `@cdktf/${pkg}/lib/${kind === 'data' ? `data-${type.replace(/_/g, '-')}` : rest.join('-')}`;
}

/** Writes a plain-JavaScript minimal app for the stacks; returns the number of resources and data sources. */
function writeMinimalApp(stacks, file, mode) {
  const same = mode === 'same';
  const data = stacks.map((stack) => ({
    name: stack.name,
    providers: stack.providers.map((p) => ({
      module: `@cdktf/${PACKAGES[p.type]}/lib/provider`,
      type: p.type,
      config: same ? p.config : {},
    })),
    elements: stack.elements
      .map((e) => ({ module: moduleOf(e.kind, e.type), type: e.type, name: e.name, config: same ? e.config : {} }))
      .filter((e) => e.module),
    outputs: same ? stack.outputs : [],
  }));
  const lines = [
    "const { App, TerraformOutput, TerraformStack } = require('cdktf');",
    'const load = (m, type) => Object.values(require(m)).find((c) => c && c.tfResourceType === type);',
    `const stacks = ${JSON.stringify(data)};`,
    'const app = new App({ outdir: process.env.CDKTF_OUTDIR });',
    'for (const stack of stacks) {',
    '  const s = new TerraformStack(app, stack.name);',
    '  const build = (C, id, config) => {',
    '    const r = new C(s, id, {});',
    '    for (const [k, v] of Object.entries(config)) r.addOverride(k, v);',
    '  };',
    '  stack.providers.forEach((p, i) => build(load(p.module, p.type), `provider-${i}`, p.config));',
    '  for (const e of stack.elements) build(load(e.module, e.type), `${e.type}-${e.name}`, e.config);',
    '  for (const o of stack.outputs) new TerraformOutput(s, o.name, { value: o.value });',
    '}',
    'app.synth();',
  ];
  writeFileSync(file, lines.join('\n'));
  return data.reduce((n, s) => n + s.elements.length, 0);
}

mkdirSync(join(ROOT, '.build'), { recursive: true });
const rows = [];
for (const count of [1, 3, 9]) {
  const ours = measure(['scripts/run-app.mjs', 'scripts/bench-app.ts', String(count)]);
  const stacks = readStacks(ours.outdir);
  const baselines = {};
  let elements = 0;
  for (const mode of ['empty', 'same']) {
    const file = join(ROOT, '.build', `bench-minimal-${mode}-${count}.cjs`);
    elements = writeMinimalApp(stacks, file, mode);
    baselines[mode] = measure([file]);
    rmSync(file, { force: true });
  }
  const ratio = ours.seconds / baselines.same.seconds;
  const within = ratio <= TIME_BUDGET && ours.rssMb < MEMORY_BUDGET_MB;
  rows.push({ count, stacks: stacks.length, elements, ours, baselines, ratio, within });
}

// The README's own command path: main.ts with the default preset, as `cdktf synth` runs it.
const mainRun = measure(['scripts/run-app.mjs', 'main.ts']);

const pad = (v, n) => String(v).padStart(n);
console.log(`runs per measurement: ${RUNS} (median)`);
console.log('envs  stacks  elements  synth s  peak MB  empty s  same s  same MB  x empty  x same  within budget');
for (const r of rows) {
  const { empty, same } = r.baselines;
  console.log(
    [
      pad(r.count, 4),
      pad(r.stacks, 6),
      pad(r.elements, 8),
      pad(r.ours.seconds.toFixed(2), 7),
      pad(r.ours.rssMb.toFixed(0), 7),
      pad(empty.seconds.toFixed(2), 7),
      pad(same.seconds.toFixed(2), 6),
      pad(same.rssMb.toFixed(0), 7),
      pad((r.ours.seconds / empty.seconds).toFixed(2), 7),
      pad(r.ratio.toFixed(2), 6),
      r.within ? 'yes' : 'NO',
    ].join('  '),
  );
}
console.log(
  `main.ts, default preset (what npm run synth runs): ${mainRun.seconds.toFixed(2)} s, ${mainRun.rssMb.toFixed(0)} MB peak`,
);
const ok = rows.every((r) => r.within);
console.log(
  `budget: synth <= ${TIME_BUDGET} x the same-output minimal app, peak < ${MEMORY_BUDGET_MB} MB: ${ok ? 'met' : 'NOT met'}`,
);
process.exit(ok ? 0 : 1);
