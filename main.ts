/**
 * The cdktf app. The only place that reads process.env: PLATFORM_PRESET picks a preset (default `platform`),
 * PLATFORM_ENVS narrows its environments (comma list). Configuration is validated before any stack is built and the
 * policy check runs over every stack before anything is written, so a bad input or a violation leaves no output.
 */
import { App } from 'cdktf';
import { existsSync, rmSync } from 'fs';
import { ConfigError, DEFAULT_PRESET, loadConfig } from './config/load';
import { NameError } from './modules/naming';
import { assertCompliant, PolicyViolationError } from './modules/policy';
import { buildPlatform } from './stacks';

function main(): void {
  const config = loadConfig({
    preset: process.env.PLATFORM_PRESET || DEFAULT_PRESET,
    environments: (process.env.PLATFORM_ENVS ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e.length > 0),
  });
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const outdirExisted = existsSync(outdir);
  const app = new App({ outdir });
  try {
    buildPlatform(app, config);
    assertCompliant(app);
    app.synth();
  } catch (error) {
    // App creates the output folder up front; leave no half-written output behind.
    if (!outdirExisted) rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigError || error instanceof PolicyViolationError || error instanceof NameError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
