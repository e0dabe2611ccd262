// Runs a TypeScript entry point (default: main.ts) as precompiled JavaScript: esbuild bundles the project's own code
// into one CommonJS file in a few tens of milliseconds, with node_modules left as plain requires. This is what
// `cdktf synth` runs (cdktf.json); it avoids a type-checking or per-file transpiling loader at every synth, and type
// checking stays its own step (npm run typecheck).
import { buildSync } from 'esbuild';
import { rmSync } from 'fs';
import { createRequire } from 'module';
import { basename, join, resolve } from 'path';

const root = resolve(import.meta.dirname, '..');
const entry = resolve(root, process.argv[2] ?? 'main.ts');
const outfile = join(root, '.build', 'app', `${basename(entry, '.ts')}.${process.pid}.cjs`);
buildSync({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  outfile,
  logLevel: 'warning',
});
// The bundle is per process (parallel synths must not overwrite each other's) and removed on any exit.
process.on('exit', () => rmSync(outfile, { force: true }));
process.argv.splice(2, 1);
createRequire(import.meta.url)(outfile);
