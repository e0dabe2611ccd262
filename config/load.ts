/**
 * Turns a preset name and an environment filter into a validated configuration, or a ConfigError that lists every
 * problem as `<field path>: <rule>, got <value>`.
 */
import { ZodError, ZodIssue } from 'zod';
import { PRESETS } from './presets';
import { Environment, PlatformConfig, PlatformConfigInput, platformSchema } from './schema';

export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    heading = 'invalid platform configuration',
  ) {
    super(`${heading}:\n${problems.map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /** Name of a preset in config/presets. */
  readonly preset: string;
  /** Environments to keep; all of the preset's when absent or empty. */
  readonly environments?: readonly string[];
}

export const DEFAULT_PRESET = 'platform';

export function loadConfig(options: LoadOptions): PlatformConfig {
  const input = PRESETS[options.preset];
  if (input === undefined) {
    throw new ConfigError([
      {
        path: 'PLATFORM_PRESET',
        message: `unknown preset ${JSON.stringify(options.preset)}; valid presets: ${Object.keys(PRESETS).join(', ')}`,
      },
    ]);
  }
  return selectEnvironments(validateConfig(input), options.environments ?? [], options.preset);
}

export function validateConfig(input: PlatformConfigInput | unknown): PlatformConfig {
  try {
    return platformSchema.parse(input);
  } catch (error) {
    if (error instanceof ZodError) throw new ConfigError(error.issues.map((i) => describeIssue(i, input)));
    throw error;
  }
}

function selectEnvironments(config: PlatformConfig, names: readonly string[], preset: string): PlatformConfig {
  if (names.length === 0) return config;
  const valid = Object.keys(config.environments);
  const unknown = names.filter((n) => !valid.includes(n));
  if (unknown.length > 0) {
    throw new ConfigError([
      {
        path: 'PLATFORM_ENVS',
        message: `unknown environment ${unknown.map((n) => JSON.stringify(n)).join(', ')}; valid environments of preset ${preset}: ${valid.join(', ')}`,
      },
    ]);
  }
  const environments = Object.fromEntries(Object.entries(config.environments).filter(([n]) => names.includes(n)));
  return { ...config, environments };
}

/** The environments of a configuration, in declaration order, each with its name. */
export function environmentsOf(config: PlatformConfig): Environment[] {
  return Object.entries(config.environments).map(([name, env]) => ({ ...env, name }));
}

function describeIssue(issue: ZodIssue, input: unknown): ConfigProblem {
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` };
  }
  const value = valueAt(input, issue.path);
  if (value === undefined) return { path, message: issue.message === 'Required' ? 'is required' : issue.message };
  return { path, message: `${issue.message}, got ${JSON.stringify(value)}` };
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
