/**
 * The cdktf app. The only place that reads process.env: PLATFORM_PRESET picks a preset (default `platform`),
 * PLATFORM_ENVS narrows its environments (comma list). Configuration is validated before any stack is built and the
 * policy check runs over every stack before anything is written, so a bad input or a violation leaves no output.
 */
import { ConfigError, DEFAULT_PRESET, loadConfig } from './config/load';
import { NameError } from './modules/naming';
import { PolicyViolationError } from './modules/policy';
import { synthesizePlatform } from './stacks';

try {
  const config = loadConfig({
    preset: process.env.PLATFORM_PRESET || DEFAULT_PRESET,
    environments: (process.env.PLATFORM_ENVS ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e.length > 0),
  });
  synthesizePlatform(config, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
} catch (error) {
  if (error instanceof ConfigError || error instanceof PolicyViolationError || error instanceof NameError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
