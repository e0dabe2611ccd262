/**
 * Runs `terraform validate` on synthesized stacks against the real AWS provider schema, without `terraform init` and
 * without the network.
 *
 * Finding the provider: an explicit `TF_CLI_CONFIG_FILE` wins (the user's own provider installation); then
 * `TF_AWS_PROVIDER_DIR`, the folder of a `terraform-provider-aws_*` binary; otherwise the usual plugin locations are
 * searched for that binary (`$TF_PLUGIN_DIR`, `~/.terraform.d/plugins`, `$XDG_DATA_HOME` and `$XDG_DATA_DIRS`
 * `terraform/plugins`, `/usr/local/share` and `/usr/share/terraform/plugins`, `/opt/tf-plugins`), and a temporary
 * CLI configuration with a `dev_overrides` entry for `hashicorp/aws` points Terraform at its folder.
 *
 * Speed: most of a `terraform validate` is the provider loading its schema (about 2 s of the 3.5 s a stack takes on
 * the CI machine). So each preset's AWS-only stacks are validated in one run, as child modules of a generated root
 * module (one `module` block per stack), and the diagnostics are attributed back to stacks by file name. Terraform
 * validates child modules exactly as roots, except that their backend blocks are ignored (a warning, expected here),
 * which `validate` does not check either. Presets run a few at a time.
 */
import { spawn, spawnSync } from 'child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { basename, delimiter, join } from 'path';

export const AWS_PROVIDER_SOURCE = 'hashicorp/aws';
const BINARY = /^terraform-provider-aws_v?(\d+)\.(\d+)\.(\d+)/;

/** How Terraform gets the AWS provider here, or why it cannot. */
export type ProviderSetup =
  | { readonly found: true; readonly cliConfigFile: string; readonly description: string; readonly version?: string }
  | { readonly found: false; readonly reason: string };

/** Folders searched for a provider binary, most specific first. */
export function pluginSearchRoots(env: Readonly<Record<string, string | undefined>>, home: string): string[] {
  const xdgData = env.XDG_DATA_HOME || join(home, '.local', 'share');
  const xdgDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(delimiter).filter((d) => d.length > 0);
  const roots = [
    env.TF_PLUGIN_DIR,
    join(home, '.terraform.d', 'plugins'),
    join(xdgData, 'terraform', 'plugins'),
    ...xdgDirs.map((d) => join(d, 'terraform', 'plugins')),
    '/opt/tf-plugins',
  ].filter((d): d is string => typeof d === 'string' && d.length > 0);
  return [...new Set(roots)];
}

interface FoundBinary {
  readonly dir: string;
  readonly version: [number, number, number];
}

/** Terraform's name for this platform's plugin folder, `<os>_<arch>`. */
export function platformFolder(platform: string = process.platform, arch: string = process.arch): string {
  const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  return `${platform === 'win32' ? 'windows' : platform}_${goArch[arch] ?? arch}`;
}

/**
 * Every `terraform-provider-aws_*` executable under `root` (a filesystem mirror or plugin cache is 5 folders deep:
 * host/namespace/type/version/os_arch), skipping binaries built for another platform.
 */
export function findAwsProviderBinaries(root: string, platform: string = platformFolder()): FoundBinary[] {
  const found: FoundBinary[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        // Another platform's folder holds nothing this machine can run.
        if (/^[a-z0-9]+_[a-z0-9]+$/.test(entry) && /^(linux|darwin|windows|freebsd|openbsd)_/.test(entry)) {
          if (entry !== platform) continue;
        }
        if (depth < 6) walk(path, depth + 1);
        continue;
      }
      const match = BINARY.exec(entry);
      if (match && stat.isFile() && (stat.mode & 0o111) !== 0) {
        found.push({ dir, version: [Number(match[1]), Number(match[2]), Number(match[3])] });
      }
    }
  };
  walk(root, 0);
  return found;
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The newest AWS provider binary in the first search root that has one. */
export function findAwsProvider(roots: readonly string[]): { dir: string; version: string } | undefined {
  for (const root of roots) {
    const binaries = findAwsProviderBinaries(root).sort((a, b) => compareVersions(b.version, a.version));
    if (binaries.length > 0) return { dir: binaries[0].dir, version: binaries[0].version.join('.') };
  }
  return undefined;
}

/** The CLI configuration that makes Terraform use a local AWS provider binary without `terraform init`. */
export function devOverridesConfig(providerDir: string): string {
  return [
    'provider_installation {',
    '  dev_overrides {',
    `    ${JSON.stringify(AWS_PROVIDER_SOURCE)} = ${JSON.stringify(providerDir)}`,
    '  }',
    '  direct {}',
    '}',
    '',
  ].join('\n');
}

