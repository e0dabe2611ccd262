// Runs a TypeScript entry point (default: main.ts) as precompiled JavaScript: esbuild bundles the project's own code
// into one CommonJS file, with node_modules left as plain requires. This is what `cdktf synth` runs (cdktf.json); it
// avoids a type-checking or per-file transpiling loader at every synth, and type checking stays its own step
// (npm run typecheck). The bundle is reused while none of the files esbuild read for it has changed.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { basename, join, resolve } from 'path';

const root = resolve(import.meta.dirname, '..');
const entry = resolve(root, process.argv[2] ?? 'main.ts');
const dir = join(root, '.build', 'app');
const outfile = join(dir, `${basename(entry, '.ts')}.cjs`);
const stampFile = `${outfile}.inputs.json`;

/** Size and modification time of each file, as a key that changes when any of them does. */
function stamp(files) {
  return files.map((f) => {
    if (!existsSync(f)) return `${f}:missing`;
    const s = statSync(f);
    return `${f}:${s.size}:${s.mtimeMs}`;
  });
}

function upToDate() {
  if (!existsSync(outfile) || !existsSync(stampFile)) return false;
  const recorded = JSON.parse(readFileSync(stampFile, 'utf8'));
  return JSON.stringify(stamp(recorded.files)) === JSON.stringify(recorded.stamp);
}

if (!upToDate()) {
  const { buildSync } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed, so parallel synths never load a half-written bundle.
  const partial = `${outfile}.${process.pid}.partial`;
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    outfile: partial,
    metafile: true,
    logLevel: 'warning',
  });
  const files = [...Object.keys(result.metafile.inputs).map((f) => resolve(root, f)), import.meta.filename];
  renameSync(partial, outfile);
  writeFileSync(stampFile, JSON.stringify({ files, stamp: stamp(files) }));
}
process.argv.splice(2, 1);
createRequire(import.meta.url)(outfile);
