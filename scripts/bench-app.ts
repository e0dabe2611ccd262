/**
 * The app as main.ts synthesizes it, with the default preset's environments repeated to N (dev, staging, prod, then
 * copies of prod named env4...), to measure how synth grows with the number of environments.
 */
import { validateConfig } from '../config/load';
import { PRESETS } from '../config/presets';
import type { PlatformConfigInput } from '../config/schema';
import { synthesizePlatform } from '../stacks';

const count = Number(process.argv[2] ?? '3');
const base = PRESETS.platform;
const names = Object.keys(base.environments);
const environments: PlatformConfigInput['environments'] = {};
for (let i = 0; i < count; i++) {
  const name = i < names.length ? names[i] : `env${i + 1}`;
  environments[name] = base.environments[names[Math.min(i, names.length - 1)]];
}
synthesizePlatform(validateConfig({ ...base, environments }), process.env.CDKTF_OUTDIR ?? 'cdktf.out');
