/** How the terraform checks find the AWS provider and read terraform's diagnostics. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  attributeDiagnostics,
  awsProviderSetup,
  devOverridesConfig,
  findAwsProvider,
  platformFolder,
  pluginSearchRoots,
  pool,
} from './terraform';

function fakeBinary(root: string, version: string, platform = platformFolder()): string {
  const dir = join(root, 'registry.terraform.io', 'hashicorp', 'aws', version, platform);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `terraform-provider-aws_v${version}_x5`);
  writeFileSync(file, '');
  chmodSync(file, 0o755);
  return dir;
}

describe('pluginSearchRoots', () => {
  test('searches TF_PLUGIN_DIR first, then the per-user and system plugin folders', () => {
    const roots = pluginSearchRoots({ TF_PLUGIN_DIR: '/mirror', XDG_DATA_DIRS: '/usr/share' }, '/home/u');
    expect(roots).toEqual([
      '/mirror',
      '/home/u/.terraform.d/plugins',
      '/home/u/.local/share/terraform/plugins',
      '/usr/share/terraform/plugins',
      '/opt/tf-plugins',
    ]);
  });
});

describe('findAwsProvider', () => {
  test('picks the newest version that runs on this platform', () => {
    const root = mkdtempSync(join(tmpdir(), 'plugins-'));
    fakeBinary(root, '5.9.0');
    const newest = fakeBinary(root, '5.100.0');
    fakeBinary(root, '6.25.0', 'windows_amd64');
    expect(findAwsProvider([root])).toEqual({ dir: newest, version: '5.100.0' });
  });

  test('takes the first root that has one, and finds nothing in empty roots', () => {
    const empty = mkdtempSync(join(tmpdir(), 'plugins-'));
    const second = mkdtempSync(join(tmpdir(), 'plugins-'));
    const dir = fakeBinary(second, '5.1.0');
    expect(findAwsProvider([empty, '/does/not/exist', second])?.dir).toBe(dir);
    expect(findAwsProvider([empty])).toBeUndefined();
  });
});

describe('awsProviderSetup', () => {
  test('an existing TF_CLI_CONFIG_FILE wins over any search', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rc-')), 'user.rc');
    writeFileSync(file, '');
    expect(awsProviderSetup({ TF_CLI_CONFIG_FILE: file, TF_PLUGIN_DIR: '/x' }, '/nohome')).toMatchObject({
      found: true,
      cliConfigFile: file,
    });
  });

  test('otherwise writes a dev_overrides config pointing at the folder of the binary found', () => {
    const root = mkdtempSync(join(tmpdir(), 'plugins-'));
    const dir = fakeBinary(root, '5.100.0');
    const setup = awsProviderSetup({ TF_CLI_CONFIG_FILE: '/missing.rc', TF_PLUGIN_DIR: root }, '/nohome');
    if (!setup.found) throw new Error(setup.reason);
    expect(setup.version).toBe('5.100.0');
    expect(readFileSync(setup.cliConfigFile, 'utf8')).toBe(devOverridesConfig(dir));
    expect(devOverridesConfig(dir)).toContain(`"hashicorp/aws" = ${JSON.stringify(dir)}`);
  });

  test('TF_AWS_PROVIDER_DIR names the folder directly and must hold the binary', () => {
    const dir = fakeBinary(mkdtempSync(join(tmpdir(), 'plugins-')), '5.2.0');
    expect(awsProviderSetup({ TF_AWS_PROVIDER_DIR: dir }, '/nohome')).toMatchObject({ found: true, version: '5.2.0' });
    const empty = mkdtempSync(join(tmpdir(), 'plugins-'));
    expect(awsProviderSetup({ TF_AWS_PROVIDER_DIR: empty }, '/nohome')).toEqual({
      found: false,
      reason: `TF_AWS_PROVIDER_DIR=${empty} holds no terraform-provider-aws_* binary`,
    });
  });

  test('says where it looked when there is no provider', () => {
    const setup = awsProviderSetup({}, '/nohome', ['/nothing-here']);
    expect(setup.found).toBe(false);
    expect(!setup.found && setup.reason).toContain('/nothing-here');
  });
});

describe('attributeDiagnostics', () => {
  test('gives each stack its own errors and unexpected warnings; file-less errors go to every stack', () => {
    const verdicts = attributeDiagnostics(
      ['a', 'b'],
      [
        { severity: 'warning', summary: 'Provider development overrides are in effect' },
        { severity: 'warning', summary: 'Backend configuration ignored', range: { filename: 'a/cdk.tf.json' } },
        {
          severity: 'error',
          summary: 'Unsupported argument',
          range: { filename: 'a/cdk.tf.json', start: { line: 3 } },
        },
        { severity: 'warning', summary: 'Deprecated attribute', range: { filename: 'b/cdk.tf.json' } },
        { severity: 'error', summary: 'Failed to load plugin schemas' },
      ],
    );
    expect(verdicts).toEqual([
      {
        stack: 'a',
        problems: ['error: Unsupported argument (a/cdk.tf.json:3)', 'error: Failed to load plugin schemas'],
      },
      {
        stack: 'b',
        problems: ['warning: Deprecated attribute (b/cdk.tf.json)', 'error: Failed to load plugin schemas'],
      },
    ]);
  });
});

describe('pool', () => {
  test('keeps at most the limit in flight and returns results in order', async () => {
    let running = 0;
    let peak = 0;
    const job = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return n;
    };
    expect(await pool([1, 2, 3, 4, 5].map(job), 2)).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });
});
