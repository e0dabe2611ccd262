/** Configuration helpers for `fails when ...` tests. */
import { ConfigError, validateConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';
import type { PlatformConfigInput } from '../../config/schema';

// The config input is a deeply optional union; tests edit it as plain data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MutableInput = any;

/**
 * An environment's alerting layer off, with the reason its alarms then need (environments.<env>.alerting.reason):
 * for fixtures whose alarms nobody is meant to hear.
 */
export const SILENT_ALERTING = { enabled: false, reason: 'Test fixture: no alerting layer, nobody is notified.' };

/** The default preset with one change applied. */
export function platformWith(change: (c: MutableInput) => void): PlatformConfigInput {
  const copy = structuredClone(PRESETS.platform) as MutableInput;
  change(copy);
  return copy;
}

/** The problems validation reports, as `<path>: <message>` lines; fails the test if the input is accepted. */
export function problemsOf(input: unknown): string[] {
  try {
    validateConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}
