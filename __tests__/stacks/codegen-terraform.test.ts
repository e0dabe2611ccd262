/**
 * The codegen stacks of frigg and platform against the real AWS provider schema: `terraform validate` with the
 * provider taken from TF_PLUGIN_DIR through a dev_overrides CLI configuration (no `init`, no registry, no network).
 * Runs only where terraform is on the PATH and TF_PLUGIN_DIR holds hashicorp/aws, and says why it is skipped otherwise.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthPreset } from '../support/app';

const pluginDir = process.env.TF_PLUGIN_DIR;
const awsDir = pluginDir ? join(pluginDir, 'registry.terraform.io', 'hashicorp', 'aws') : undefined;
const versionDir = awsDir && existsSync(awsDir) ? readdirSync(awsDir).sort().pop() : undefined;
const providerDir = versionDir ? join(awsDir!, versionDir, 'linux_amd64') : undefined;
const hasTerraform =
  spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).status ===
  0;
const reason = !hasTerraform
  ? 'no terraform binary on the PATH'
  : providerDir === undefined || !existsSync(providerDir)
    ? 'TF_PLUGIN_DIR does not hold registry.terraform.io/hashicorp/aws/<version>/linux_amd64'
    : undefined;
if (reason) console.log(`Skipping terraform validate of the codegen stacks: ${reason}.`);

(reason ? describe.skip : describe)('codegen stacks are valid Terraform', () => {
  const configDir = mkdtempSync(join(tmpdir(), 'codegen-tf-'));
  const cliConfig = join(configDir, 'terraform.rc');
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: cliConfig };

  beforeAll(() => {
    writeFileSync(
      cliConfig,
      `provider_installation {\n  dev_overrides { "hashicorp/aws" = "${providerDir}" }\n  direct {}\n}\n`,
    );
  });
  afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  test.each([
    ['frigg', 'prod'],
    ['platform', 'dev'],
  ])('%s-%s-codegen', (preset, environment) => {
    const synth = synthPreset({ preset, environments: [environment] });
    const cwd = join(synth.outdir, 'stacks', `${preset}-${environment}-codegen`);
    const validate = spawnSync('terraform', ['validate', '-no-color'], { cwd, env, encoding: 'utf8' });
    expect(validate.stdout + validate.stderr).toContain('Success! The configuration is valid');
    rmSync(synth.outdir, { recursive: true, force: true });
  });
});
