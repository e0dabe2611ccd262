/** Configurations and synthesized apps for the app, jobs and registry layer tests. */
import { validateConfig } from '../../config/load';
import type { PlatformConfigInput } from '../../config/schema';
import { SynthesizedApp, synthesizeConfig } from './app';
import { SILENT_ALERTING } from './config';

type EnvironmentInput = PlatformConfigInput['environments'][string];

/** A one-environment (`dev`) configuration of service `svc` with the given layers. */
export function computeInput(dev: EnvironmentInput, extra: Partial<PlatformConfigInput> = {}): PlatformConfigInput {
  return {
    service: 'svc',
    region: 'us-east-1',
    repository: { owner: 'org', name: 'repo' },
    bootstrap: { enabled: false },
    environments: { dev: { alerting: SILENT_ALERTING, ...dev } },
    ...extra,
  };
}

export { problemsOf, SILENT_ALERTING } from './config';
export type { SynthesizedApp as SynthesizedConfig } from './app';

/** Validates, builds every stack, runs the policy check and synthesizes, as main.ts does. */
export function synthConfig(input: PlatformConfigInput): SynthesizedApp {
  return synthesizeConfig(validateConfig(input));
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
