/**
 * Bundles a handler from `lambdas/<name>/index.ts` with esbuild into a deterministic zip and registers it as a
 * Terraform asset. The AWS SDK v3 stays external because the Node.js runtime ships it.
 */
import { createHash } from 'crypto';
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { deterministicZip } from './deterministic-zip';

/** Repository root, where `lambdas/` and the `.build/` cache live (found upward, so bundled copies of this file work). */
const ROOT = findRoot(__dirname);
export const DEFAULT_LAMBDAS_DIR = join(ROOT, 'lambdas');
const BUILD_DIR = join(ROOT, '.build', 'lambda');

export interface LambdaBundle {
  /** Path of the zip on disk. */
  readonly zipPath: string;
  /** Base64 SHA-256 of the zip, the form Lambda's source_code_hash expects. */
  readonly sourceCodeHash: string;
  /** Short hex digest of the zip, usable as a version label. */
  readonly version: string;
}

// Synths build many stacks (one per environment) that use the same handlers; bundle each once per process.
const cache = new Map<string, LambdaBundle>();

/** Bundles `<lambdasDir>/<handler>/index.ts`; the result depends only on the source. */
export function bundleHandler(handler: string, lambdasDir: string = DEFAULT_LAMBDAS_DIR): LambdaBundle {
  const entry = join(lambdasDir, handler, 'index.ts');
  const cached = cache.get(entry);
  if (cached) return cached;
  if (!existsSync(entry)) throw new Error(`Lambda handler ${JSON.stringify(handler)} has no entry point at ${entry}`);
  const outdir = join(BUILD_DIR, handler);
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    sourceRoot: relative(outdir, ROOT),
    external: ['@aws-sdk/*'],
    legalComments: 'none',
    outdir,
    write: false,
    logLevel: 'silent',
  });
  const zip = deterministicZip(
    result.outputFiles.map((f) => ({ name: relative(outdir, f.path), data: Buffer.from(f.contents) })),
  );
  const digest = createHash('sha256').update(zip).digest();
  const version = digest.toString('hex').slice(0, 12);
  mkdirSync(BUILD_DIR, { recursive: true });
  const zipPath = join(BUILD_DIR, `${handler}-${version}.zip`);
  if (!existsSync(zipPath)) {
    // Parallel test workers may bundle the same handler: write aside, then rename atomically.
    const partial = `${zipPath}.${process.pid}.partial`;
    writeFileSync(partial, zip);
    renameSync(partial, zipPath);
  }
  const bundle = { zipPath, sourceCodeHash: digest.toString('base64'), version };
  cache.set(entry, bundle);
  return bundle;
}

export interface LambdaAssetProps {
  /** Folder name of the handler under `lambdas/`. */
  readonly handler: string;
  /**
   * Folder that holds the handlers.
   * @default the repository's `lambdas/`
   */
  readonly lambdasDir?: string;
}

/** A bundled handler as a Terraform asset. */
export class LambdaAsset extends Construct {
  readonly asset: TerraformAsset;
  readonly bundle: LambdaBundle;

  constructor(scope: Construct, id: string, props: LambdaAssetProps) {
    super(scope, id);
    this.bundle = bundleHandler(props.handler, props.lambdasDir ?? DEFAULT_LAMBDAS_DIR);
    this.asset = new TerraformAsset(this, 'zip', { path: this.bundle.zipPath, type: AssetType.FILE });
  }
}

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'lambdas'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no project root (package.json beside lambdas/) above ${start}`);
  }
}
