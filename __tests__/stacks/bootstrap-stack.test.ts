import { Testing } from 'cdktf';
import { rmSync } from 'fs';
import { validateConfig } from '../../config/load';
import type { PlatformConfigInput } from '../../config/schema';
import { checkTerraformStack } from '../../modules/policy';
import { BootstrapStack } from '../../stacks/bootstrap-stack';
import { synthesizeConfig } from '../support/app';
import { resourcesOf, synthJson } from '../support/stacks';
import { SILENT_ALERTING } from '../support/config';

const INPUT: PlatformConfigInput = {
  service: 'svc',
  region: 'us-east-1',
  repository: { owner: 'org', name: 'repo' },
  environments: { dev: { alerting: SILENT_ALERTING }, prod: { alerting: SILENT_ALERTING } },
};

function build(input: Partial<PlatformConfigInput> = {}) {
  return new BootstrapStack(Testing.app(), {
    config: validateConfig({ ...INPUT, ...input }),
    environments: ['dev', 'prod'],
  });
}

function trustOf(stack: BootstrapStack, roleName: string) {
  const role = Object.values(resourcesOf(stack, 'aws_iam_role')).find((r) => r.name === roleName);
  return JSON.parse(role.assume_role_policy).Statement[0];
}

describe('BootstrapStack', () => {
  test('pins the state bucket address (renaming it would destroy the state)', () => {
    const json = synthJson(build());
    expect(json.resource.aws_s3_bucket['state-bucket_828F7150']).toMatchObject({
      bucket: 'svc-tfstate',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('the state bucket passes the policy check; the only suppression is the deploy roles PowerUserAccess', () => {
    const stack = build();
    expect(checkTerraformStack(stack)).toEqual([]);
    const suppressed = Object.values(resourcesOf(stack, 'aws_iam_role_policy_attachment')).filter(
      (a) => a['//']?.suppressions,
    );
    expect(suppressed.map((a) => a.policy_arn)).toEqual([
      'arn:${data.aws_partition.partition.partition}:iam::aws:policy/PowerUserAccess',
      'arn:${data.aws_partition.partition.partition}:iam::aws:policy/PowerUserAccess',
    ]);
  });

  test('keeps superseded state versions for the configured days', () => {
    const stack = build({ bootstrap: { stateVersionRetentionDays: 30 } });
    const lifecycle = Object.values(resourcesOf(stack, 'aws_s3_bucket_lifecycle_configuration'))[0];
    expect(lifecycle.rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
  });

  test('creates the GitHub OIDC provider for STS', () => {
    expect(Testing.synth(build())).toHaveResourceWithProperties(
      { tfResourceType: 'aws_iam_openid_connect_provider' },
      { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] },
    );
  });

  test('references an existing OIDC provider when told not to create one', () => {
    const json = synthJson(build({ bootstrap: { createGithubOidcProvider: false } }));
    expect(json.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(Object.values(json.data.aws_iam_openid_connect_provider)).toEqual([
      expect.objectContaining({ url: 'https://token.actions.githubusercontent.com' }),
    ]);
  });

  test('each deploy role trusts only its GitHub environment of this repository', () => {
    const stack = build();
    for (const env of ['dev', 'prod']) {
      expect(trustOf(stack, `svc-${env}-deploy`)).toMatchObject({
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': `repo:org/repo:environment:${env}`,
          },
        },
      });
    }
  });

  test('deploy roles manage only their environment roles and write only their state keys', () => {
    const stack = build();
    const policies = Object.values(resourcesOf(stack, 'aws_iam_role_policy'));
    const dev = JSON.parse(policies.find((p) => p.role.includes('deploy-dev')).policy).Statement;
    expect(dev.find((s: { Sid: string }) => s.Sid === 'ManageOwnRoles').Resource).toBe(
      'arn:${data.aws_partition.partition.partition}:iam::${data.aws_caller_identity.account.account_id}:role/svc-dev-*',
    );
    expect(dev.find((s: { Sid: string }) => s.Sid === 'WriteState').Resource).toMatch(/\/dev\/\*$/);
  });

  test('deploy roles may change role descriptions (Terraform updates them in place)', () => {
    const stack = build();
    const policies = Object.values(resourcesOf(stack, 'aws_iam_role_policy'));
    const dev = JSON.parse(policies.find((p) => p.role.includes('deploy-dev')).policy).Statement;
    expect(dev.find((s: { Sid: string }) => s.Sid === 'ManageOwnRoles').Action).toContain('iam:UpdateRoleDescription');
  });

  test('deploy sessions last as long as the environment can need: a canary in prod gets two hours', () => {
    const stack = build({
      environments: {
        dev: { alerting: SILENT_ALERTING },
        prod: {
          alerting: SILENT_ALERTING,
          protectStatefulResources: true,
          app: { deployment: { intervalMinutes: 30 } },
        },
      },
    });
    const roles = Object.values(resourcesOf(stack, 'aws_iam_role'));
    const session = (name: string) => roles.find((r) => r.name === name).max_session_duration;
    expect(session('svc-dev-deploy')).toBe(3600);
    expect(session('svc-prod-deploy')).toBe(2 * 3600);
  });

  test('the plan role trusts pull requests and is read-only with state read and lock', () => {
    const stack = build();
    expect(trustOf(stack, 'svc-plan').Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(
      'repo:org/repo:pull_request',
    );
    const statements = JSON.parse(
      Object.values(resourcesOf(stack, 'aws_iam_role_policy')).find((p) => p.name === 'state-read-and-lock').policy,
    ).Statement;
    expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual(['ListState', 'ReadState', 'Lock']);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(
      { tfResourceType: 'aws_iam_role_policy_attachment' },
      { policy_arn: 'arn:${data.aws_partition.partition.partition}:iam::aws:policy/ReadOnlyAccess' },
    );
  });

  test('outputs the role ARNs and the bucket for CI and the GitHub layer', () => {
    expect(Object.keys(synthJson(build()).output).sort()).toEqual([
      'deploy-role-arn-dev',
      'deploy-role-arn-prod',
      'plan-role-arn',
      'state-bucket-name',
    ]);
  });
});

describe('the state bucket and the backends', () => {
  /** Region of the provider a resource uses: its own alias, or the default provider. */
  function regionOfProvider(json: { provider: { aws: { alias?: string; region: string }[] } }, provider?: string) {
    const alias = provider?.replace(/^aws\./, '');
    return json.provider.aws.find((p) => p.alias === alias)?.region;
  }

  test('is created in state.region, where every backend of the app looks for it', () => {
    const synth = synthesizeConfig(
      validateConfig({ ...INPUT, region: 'us-east-1', state: { backend: 's3', region: 'eu-central-1' } }),
    );
    const bootstrap = synth.json('svc-bootstrap');
    const bucket = bootstrap.resource.aws_s3_bucket['state-bucket_828F7150'];
    const bucketRegion = regionOfProvider(bootstrap, bucket.provider);
    expect(bucketRegion).toBe('eu-central-1');
    // Every part of the bucket (policy, versioning, encryption, ...) goes to the same region.
    for (const [type, resources] of Object.entries(bootstrap.resource) as [
      string,
      Record<string, { provider?: string }>,
    ][]) {
      if (!type.startsWith('aws_s3_bucket')) continue;
      for (const r of Object.values(resources)) expect(r.provider).toBe(bucket.provider);
    }
    const backends = Object.keys(synth.dependencies).map((stack) => synth.json(stack).terraform.backend.s3);
    expect(backends.length).toBeGreaterThan(2);
    for (const backend of backends) expect([backend.bucket, backend.region]).toEqual([bucket.bucket, bucketRegion]);
    rmSync(synth.outdir, { recursive: true, force: true });
  });

  test('uses the default provider when the state region is the platform region', () => {
    const json = synthJson(build({ state: { backend: 's3' } }));
    expect(json.resource.aws_s3_bucket['state-bucket_828F7150'].provider).toBeUndefined();
    expect(json.provider.aws.map((p: { region: string }) => p.region)).toEqual(['us-east-1', 'us-east-1']);
    expect(json.terraform.backend.s3.region).toBe('us-east-1');
  });

  test('is not created with the cloud backend, and no role gets state bucket rights', () => {
    const stack = build({ state: { backend: 'cloud', organization: 'org' } });
    const json = synthJson(stack);
    expect(stack.stateBucket).toBeUndefined();
    expect(Object.keys(json.resource).filter((t) => t.startsWith('aws_s3_bucket'))).toEqual([]);
    expect(Object.keys(json.output)).not.toContain('state-bucket-name');
    expect(JSON.stringify(json.resource.aws_iam_role_policy)).not.toMatch(/s3:/);
    expect(checkTerraformStack(stack)).toEqual([]);
  });
});
