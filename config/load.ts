/**
 * Turns a preset name and an environment filter into a validated configuration, or a ConfigError that lists every
 * problem as `<field path>: <rule>, got <value>`.
 *
 * Only the selected environments are validated: a problem in staging must not block a synth of dev, and a mistake
 * in settings several environments share is reported once per environment that is built, not once per environment
 * of the preset. The settings outside `environments` are validated once, whatever the selection.
 */
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { ZodError, ZodIssue } from 'zod';
import { PRESETS } from './presets';
import { nearest } from './rules';
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
  /**
   * Handlers that `code: { type: 'bundled' }` may name (the folders under `lambdas/`, see listBundledHandlers).
   * @default not checked here (the bundler fails on a missing one at synth)
   */
  readonly bundledHandlers?: readonly string[];
}

export interface LoadedConfig {
  readonly config: PlatformConfig;
  /** Environments of the preset that the selection left out, neither validated nor built. */
  readonly skipped: readonly string[];
}

export const DEFAULT_PRESET = 'platform';

/** Global layers that enumerate every environment of the preset; a narrowed selection (PLATFORM_ENVS) leaves them out. */
export const ENVIRONMENT_WIDE_LAYERS = ['bootstrap', 'github', 'pipeline'] as const;

/** The names of the presets, in registry order. */
export function presetNames(): string[] {
  return Object.keys(PRESETS);
}

export function loadConfig(options: LoadOptions): PlatformConfig {
  return loadSelection(options).config;
}

/** The validated configuration of the selected environments, and which ones were skipped. */
export function loadSelection(options: LoadOptions): LoadedConfig {
  const input = PRESETS[options.preset];
  if (input === undefined) {
    throw new ConfigError([
      {
        path: 'PLATFORM_PRESET',
        message: `unknown preset ${JSON.stringify(options.preset)}; valid presets: ${presetNames().join(', ')}`,
      },
    ]);
  }
  return validateSelection(input, options);
}

/** Validates the selected environments of a preset's input (and its shared settings once). */
export function validateSelection(input: PlatformConfigInput, options: LoadOptions): LoadedConfig {
  const { selected, skipped } = selectEnvironments(input, options.environments ?? [], options.preset);
  const heading =
    skipped.length > 0
      ? `invalid platform configuration (PLATFORM_ENVS selects ${Object.keys(selected.environments).join(', ')}; ` +
        `not validated: ${skipped.join(', ')})`
      : undefined;
  const config = validateConfig(selected, heading);
  if (options.bundledHandlers !== undefined) {
    const problems = bundledHandlerProblems(selected, options.bundledHandlers);
    if (problems.length > 0) throw new ConfigError(problems, heading);
  }
  return { config, skipped };
}

export function validateConfig(input: PlatformConfigInput | unknown, heading?: string): PlatformConfig {
  try {
    return platformSchema.parse(input);
  } catch (error) {
    if (error instanceof ZodError)
      throw new ConfigError(
        error.issues.map((i) => describeIssue(i, input)),
        heading,
      );
    throw error;
  }
}

/**
 * PLATFORM_ENVS as a list of names. Unset or empty selects every environment; anything else must be names separated
 * by commas, because a value of only commas or blanks is a mistake that would otherwise build everything.
 */
export function parseEnvironmentList(raw: string | undefined): string[] {
  if (raw === undefined || raw === '') return [];
  const names = raw.split(',').map((e) => e.trim());
  if (names.some((n) => n.length === 0)) {
    throw new ConfigError([
      {
        path: 'PLATFORM_ENVS',
        message: `must be environment names separated by commas, with no empty entry (unset it to build every environment), got ${JSON.stringify(raw)}`,
      },
    ]);
  }
  return [...new Set(names)];
}

