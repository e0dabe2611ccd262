/**
 * `terraform validate` of every stack of every preset that needs only the AWS provider, against the real provider
 * schema (see support/terraform.ts for how the provider is found and why stacks are validated per preset in one
 * run). Stacks that need the PagerDuty or GitHub provider are listed as skipped with the reason, and the summary is
 * printed, so a full `npm test` shows what was and was not validated. Without terraform or the AWS provider the
 * whole file is skipped with the reason, unless TF_VALIDATE_REQUIRED=1 (set by .ci/run), which makes it a failure.
 */
import { availableParallelism, homedir } from 'os';
import { PRESETS } from '../config/presets';
import { synthPreset } from './support/app';
import {
  AWS_PROVIDER_SOURCE,
  awsProviderSetup,
  pool,
  requiredProviders,
  stackDirsOf,
  StackVerdict,
  terraformVersion,
  validateStacks,
} from './support/terraform';

// No update check: every terraform call stays on this machine.
const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
const required = process.env.TF_VALIDATE_REQUIRED === '1';
const version = terraformVersion(env);
const setup = version === undefined ? undefined : awsProviderSetup(process.env, homedir());
const skipReason =
  version === undefined ? 'no terraform binary on the PATH' : setup?.found === false ? setup.reason : undefined;

if (skipReason !== undefined) {
  if (required) {
    test('terraform validate can run here (TF_VALIDATE_REQUIRED=1)', () => {
      throw new Error(`terraform validate cannot run: ${skipReason}`);
    });
  } else {
    console.log(`terraform validate: every stack skipped, ${skipReason}.`);
    test.skip(`terraform validate of every stack: skipped, ${skipReason}`, () => undefined);
  }
} else if (setup?.found) {
  const tfEnv = { ...env, TF_CLI_CONFIG_FILE: setup.cliConfigFile };
  // One synth per preset, every environment, exactly as main.ts builds it.
  const presets = Object.keys(PRESETS).map((preset) => {
    const dirs = stackDirsOf(synthPreset({ preset }).outdir);
    const byStack = dirs.map((dir) => ({
      dir,
      stack: dir.split('/').pop() as string,
      providers: requiredProviders(dir),
    }));
    return {
      preset,
      validated: byStack.filter((s) => s.providers.every((p) => p === AWS_PROVIDER_SOURCE)),
      skipped: byStack.filter((s) => s.providers.some((p) => p !== AWS_PROVIDER_SOURCE)),
    };
  });
  const verdicts = new Map<string, StackVerdict>();

  beforeAll(async () => {
    const started = Date.now();
    const results = await pool(
      presets.map(
        (p) => () =>
          validateStacks(
            p.validated.map((s) => s.dir),
            tfEnv,
          ),
      ),
      Math.max(1, Math.min(3, availableParallelism())),
    );
    results.flat().forEach((v) => verdicts.set(v.stack, v));
    const validated = presets.reduce((n, p) => n + p.validated.length, 0);
    const skipped = presets.flatMap((p) => p.skipped);
    console.log(
      [
        `terraform validate (terraform ${version}, ${AWS_PROVIDER_SOURCE} ${setup.version ?? ''} ${setup.description}): ` +
          `${validated} stacks of ${presets.length} presets validated, ${skipped.length} skipped, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ...skipped.map((s) => `  skipped ${s.stack}: ${skipMessage(s.providers)}`),
      ].join('\n'),
    );
  }, 600_000);

  describe.each(presets)('terraform validate of the $preset preset', ({ validated, skipped }) => {
    test.each(validated.map((s) => s.stack))('%s is valid against the AWS provider schema', (stack) => {
      expect(verdicts.get(stack)?.problems).toEqual([]);
    });
    for (const s of skipped) {
      test.skip(`${s.stack}: skipped, ${skipMessage(s.providers)}`, () => undefined);
    }
  });
}

function skipMessage(providers: readonly string[]): string {
  const missing = providers.filter((p) => p !== AWS_PROVIDER_SOURCE);
  return `needs ${missing.join(' and ')}, which this machine does not have (only ${AWS_PROVIDER_SOURCE} is installed locally)`;
}
