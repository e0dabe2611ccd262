/** Configurations and app preparation for the alerting, oncall and monitoring stack tests. */
import { App, TerraformStack } from 'cdktf';
import { environmentsOf, loadConfig, validateConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';
import type { Environment, PlatformConfig } from '../../config/schema';

// Presets are deeply optional unions; tests edit them as plain data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PresetDraft = any;

/** A preset, optionally edited, validated as main.ts would. */
export function presetConfig(preset = 'platform', change?: (draft: PresetDraft) => void): PlatformConfig {
  if (change === undefined) return loadConfig({ preset });
  const draft = structuredClone(PRESETS[preset]) as PresetDraft;
  change(draft);
  return validateConfig(draft);
}

export function environmentOf(config: PlatformConfig, name: string): Environment {
  const environment = environmentsOf(config).find((e) => e.name === name);
  if (environment === undefined) throw new Error(`no environment ${name}`);
  return environment;
}

/** Resolves cross-stack references into outputs and remote state, as synth (and the policy check) does. */
export function prepareApp(app: App): void {
  app.node
    .findAll()
    .filter(TerraformStack.isStack)
    .forEach((stack) => stack.prepareStack());
}
