import { Testing } from 'cdktf';
import { validateConfig } from '../../config/load';
import type { PlatformConfigInput } from '../../config/schema';
import { BaseStack, stateBucketName } from '../../stacks/base-stack';
import { synthJson } from '../support/stacks';
import { SILENT_ALERTING } from '../support/config';

const INPUT: PlatformConfigInput = {
  service: 'svc',
  region: 'eu-west-1',
  tags: { CostCenter: 'cc-1' },
  repository: { owner: 'org', name: 'repo' },
  environments: { dev: { account: '111111111111', alerting: SILENT_ALERTING } },
};

function stackFor(input: Partial<PlatformConfigInput>, scope: 'dev' | 'global' = 'dev') {
  const config = validateConfig({ ...INPUT, ...input });
  const environment = scope === 'dev' ? { ...config.environments.dev, name: 'dev' } : undefined;
  return new BaseStack(Testing.app(), { config, environment, layer: 'app' });
}

describe('BaseStack', () => {
  test('is named by the naming helper', () => {
    expect(stackFor({}).stackName).toBe('svc-dev-app');
    expect(stackFor({}, 'global').stackName).toBe('svc-app');
  });

  test('defaults to local state, one file per stack beside the output folder', () => {
    expect(synthJson(stackFor({})).terraform.backend).toEqual({
      local: { path: '../../../terraform.svc-dev-app.tfstate' },
    });
  });

  test('s3 state: encrypted, native lock file, key <env>/<stack>.tfstate, bootstrap bucket by default', () => {
    const backend = synthJson(stackFor({ state: { backend: 's3' } })).terraform.backend;
    expect(backend).toEqual({
      s3: {
        bucket: 'svc-tfstate',
        key: 'dev/svc-dev-app.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
    const global = synthJson(
      stackFor({ state: { backend: 's3', bucket: 'shared-state', region: 'us-east-2' } }, 'global'),
    );
    expect(global.terraform.backend.s3).toMatchObject({
      bucket: 'shared-state',
      key: 'global/svc-app.tfstate',
      region: 'us-east-2',
    });
  });

  test('cloud state: one workspace per stack named after it', () => {
    const terraform = synthJson(
      stackFor({ state: { backend: 'cloud', organization: 'acme', project: 'platform' } }),
    ).terraform;
    expect(terraform.cloud).toEqual({
      organization: 'acme',
      hostname: 'app.terraform.io',
      workspaces: { name: 'svc-dev-app', project: 'platform' },
    });
    expect(terraform.backend).toBeUndefined();
  });

  test('the AWS provider tags everything, guards the account, and has a us-east-1 alias', () => {
    const providers = synthJson(stackFor({})).provider.aws;
    const tags = {
      CostCenter: 'cc-1',
      Service: 'svc',
      Environment: 'dev',
      Production: 'false',
      Stack: 'svc-dev-app',
      ManagedBy: 'cdktf',
      Repository: 'org/repo',
    };
    expect(providers).toEqual([
      { region: 'eu-west-1', allowed_account_ids: ['111111111111'], default_tags: [{ tags }] },
      { alias: 'global', region: 'us-east-1', allowed_account_ids: ['111111111111'], default_tags: [{ tags }] },
    ]);
  });

  test('config tags cannot override the platform tags', () => {
    const stack = stackFor({ tags: { Environment: 'fake' } });
    expect(synthJson(stack).provider.aws[0].default_tags[0].tags.Environment).toBe('dev');
  });

  test('stateBucketName follows the naming helper unless the config names a bucket', () => {
    expect(stateBucketName(validateConfig(INPUT))).toBe('svc-tfstate');
    expect(stateBucketName(validateConfig({ ...INPUT, state: { backend: 's3', bucket: 'mine' } }))).toBe('mine');
  });
});

test('every stack requires Terraform 1.10 or newer (S3 native locking), checked by Terraform at plan time', () => {
  expect(synthJson(stackFor({})).terraform.required_version).toBe('>= 1.10');
});
