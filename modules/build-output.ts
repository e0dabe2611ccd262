/**
 * Where synth-time build artifacts (handler bundles, layer zips) go, and how they are written. The project root is
 * found upward from this file, so the paths hold both from the TypeScript sources (tests) and from the app bundle
 * that `scripts/run-app.mjs` writes under `.build/app/`.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'lambdas'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no project root (package.json beside lambdas/) above ${start}`);
  }
}

/** The repository root: relative paths in config (layer folders) and `lambdas/` resolve from here. */
export const PROJECT_ROOT = findRoot(__dirname);

export interface ZipArtifact {
  /** Path of the zip on disk. */
  readonly zipPath: string;
  /** Base64 SHA-256 of the zip, the form Lambda's source_code_hash expects. */
  readonly sourceCodeHash: string;
  /** Hex SHA-256 of the zip. */
  readonly hexDigest: string;
}

/**
 * Writes a zip under `.build/<kind>/`, named by its content hash. Parallel synths (test workers) may write the same
 * artifact: each writes aside, then renames atomically, so no reader sees a partial file.
 */
export function writeZipArtifact(kind: string, label: string, zip: Buffer): ZipArtifact {
  const digest = createHash('sha256').update(zip).digest();
  const hexDigest = digest.toString('hex');
  const dir = join(PROJECT_ROOT, '.build', kind);
  mkdirSync(dir, { recursive: true });
  const zipPath = join(dir, `${label}-${hexDigest.slice(0, 12)}.zip`);
  if (!existsSync(zipPath)) {
    const partial = `${zipPath}.${process.pid}.partial`;
    writeFileSync(partial, zip);
    renameSync(partial, zipPath);
  }
  return { zipPath, sourceCodeHash: digest.toString('base64'), hexDigest };
}

/** Size and modification time of each file: a key that changes when any of them does. */
function stampOf(files: readonly string[]): string[] {
  return files.map((f) => {
    if (!existsSync(f)) return `${f}:missing`;
    const s = statSync(f);
    return `${f}:${s.size}:${s.mtimeMs}`;
  });
}

/**
 * Returns what `build` produced last time while none of the files it read has changed (and `isValid` still holds),
 * so that a synth does not rebuild artifacts whose sources are untouched; otherwise builds and records the inputs.
 */
export function reuseWhileInputsUnchanged<T>(
  key: string,
  build: () => { readonly inputs: readonly string[]; readonly value: T },
  isValid: (value: T) => boolean = () => true,
): T {
  const file = join(PROJECT_ROOT, '.build', 'inputs', `${key}.json`);
  if (existsSync(file)) {
    const recorded = JSON.parse(readFileSync(file, 'utf8')) as { files: string[]; stamp: string[]; value: T };
    if (JSON.stringify(stampOf(recorded.files)) === JSON.stringify(recorded.stamp) && isValid(recorded.value)) {
      return recorded.value;
    }
  }
  const { inputs, value } = build();
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify({ files: inputs, stamp: stampOf(inputs), value }));
  renameSync(partial, file);
  return value;
}
