/** Synthesizes a preset exactly as main.ts does, into a temporary folder, and reads the result back. */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App } from 'cdktf';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig, LoadOptions } from '../../config/load';
import type { PlatformConfig } from '../../config/schema';
import { assertCompliant } from '../../modules/policy';
import { buildPlatform, PlatformStacks } from '../../stacks';

export interface SynthesizedApp {
  readonly config: PlatformConfig;
  readonly outdir: string;
  readonly stacks: PlatformStacks;
  /** Stack name to the names of the stacks it depends on, from the manifest. */
  readonly dependencies: Readonly<Record<string, string[]>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: (stack: string) => any;
}

export function synthPreset(options: LoadOptions, tamper?: (stacks: PlatformStacks) => void): SynthesizedApp {
  return synthesizeConfig(loadConfig(options), tamper);
}

/** Builds every stack of a validated configuration, runs the policy check and synthesizes, as main.ts does. */
export function synthesizeConfig(config: PlatformConfig, tamper?: (stacks: PlatformStacks) => void): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'cdktf-out-'));
  const app = new App({ outdir });
  const stacks = buildPlatform(app, config);
  tamper?.(stacks);
  assertCompliant(app);
  app.synth();
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const dependencies = Object.fromEntries(
    Object.entries(manifest.stacks).map(([name, s]) => [name, (s as { dependencies: string[] }).dependencies]),
  );
  const json = (stack: string) =>
    JSON.parse(readFileSync(join(outdir, manifest.stacks[stack].synthesizedStackPath), 'utf8'));
  return { config, outdir, stacks, dependencies, json };
}

/** Adds a bucket that breaks the baseline, to prove the policy check guards the whole app. */
export function addInsecureBucket(stacks: PlatformStacks, env: string): void {
  const app = stacks.environments[env].app;
  if (!app) throw new Error(`environment ${env} has no app stack`);
  new S3Bucket(app, 'insecure', { bucket: 'deliberately-insecure' });
}
