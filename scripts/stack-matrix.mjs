// Which stacks a change affects and in what order to plan or deploy them, from the synthesized app itself: the
// manifest (cdktf.out/manifest.json) lists every stack with the stacks it depends on, and each stack's JSON names its
// environment (the default tags of its AWS provider) and the providers whose tokens it needs. The workflows and the
// pipeline's deploy projects call this instead of keeping a list of stacks that could drift from the app.
//
//   node scripts/stack-matrix.mjs plan --manifest <head manifest> [--base <base manifest>] [--github-output <file>]
//     The stacks whose synthesized JSON differs from the base synth (all, without --base), with every stack that
//     depends on one of them, grouped in waves: a stack is in the wave after the last of its affected dependencies,
//     so a plan runs only after the plans of what it depends on. Prints {"stacks":[...],"waves":[[...],...]}; with
//     --github-output also writes count, stacks and wave1..wave<MAX_WAVES> for the workflow's matrices.
//   node scripts/stack-matrix.mjs order --manifest <manifest> (--environment <name> | --global)
//     The stacks of one environment (or the global ones), dependencies first, one per line.
import { appendFileSync, existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/** The workflows have this many plan waves: the longest chain of stack dependencies may not be longer. */
export const MAX_WAVES = 4;

/** Tokens the providers read from the environment, by the provider that needs them. */
const PROVIDER_TOKENS = { pagerduty: 'PAGERDUTY_TOKEN', github: 'GITHUB_TOKEN' };

function fail(message) {
  process.stderr.write(`stack-matrix: ${message}\n`);
  process.exit(2);
}

function readJson(file) {
  if (!existsSync(file)) fail(`${file} does not exist (run the synth first)`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Every stack of a synthesized app: name, dependencies, environment, tokens, and its JSON without metadata. */
function loadApp(manifestFile) {
  const manifest = readJson(manifestFile);
  const root = dirname(manifestFile);
  const stacks = new Map();
  for (const [name, entry] of Object.entries(manifest.stacks ?? {})) {
    const json = readJson(join(root, entry.synthesizedStackPath));
    const tags = json.provider?.aws?.[0]?.default_tags?.[0]?.tags ?? {};
    const tokens = Object.keys(json.provider ?? {})
      .filter((p) => p in PROVIDER_TOKENS)
      .map((p) => PROVIDER_TOKENS[p]);
    delete json['//'];
    stacks.set(name, {
      name,
      dependencies: entry.dependencies ?? [],
      environment: tags.Environment ?? 'global',
      tokens,
      content: JSON.stringify(json),
    });
  }
  return stacks;
}

/** Stacks ordered so that each comes after its dependencies (ties by name, so the order is stable). */
function topologicalOrder(stacks, names) {
  const wanted = new Set(names);
  const done = new Set();
  const visiting = new Set();
  const order = [];
  const visit = (name) => {
    if (done.has(name)) return;
    if (visiting.has(name)) fail(`the stack graph has a cycle through ${name}`);
    visiting.add(name);
    for (const dep of [...stacks.get(name).dependencies].sort()) if (stacks.has(dep)) visit(dep);
    visiting.delete(name);
    done.add(name);
    if (wanted.has(name)) order.push(name);
  };
  [...wanted].sort().forEach(visit);
  return order;
}

function affectedStacks(head, base) {
  const changed = [...head.keys()].filter(
    (name) => base === undefined || base.get(name)?.content !== head.get(name).content,
  );
  const affected = new Set(changed);
  // Dependents read the changed stacks' outputs: plan them too.
  let grew = true;
  while (grew) {
    grew = false;
    for (const stack of head.values()) {
      if (!affected.has(stack.name) && stack.dependencies.some((d) => affected.has(d))) {
        affected.add(stack.name);
        grew = true;
      }
    }
  }
  return topologicalOrder(head, [...affected]);
}

function waves(stacks, names) {
  const chosen = new Set(names);
  const level = new Map();
  for (const name of names) {
    const deps = stacks.get(name).dependencies.filter((d) => chosen.has(d));
    level.set(name, 1 + Math.max(0, ...deps.map((d) => level.get(d))));
  }
  const count = Math.max(0, ...level.values());
  if (count > MAX_WAVES) {
    fail(`the stacks need ${count} plan waves; the workflows have ${MAX_WAVES} (keep dependency chains short)`);
  }
  return Array.from({ length: count }, (_, i) =>
    names
      .filter((n) => level.get(n) === i + 1)
      .sort()
      .map((n) => ({ stack: n, environment: stacks.get(n).environment, tokens: stacks.get(n).tokens })),
  );
}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i++) {
    const key = rest[i];
    if (!key.startsWith('--')) fail(`unexpected argument ${key}`);
    const flag = key.slice(2);
    if (flag === 'global') options.global = true;
    else options[flag] = rest[++i] ?? fail(`${key} needs a value`);
  }
  return { command, options };
}

const { command, options } = parseArgs(process.argv.slice(2));
if (!options.manifest) fail('--manifest is required');
const head = loadApp(options.manifest);

if (command === 'plan') {
  const base = options.base ? loadApp(options.base) : undefined;
  const names = affectedStacks(head, base);
  const grouped = waves(head, names);
  process.stdout.write(`${JSON.stringify({ stacks: names, waves: grouped })}\n`);
  if (options['github-output']) {
    const lines = [`count=${names.length}`, `stacks=${JSON.stringify(names)}`];
    for (let i = 0; i < MAX_WAVES; i++) lines.push(`wave${i + 1}=${JSON.stringify(grouped[i] ?? [])}`);
    appendFileSync(options['github-output'], `${lines.join('\n')}\n`);
  }
} else if (command === 'order') {
  if (options.global === undefined && options.environment === undefined) fail('order needs --environment or --global');
  const environment = options.global ? 'global' : options.environment;
  const names = [...head.values()].filter((s) => s.environment === environment).map((s) => s.name);
  if (names.length === 0) fail(`no stack of environment ${environment} in ${options.manifest}`);
  process.stdout.write(
    topologicalOrder(head, names)
      .map((n) => `${n}\n`)
      .join(''),
  );
} else {
  fail(`unknown command ${command ?? '(none)'}; use plan or order`);
}
