/**
 * Bundles a handler from `lambdas/<name>/index.ts` with esbuild into a deterministic zip and registers it as a
 * Terraform asset. The AWS SDK v3 stays external because the Node.js runtime ships it.
 */
import { createHash } from 'crypto';
import { BuildOptions, buildSync, version as esbuildVersion } from 'esbuild';
import { existsSync } from 'fs';
import { join, relative, resolve } from 'path';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { PROJECT_ROOT, reuseWhileInputsUnchanged, writeZipArtifact } from './build-output';
import { deterministicZip } from './deterministic-zip';

export const DEFAULT_LAMBDAS_DIR = join(PROJECT_ROOT, 'lambdas');

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
  const outdir = join(PROJECT_ROOT, '.build', 'lambda', handler);
  const options = {
    entryPoints: [entry],
    bundle: true,
    platform: 'node' as const,
    target: 'node22',
    format: 'cjs' as const,
    minify: true,
    sourcemap: 'linked' as const,
    sourcesContent: false,
    sourceRoot: relative(outdir, PROJECT_ROOT),
    external: ['@aws-sdk/*'],
    legalComments: 'none',
    outdir,
    write: false as const,
    metafile: true as const,
    logLevel: 'silent' as const,
  } satisfies BuildOptions;
  const key = createHash('sha256')
    .update(JSON.stringify([options, esbuildVersion]))
    .digest('hex')
    .slice(0, 16);
  const bundle = reuseWhileInputsUnchanged(
    `lambda-${handler}-${key}`,
    () => {
      const result = buildSync(options);
      const zip = deterministicZip(
        result.outputFiles.map((f) => ({ name: relative(outdir, f.path), data: Buffer.from(f.contents) })),
      );
      const artifact = writeZipArtifact('lambda', handler, zip);
      return {
        inputs: Object.keys(result.metafile.inputs).map((f) => resolve(PROJECT_ROOT, f)),
        value: {
          zipPath: artifact.zipPath,
          sourceCodeHash: artifact.sourceCodeHash,
          version: artifact.hexDigest.slice(0, 12),
        },
      };
    },
    (recorded) => existsSync(recorded.zipPath),
  );
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
