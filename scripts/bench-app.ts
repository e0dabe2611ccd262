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
// The GitHub environment of each: a copy of prod needs prod's reviewers, and fewer environments name fewer.
const githubEnvironments: Record<string, unknown> = {};
for (let i = 0; i < count; i++) {
  const name = i < names.length ? names[i] : `env${i + 1}`;
  const source = names[Math.min(i, names.length - 1)];
  environments[name] = base.environments[source];
  const github = base.github?.environments?.[source];
  if (github !== undefined) githubEnvironments[name] = github;
}
const github = base.github && { ...base.github, environments: githubEnvironments };
synthesizePlatform(validateConfig({ ...base, github, environments }), process.env.CDKTF_OUTDIR ?? 'cdktf.out');
