/** Configurations and synthesized apps for the app, jobs and registry layer tests. */
import { App } from 'cdktf';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigError, validateConfig } from '../../config/load';
import type { PlatformConfig, PlatformConfigInput } from '../../config/schema';
import { assertCompliant } from '../../modules/policy';
import { buildPlatform, PlatformStacks } from '../../stacks';

type EnvironmentInput = PlatformConfigInput['environments'][string];

/** A one-environment (`dev`) configuration of service `svc` with the given layers. */
export function computeInput(dev: EnvironmentInput, extra: Partial<PlatformConfigInput> = {}): PlatformConfigInput {
  return {
    service: 'svc',
    region: 'us-east-1',
    repository: { owner: 'org', name: 'repo' },
    bootstrap: { enabled: false },
    environments: { dev },
    ...extra,
  };
}

/** The problems validation reports, as `<path>: <message>` lines. */
export function problemsOf(input: unknown): string[] {
  try {
    validateConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

export interface SynthesizedConfig {
  readonly config: PlatformConfig;
  readonly stacks: PlatformStacks;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: (stack: string) => any;
  readonly dependencies: Readonly<Record<string, string[]>>;
}

/** Validates, builds every stack, runs the policy check and synthesizes, as main.ts does. */
export function synthConfig(input: PlatformConfigInput): SynthesizedConfig {
  const config = validateConfig(input);
  const outdir = mkdtempSync(join(tmpdir(), 'compute-'));
  const app = new App({ outdir });
  const stacks = buildPlatform(app, config);
  assertCompliant(app);
  app.synth();
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const dependencies = Object.fromEntries(
    Object.entries(manifest.stacks).map(([name, s]) => [name, (s as { dependencies: string[] }).dependencies]),
  );
  const json = (stack: string) =>
    JSON.parse(readFileSync(join(outdir, manifest.stacks[stack].synthesizedStackPath), 'utf8'));
  return { config, stacks, json, dependencies };
}

/** Resources of one type in a synthesized stack, without their metadata, keyed by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resources(json: any, type: string): Record<string, any> {
  return Object.fromEntries(
    Object.entries(json.resource?.[type] ?? {}).map(([name, config]) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { '//': _metadata, ...rest } = config as Record<string, unknown>;
      return [name, rest];
    }),
  );
}

/** The only resource of a type whose attribute has the value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resourceWhere(json: any, type: string, attribute: string, value: unknown): any {
  const found = Object.values(resources(json, type)).filter((r) => r[attribute] === value);
  if (found.length !== 1)
    throw new Error(`expected one ${type} with ${attribute} = ${String(value)}, found ${found.length}`);
  return found[0];
}
