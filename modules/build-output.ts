/**
 * Where synth-time build artifacts (handler bundles, layer zips) go, and how they are written. The project root is
 * found upward from this file, so the paths hold both from the TypeScript sources (tests) and from the app bundle
 * that `scripts/run-app.mjs` writes under `.build/app/`.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'fs';
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
