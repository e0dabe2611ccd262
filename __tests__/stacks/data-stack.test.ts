import { App, TerraformStack, Testing } from 'cdktf';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { validateConfig } from '../../config/load';
import type { PlatformConfigInput } from '../../config/schema';
import { assertCompliant } from '../../modules/policy';
import { buildPlatform } from '../../stacks';
import { DataStack } from '../../stacks/data-stack';
import { NetworkStack } from '../../stacks/network-stack';
import { resourcesOf, synthJson } from '../support/stacks';
import { SILENT_ALERTING } from '../support/config';

type EnvironmentInput = PlatformConfigInput['environments'][string];

const STREAMS = [
  { name: 'concert-events', mode: 'provisioned' as const, shards: 1 },
  { name: 'artist-data', retentionHours: 48 },
];

function input(env: EnvironmentInput, name: string): PlatformConfigInput {
  return {
    service: 'svc',
    region: 'eu-west-1',
    repository: { owner: 'o', name: 'r' },
    environments: {
      [name]: {
        alerting: SILENT_ALERTING,
        ...env,
        network: { enabled: true, availabilityZones: 3 },
        data: { enabled: true, streams: STREAMS, ...env.data },
      },
    },
  };
}

/** The network and data stacks of one environment, prepared as the app prepares them (cross-stack references). */
function build(env: EnvironmentInput = {}, name = 'dev') {
  const config = validateConfig(input(env, name));
  const environment = { ...config.environments[name], name };
  const app = Testing.app();
  const network = new NetworkStack(app, { config, environment });
  const data = new DataStack(app, { config, environment, network });
  app.node
    .findAll()
    .filter(TerraformStack.isStack)
    .forEach((s) => s.prepareStack());
  return { app, network, data, json: synthJson(data) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const byName = (resources: Record<string, any>, attribute: string) =>
  Object.fromEntries(Object.entries(resources).map(([address, r]) => [r[attribute], address]));

describe('DataStack', () => {
  test('is named <service>-<env>-data', () => {
    expect(build().data.stackName).toBe('svc-dev-data');
  });

  test('pins the addresses of its stateful resources (renaming them would destroy data)', () => {
    const { json } = build();
    expect(byName(json.resource.aws_s3_bucket, 'bucket')).toEqual({
      'svc-dev-access-logs': 'access-logs_bucket_7E528747',
      'svc-dev-raw-data': 'raw-data_bucket_6E273FCC',
      'svc-dev-processed-data': 'processed-data_bucket_8D09CCD8',
      'svc-dev-model-artifacts': 'model-artifacts_bucket_92321F40',
      'svc-dev-lambda-deployments': 'lambda-deployments_bucket_E0426DCF',
    });
    expect(Object.keys(json.resource.aws_redshiftserverless_namespace)).toEqual(['redshift_namespace_02A83719']);
    expect(Object.keys(json.resource.aws_kms_key)).toEqual(['data-key']);
    expect(byName(json.resource.aws_kinesis_stream, 'name')).toEqual({
      'svc-dev-concert-events': 'stream-concert-events_stream_A4F6063D',
      'svc-dev-artist-data': 'stream-artist-data_stream_F9C2099E',
    });
  });

  test('every data bucket sends access logs to the log bucket, which admits only S3 logging for them', () => {
    const { json } = build();
    const logging = Object.values(json.resource.aws_s3_bucket_logging) as { bucket: string; target_bucket: string }[];
    expect(logging.map((l) => l.bucket)).toEqual([
      '${aws_s3_bucket.raw-data_bucket_6E273FCC.id}',
      '${aws_s3_bucket.processed-data_bucket_8D09CCD8.id}',
      '${aws_s3_bucket.model-artifacts_bucket_92321F40.id}',
      '${aws_s3_bucket.lambda-deployments_bucket_E0426DCF.id}',
    ]);
    expect(new Set(logging.map((l) => l.target_bucket))).toEqual(
      new Set(['${aws_s3_bucket.access-logs_bucket_7E528747.id}']),
    );
    const policy = JSON.parse(json.resource.aws_s3_bucket_policy['access-logs_policy_2426E534'].policy);
    expect(policy.Statement[1]).toMatchObject({
      Sid: 'S3ServerAccessLogs',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: {
        ArnLike: { 'aws:SourceArn': logging.map((l) => l.bucket.replace('.id}', '.arn}')) },
        StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.account.account_id}' },
      },
    });
    expect(json.resource.aws_s3_bucket_lifecycle_configuration['access-logs_lifecycle_CF942975'].rule[1]).toMatchObject(
      {
        expiration: [{ days: 365 }],
      },
    );
  });

  test('raw data moves to Standard-IA, then Glacier, then expires, as configured', () => {
    const { json } = build({
      data: { rawData: { infrequentAccessAfterDays: 45, glacierAfterDays: 180, expireAfterDays: 730 } },
    });
    expect(json.resource.aws_s3_bucket_lifecycle_configuration['raw-data_lifecycle_28D580B9'].rule[1]).toEqual({
      id: 'tier-and-expire-raw-data',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      transition: [
        { days: 45, storage_class: 'STANDARD_IA' },
        { days: 180, storage_class: 'GLACIER' },
      ],
      expiration: [{ days: 730 }],
    });
  });

  test('streams follow the configuration and are encrypted with the rotating data key', () => {
    const { json } = build();
    expect(json.resource.aws_kms_key['data-key']).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    expect(json.resource.aws_kms_alias['data-key-alias'].name).toBe('alias/svc-dev-data');
    const streams = Object.values(json.resource.aws_kinesis_stream);
    expect(streams).toEqual([
      expect.objectContaining({
        name: 'svc-dev-concert-events',
        stream_mode_details: { stream_mode: 'PROVISIONED' },
        shard_count: 1,
        retention_period: 24,
        encryption_type: 'KMS',
        kms_key_id: '${aws_kms_key.data-key.arn}',
      }),
      expect.objectContaining({
        name: 'svc-dev-artist-data',
        stream_mode_details: { stream_mode: 'ON_DEMAND' },
        retention_period: 48,
        kms_key_id: '${aws_kms_key.data-key.arn}',
      }),
    ]);
  });

  test('Glue reads raw data and writes processed data', () => {
    const { json } = build();
    expect(json.resource.aws_glue_catalog_database.glue_database_944847DA.name).toBe('svc_dev_data_lake');
    const statements = JSON.parse(json.resource.aws_iam_role_policy.glue_policy_C66450F9.policy).Statement;
    const write = statements.find((s: { Sid: string }) => s.Sid === 'WriteObjects');
    expect(write.Resource).toBe('${aws_s3_bucket.processed-data_bucket_8D09CCD8.arn}/*');
  });

  test('Redshift runs in the network private subnets behind the Redshift group, sized from config', () => {
    const { json, network } = build({ data: { redshift: { baseCapacityRpus: 16 } } });
    const workgroup = Object.values(json.resource.aws_redshiftserverless_workgroup)[0] as Record<string, unknown>;
    const remote =
      '${data.terraform_remote_state.cross-stack-reference-input-svc-dev-network.outputs.cross-stack-output-';
    expect(workgroup).toMatchObject({
      base_capacity: 16,
      publicly_accessible: false,
      subnet_ids: [
        `${remote}aws_subnetnetwork_private-1_4188AF2Bid}`,
        `${remote}aws_subnetnetwork_private-2_96169D1Fid}`,
        `${remote}aws_subnetnetwork_private-3_0631671Eid}`,
      ],
      security_group_ids: [`${remote}aws_security_groupsecurity-groups_redshift_7EE9C7A5id}`],
    });
    expect(Object.keys(synthJson(network).output)).toEqual(
      expect.arrayContaining([
        'cross-stack-output-aws_subnetnetwork_private-1_4188AF2Bid',
        'cross-stack-output-aws_security_groupsecurity-groups_redshift_7EE9C7A5id',
      ]),
    );
    const statements = JSON.parse(json.resource.aws_iam_role_policy.redshift_policy_9FC3F8A3.policy).Statement;
    expect(statements[1]).toMatchObject({
      Action: 's3:GetObject',
      Resource: '${aws_s3_bucket.processed-data_bucket_8D09CCD8.arn}/*',
    });
    expect(json.resource.aws_redshiftserverless_namespace.redshift_namespace_02A83719).toMatchObject({
      manage_admin_password: true,
    });
  });

  test('in prod, the data and deployment buckets, the key and the namespace are protected from destroy', () => {
    const { json } = build({ protectStatefulResources: true }, 'prod');
    const protectedBuckets = Object.values(json.resource.aws_s3_bucket)
      .filter((b) => (b as { lifecycle?: unknown }).lifecycle)
      .map((b) => (b as { bucket: string }).bucket);
    expect(protectedBuckets).toEqual([
      'svc-prod-access-logs',
      'svc-prod-raw-data',
      'svc-prod-processed-data',
      'svc-prod-model-artifacts',
      'svc-prod-lambda-deployments',
    ]);
    expect(json.resource.aws_s3_bucket['lambda-deployments_bucket_E0426DCF'].force_destroy).toBe(false);
    expect(json.resource.aws_kms_key['data-key'].lifecycle).toEqual({ prevent_destroy: true });
    expect(json.resource.aws_redshiftserverless_namespace.redshift_namespace_02A83719.lifecycle).toEqual({
      prevent_destroy: true,
    });
  });

  test('outside prod nothing blocks a destroy', () => {
    const { json } = build();
    const resources = [
      ...Object.values(json.resource.aws_s3_bucket),
      ...Object.values(json.resource.aws_kms_key),
      ...Object.values(json.resource.aws_redshiftserverless_namespace),
    ] as { lifecycle?: unknown }[];
    expect(resources.filter((r) => r.lifecycle)).toEqual([]);
  });

  test('the network and data stacks pass the policy check', () => {
    const { app } = build({ protectStatefulResources: true }, 'prod');
    expect(() => assertCompliant(app)).not.toThrow();
  });

  test('exposes the data handles', () => {
    const { data } = build();
    expect(Object.keys(data.streams)).toEqual(['concert-events', 'artist-data']);
    expect(data.glueDatabase).toBe(data.glue.database);
    expect(resourcesOf(data, 'aws_kms_key')).toHaveProperty('data-key');
    // The handles are the resources the layer configured, not just objects of the right type.
    expect(data.dataKey.friendlyUniqueId).toBe('data-key');
    expect(Object.values(data.streams).map((s) => s.kmsKey)).toEqual([data.dataKey, data.dataKey]);
    expect(
      [
        data.rawBucket,
        data.processedBucket,
        data.modelArtifactsBucket,
        data.deploymentBucket,
        data.accessLogBucket,
      ].map((b) => b.bucket.bucketInput),
    ).toEqual([
      'svc-dev-raw-data',
      'svc-dev-processed-data',
      'svc-dev-model-artifacts',
      'svc-dev-lambda-deployments',
      'svc-dev-access-logs',
    ]);
  });
});

describe('network and data in the app', () => {
  /** A platform of network and data only, synthesized to disk as main.ts does. */
  function synthesize() {
    const config = validateConfig({
      service: 'svc',
      region: 'eu-west-1',
      repository: { owner: 'o', name: 'r' },
      bootstrap: { enabled: false },
      environments: {
        dev: {
          alerting: SILENT_ALERTING,
          app: { enabled: false },
          network: { enabled: true, availabilityZones: 3 },
          data: { enabled: true },
        },
      },
    });
    const outdir = mkdtempSync(join(tmpdir(), 'cdktf-network-data-'));
    const app = new App({ outdir });
    const stacks = buildPlatform(app, config);
    assertCompliant(app);
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    const json = (stack: string) =>
      JSON.parse(readFileSync(join(outdir, manifest.stacks[stack].synthesizedStackPath), 'utf8'));
    return { stacks, manifest, json };
  }

  const synth = synthesize();

  test('buildPlatform creates network and data and exposes both as handles', () => {
    const { stacks, manifest } = synth;
    expect(Object.keys(manifest.stacks).sort()).toEqual(['svc-dev-data', 'svc-dev-network']);
    expect(stacks.environments.dev.network).toBeInstanceOf(NetworkStack);
    expect(stacks.environments.dev.data).toBeInstanceOf(DataStack);
  });

  test('data depends on network through real cross-stack references (outputs and remote state)', () => {
    const { manifest, json } = synth;
    expect(manifest.stacks['svc-dev-data'].dependencies).toEqual(['svc-dev-network']);
    expect(manifest.stacks['svc-dev-network'].dependencies).toEqual([]);
    const data = json('svc-dev-data');
    expect(data.data.terraform_remote_state['cross-stack-reference-input-svc-dev-network']).toMatchObject({
      backend: 'local',
      config: { path: expect.stringContaining('terraform.svc-dev-network.tfstate') },
    });
    const outputs = Object.keys(json('svc-dev-network').output);
    const workgroup = Object.values(data.resource.aws_redshiftserverless_workgroup)[0] as {
      subnet_ids: string[];
      security_group_ids: string[];
    };
    for (const ref of [...workgroup.subnet_ids, ...workgroup.security_group_ids]) {
      const output = /outputs\.([^}]+)\}$/.exec(ref)?.[1];
      expect(outputs).toContain(output);
    }
  });

  test('synth fails before building anything when the data layer has a two-zone network', () => {
    expect(() =>
      validateConfig({
        service: 'svc',
        region: 'eu-west-1',
        repository: { owner: 'o', name: 'r' },
        environments: { dev: { network: { enabled: true }, data: { enabled: true } } },
      }),
    ).toThrow('environments.dev.network.availabilityZones: must be 3 when the data layer is on');
  });
});