/** Folders under `lambdasDir` that hold an `index.ts`: the handlers a bundled function may name. */
export function listBundledHandlers(lambdasDir: string): string[] {
  return readdirSync(lambdasDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(lambdasDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

function selectEnvironments(
  input: PlatformConfigInput,
  names: readonly string[],
  preset: string,
): { selected: PlatformConfigInput; skipped: string[] } {
  const all = input.environments as Record<string, unknown> | undefined;
  if (names.length === 0 || all === null || typeof all !== 'object') return { selected: input, skipped: [] };
  const valid = Object.keys(all);
  const unknown = names.filter((n) => !valid.includes(n));
  if (unknown.length > 0) {
    throw new ConfigError([
      {
        path: 'PLATFORM_ENVS',
        message: `unknown environment ${unknown.map((n) => JSON.stringify(n)).join(', ')}; valid environments of preset ${preset}: ${valid.join(', ')}`,
      },
    ]);
  }
  const environments = Object.fromEntries(Object.entries(all).filter(([n]) => names.includes(n)));
  // Global stacks that hold something of every environment (deploy roles, GitHub environments, pipeline stages)
  // would, applied from a narrowed synth, destroy what belongs to the environments left out: they are built only
  // from the whole preset.
  const off = { enabled: false };
  return {
    selected: {
      ...input,
      environments,
      ...Object.fromEntries(ENVIRONMENT_WIDE_LAYERS.map((layer) => [layer, off])),
    } as PlatformConfigInput,
    skipped: valid.filter((n) => !names.includes(n)),
  };
}

/**
 * Every `{ type: 'bundled', handler }` in the input, wherever a layer declares functions, must name a handler folder.
 * Without this, esbuild fails deep inside synth with a trace through the app bundle.
 */
function bundledHandlerProblems(input: unknown, handlers: readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (value === null || typeof value !== 'object') return;
    const code = value as { type?: unknown; handler?: unknown };
    if (code.type === 'bundled' && typeof code.handler === 'string' && !handlers.includes(code.handler)) {
      const close = nearest(code.handler, handlers);
      problems.push({
        path: [...path, 'handler'].join('.'),
        message:
          `must name a handler folder under lambdas/ (${handlers.join(', ')}), got ${JSON.stringify(code.handler)}` +
          (close.length > 0 ? `; did you mean ${close[0]}?` : ''),
      });
    }
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
  };
  visit(input, []);
  return problems;
}

/** The environments of a configuration, in declaration order, each with its name. */
export function environmentsOf(config: PlatformConfig): Environment[] {
  return Object.entries(config.environments).map(([name, env]) => ({ ...env, name }));
}

const SHORT_VALUE_LENGTH = 60;
const LONG_STRING_LENGTH = 160;

function describeIssue(issue: ZodIssue, input: unknown): ConfigProblem {
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` };
  }
  if (issue.code === 'custom' && typeof issue.params?.recordKey === 'string') {
    return { path, message: `${issue.message}, got key ${JSON.stringify(issue.params.recordKey)}` };
  }
  const value = valueAt(input, issue.path);
  const last = issue.path[issue.path.length - 1];
  // A record's key rule (route keys, environment and function names) reports at the path of the entry, whose value
  // is an object: the key is what was wrong, so that is what the message shows.
  if (isKeyIssue(issue) && typeof last === 'string' && isPlainObject(value)) {
    return { path: issue.path.slice(0, -1).join('.'), message: `${issue.message}, got key ${JSON.stringify(last)}` };
  }
  if (value === undefined) return { path, message: issue.message === 'Required' ? 'is required' : issue.message };
  return { path, message: `${issue.message}, got ${shortValue(value)}` };
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isKeyIssue(issue: ZodIssue): boolean {
  return issue.code === 'invalid_string' || issue.code === 'too_small' || issue.code === 'too_big';
}

/** A value as received, short enough for one line: scalars as JSON, larger objects and lists by their shape. */
export function shortValue(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  if (json.length <= SHORT_VALUE_LENGTH) return json;
  if (typeof value === 'string') {
    // An ARN or URL is read whole to spot what is wrong in it; only prose-length strings are cut.
    if (value.length <= LONG_STRING_LENGTH) return json;
    return `${JSON.stringify(value.slice(0, SHORT_VALUE_LENGTH))}... (${value.length} characters)`;
  }
  if (Array.isArray(value)) return `a list of ${value.length} entries`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 4).join(', ');
    return `an object with ${shown}${keys.length > 4 ? `, ... (${keys.length} fields)` : ''}`;
  }
  return json.slice(0, SHORT_VALUE_LENGTH);
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
