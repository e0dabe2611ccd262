/**
 * A Lambda layer version built from a folder: every file under it, zipped deterministically (fixed timestamps,
 * sorted entries), so a new layer version is published only when a file changes. The folder holds the runtime
 * layout Lambda expects (`nodejs/node_modules/...` for Node.js, `python/...` for Python).
 */
import { LambdaLayerVersion } from '@cdktf/provider-aws/lib/lambda-layer-version';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve, sep } from 'path';
import { PROJECT_ROOT, writeZipArtifact } from './build-output';
import { deterministicZip, ZipEntry } from './deterministic-zip';
import { Naming } from './naming';

/** Lambda's limit on a layer's unzipped size. */
export const LAYER_MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;

export interface LayerBundle {
  readonly zipPath: string;
  /** Base64 SHA-256 of the zip, as source_code_hash expects. */
  readonly sourceCodeHash: string;
}

const cache = new Map<string, LayerBundle>();

/** Repository and interpreter by-products that must not change the layer's hash. */
const SKIPPED = new Set(['.gitignore', '.DS_Store', '__pycache__']);

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Zips a folder; the result depends only on the files' relative paths and contents. */
export function bundleFolder(folder: string): LayerBundle {
  const absolute = resolve(PROJECT_ROOT, folder);
  const cached = cache.get(absolute);
  if (cached) return cached;
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new Error(`layer folder ${folder} does not exist (resolved to ${absolute})`);
  }
  const files = filesUnder(absolute);
  if (files.length === 0) throw new Error(`layer folder ${folder} is empty`);
  let size = 0;
  const entries: ZipEntry[] = files.map((file) => {
    const data = readFileSync(file);
    size += data.length;
    return { name: relative(absolute, file).split(sep).join('/'), data };
  });
  if (size > LAYER_MAX_UNZIPPED_BYTES) {
    throw new Error(`layer folder ${folder} holds ${size} bytes; Lambda allows ${LAYER_MAX_UNZIPPED_BYTES} unzipped`);
  }
  const { zipPath, sourceCodeHash } = writeZipArtifact('layer', 'layer', deterministicZip(entries));
  const bundle = { zipPath, sourceCodeHash };
  cache.set(absolute, bundle);
  return bundle;
}

export interface LambdaLayerProps {
  readonly naming: Naming;
  /** Component of the layer name: `<service>-<env>-<name>`. */
  readonly name: string;
  /** Folder with the layer's content, relative to the repository root or absolute. */
  readonly folder: string;
  readonly compatibleRuntimes: readonly string[];
  readonly description?: string;
}

export class LambdaLayer extends Construct {
  readonly layer: LambdaLayerVersion;
  readonly bundle: LayerBundle;
  readonly compatibleRuntimes: readonly string[];

  constructor(scope: Construct, id: string, props: LambdaLayerProps) {
    super(scope, id);
    if (props.compatibleRuntimes.length === 0 || props.compatibleRuntimes.length > 15) {
      throw new Error(`layer ${props.name}: compatibleRuntimes must list 1 to 15 runtimes`);
    }
    this.bundle = bundleFolder(props.folder);
    this.compatibleRuntimes = props.compatibleRuntimes;
    const asset = new TerraformAsset(this, 'zip', { path: this.bundle.zipPath, type: AssetType.FILE });
    this.layer = new LambdaLayerVersion(this, 'layer', {
      layerName: props.naming.name(props.name, 'lambdaFunction'),
      description: props.description,
      filename: asset.path,
      sourceCodeHash: this.bundle.sourceCodeHash,
      compatibleRuntimes: [...props.compatibleRuntimes],
    });
  }

  /** The version ARN functions attach. */
  get arn(): string {
    return this.layer.arn;
  }
}
