/**
 * The cdktf app. The only place that reads process.env: PLATFORM_PRESET picks a preset (default `platform`),
 * PLATFORM_ENVS narrows its environments (comma list). Configuration is validated before any stack is built and the
 * policy check runs over every stack before anything is written, so a bad input or a violation leaves no output;
 * the check's summary (suppressions per rule with their reasons, warnings) is printed.
 */
import {
  ConfigError,
  DEFAULT_PRESET,
  ENVIRONMENT_WIDE_LAYERS,
  listBundledHandlers,
  loadSelection,
  parseEnvironmentList,
} from './config/load';
import { DEFAULT_LAMBDAS_DIR } from './modules/lambda-asset';
import { NameError } from './modules/naming';
import { formatPolicyReport, PolicyViolationError } from './modules/policy';
import { synthesizePlatform } from './stacks';

try {
  const { config, skipped } = loadSelection({
    preset: process.env.PLATFORM_PRESET || DEFAULT_PRESET,
    environments: parseEnvironmentList(process.env.PLATFORM_ENVS),
    bundledHandlers: listBundledHandlers(DEFAULT_LAMBDAS_DIR),
  });
  if (skipped.length > 0) {
    process.stdout.write(
      `PLATFORM_ENVS: building ${Object.keys(config.environments).join(', ')}; skipped ${skipped.join(', ')} ` +
        `and the global stacks that hold every environment (${ENVIRONMENT_WIDE_LAYERS.join(', ')})\n`,
    );
  }
  const report = synthesizePlatform(config, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  // Every suppression and warning, counted per rule, in the synth output a reviewer sees in the pull request.
  process.stdout.write(`${formatPolicyReport(report)}\n`);
} catch (error) {
  if (error instanceof ConfigError || error instanceof PolicyViolationError || error instanceof NameError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
