/**
 * Checks that need the terraform binary and the providers. They never reach the network: they run only where
 * terraform is on the PATH and the providers sit in a local plugin directory (TF_PLUGIN_DIR, a filesystem mirror
 * laid out as registry.terraform.io/<namespace>/<type>/...), and say why they were skipped otherwise.
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { synthPreset } from './support/app';

// No update check: every terraform call stays on this machine.
const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
const pluginDir = process.env.TF_PLUGIN_DIR;
const hasTerraform = spawnSync('terraform', ['version'], { env, encoding: 'utf8' }).status === 0;
const hasProviders =
  pluginDir !== undefined &&
  ['hashicorp/aws', 'pagerduty/pagerduty', 'integrations/github'].every((p) =>
    existsSync(join(pluginDir, 'registry.terraform.io', p)),
  );
const reason = !hasTerraform
  ? 'no terraform binary on the PATH'
  : !hasProviders
    ? 'terraform is on the PATH but TF_PLUGIN_DIR does not hold the aws, pagerduty and github providers (no registry access here)'
    : undefined;

if (reason) {
  console.log(`Skipping terraform validate of the synthesized stacks: ${reason}.`);
}

(reason ? describe.skip : describe)('terraform validate', () => {
  const synth = synthPreset({ preset: 'platform', environments: ['dev'] });

  test.each(Object.keys(synth.dependencies))('%s is valid Terraform', (stack) => {
    const cwd = join(synth.outdir, 'stacks', stack);
    const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', `-plugin-dir=${pluginDir}`], {
      cwd,
      env,
      encoding: 'utf8',
    });
    expect(init.stderr).toBe('');
    const validate = spawnSync('terraform', ['validate', '-no-color'], { cwd, env, encoding: 'utf8' });
    expect(validate.stdout + validate.stderr).toContain('Success! The configuration is valid.');
  });
});