/** Decides how Terraform finds the AWS provider; writes the temporary CLI configuration when it has to. */
export function awsProviderSetup(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  roots: readonly string[] = pluginSearchRoots(env, home),
): ProviderSetup {
  const explicit = env.TF_CLI_CONFIG_FILE;
  if (explicit && existsSync(explicit)) {
    return { found: true, cliConfigFile: explicit, description: `TF_CLI_CONFIG_FILE=${explicit}` };
  }
  // A TF_CLI_CONFIG_FILE naming no file (some images export one by default) configures nothing: search instead.
  const ignored = explicit ? ` (TF_CLI_CONFIG_FILE=${explicit} does not exist)` : '';
  let provider: { dir: string; version?: string } | undefined;
  let description: string;
  if (env.TF_AWS_PROVIDER_DIR) {
    const dir = env.TF_AWS_PROVIDER_DIR;
    const binary = existsSync(dir) ? readdirSync(dir).find((f) => BINARY.test(f)) : undefined;
    if (binary === undefined) {
      return { found: false, reason: `TF_AWS_PROVIDER_DIR=${dir} holds no terraform-provider-aws_* binary` };
    }
    const match = BINARY.exec(binary);
    provider = { dir, version: match ? `${match[1]}.${match[2]}.${match[3]}` : undefined };
    description = `TF_AWS_PROVIDER_DIR=${dir}${ignored}`;
  } else {
    provider = findAwsProvider(roots);
    if (provider === undefined) {
      return {
        found: false,
        reason: `no terraform-provider-aws_* binary for ${platformFolder()} under ${roots.join(', ')} (set TF_AWS_PROVIDER_DIR or TF_CLI_CONFIG_FILE)${ignored}`,
      };
    }
    description = `found in ${provider.dir}${ignored}`;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'tf-cli-')), 'terraform.rc');
  writeFileSync(file, devOverridesConfig(provider.dir));
  return { found: true, cliConfigFile: file, description, version: provider.version };
}

/** Whether `terraform` runs here. */
export function terraformVersion(env: NodeJS.ProcessEnv): string | undefined {
  const result = spawnSync('terraform', ['version', '-json'], { env, encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  try {
    return JSON.parse(result.stdout).terraform_version as string;
  } catch {
    return 'unknown';
  }
}

/** Provider sources (`<namespace>/<type>`) a synthesized stack requires. */
export function requiredProviders(stackDir: string): string[] {
  const json = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  const required = (json.terraform?.required_providers ?? {}) as Record<string, { source?: string }>;
  return Object.entries(required).map(([name, p]) => normalizeSource(p.source ?? `hashicorp/${name}`));
}

function normalizeSource(source: string): string {
  // `aws` means hashicorp/aws; `registry.terraform.io/hashicorp/aws` is the same provider.
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `hashicorp/${parts[0]}`;
  return parts.slice(-2).join('/');
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start?: { readonly line: number } };
}

/** Diagnostics that say nothing about the configuration: the dev override itself and ignored child backends. */
const EXPECTED_WARNINGS = ['Provider development overrides are in effect', 'Backend configuration ignored'];

export interface StackVerdict {
  readonly stack: string;
  /** Errors and unexpected warnings, formatted for a test failure. */
  readonly problems: readonly string[];
}

function format(d: Diagnostic): string {
  const where = d.range ? ` (${d.range.filename}${d.range.start ? `:${d.range.start.line}` : ''})` : '';
  return `${d.severity}: ${d.summary}${where}${d.detail ? `: ${d.detail}` : ''}`;
}

/** Splits the diagnostics of one combined run by stack; one without a file belongs to every stack. */
export function attributeDiagnostics(stacks: readonly string[], diagnostics: readonly Diagnostic[]): StackVerdict[] {
  const relevant = diagnostics.filter((d) => d.severity === 'error' || !EXPECTED_WARNINGS.includes(d.summary));
  return stacks.map((stack) => ({
    stack,
    problems: relevant.filter((d) => d.range === undefined || d.range.filename.split('/')[0] === stack).map(format),
  }));
}

/** A root module calling each stack folder as a child module, with the module manifest `terraform init` writes. */
export function writeCombinedRoot(stackDirs: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tf-validate-'));
  const modules: { Key: string; Source: string; Dir: string }[] = [{ Key: '', Source: '', Dir: '.' }];
  const calls: Record<string, { source: string }> = {};
  for (const dir of stackDirs) {
    const name = basename(dir);
    symlinkSync(dir, join(root, name), 'dir');
    calls[name] = { source: `./${name}` };
    modules.push({ Key: name, Source: `./${name}`, Dir: name });
  }
  writeFileSync(join(root, 'main.tf.json'), JSON.stringify({ module: calls }, null, 2));
  // For local sources, init only records where each module lives; writing that record is what lets validate run
  // without init (which would try to reach the registry for the pinned providers).
  mkdirSync(join(root, '.terraform', 'modules'), { recursive: true });
  writeFileSync(join(root, '.terraform', 'modules', 'modules.json'), JSON.stringify({ Modules: modules }));
  return root;
}

/** Validates the given stack folders in one terraform run. */
export function validateStacks(stackDirs: readonly string[], env: NodeJS.ProcessEnv): Promise<StackVerdict[]> {
  const stacks = stackDirs.map((d) => basename(d));
  const root = writeCombinedRoot(stackDirs);
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', ['validate', '-json', '-no-color'], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const result = JSON.parse(stdout) as { diagnostics?: Diagnostic[] };
        resolve(attributeDiagnostics(stacks, result.diagnostics ?? []));
      } catch {
        resolve(stacks.map((stack) => ({ stack, problems: [`terraform validate gave no JSON result: ${stderr}`] })));
      }
    });
  });
}

/** Runs `jobs` with at most `limit` in flight; results in input order. */
export async function pool<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** The stack folders of a synthesized app. */
export function stackDirsOf(outdir: string): string[] {
  const stacks = join(outdir, 'stacks');
  return readdirSync(stacks)
    .map((name) => join(stacks, name))
    .filter((dir) => existsSync(join(dir, 'cdk.tf.json')));
}
