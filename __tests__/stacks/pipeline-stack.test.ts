import { checkTerraformStack } from '../../modules/policy';
import { credentialsIn } from '../../modules/policy/support/secret-patterns';
import { APPROVAL_EVENTS, FAILURE_EVENTS, pipelineDeployRoleName } from '../../stacks/pipeline-stack';
import { validateConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';
import { synthesizeConfig, synthPreset } from '../support/app';
import { MutableInput, SILENT_ALERTING } from '../support/config';
import { resources } from '../support/compute';

const platform = synthPreset({ preset: 'platform' });
const json = platform.json('platform-pipeline');
const frigg = synthPreset({ preset: 'frigg' }).json('frigg-pipeline');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const projectNamed = (stack: any, name: string) =>
  Object.values(resources(stack, 'aws_codebuild_project')).find((p) => p.name === name);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stagesOf = (stack: any) => resources(stack, 'aws_codepipeline').pipeline.stage as any[];

describe('PipelineStack (platform)', () => {
  test('a V2 pipeline from the default branch through a CodeStar connection, with pinned stateful addresses', () => {
    expect(resources(json, 'aws_codestarconnections_connection').connection).toEqual({
      name: 'platform-github',
      provider_type: 'GitHub',
    });
    const pipeline = resources(json, 'aws_codepipeline').pipeline;
    expect(pipeline).toMatchObject({ name: 'platform-delivery', pipeline_type: 'V2', execution_mode: 'QUEUED' });
    const source = stagesOf(json)[0].action[0];
    expect(source).toMatchObject({
      provider: 'CodeStarSourceConnection',
      configuration: {
        ConnectionArn: '${aws_codestarconnections_connection.connection.arn}',
        FullRepositoryId: 'example-org/serverless-platform',
        BranchName: 'main',
      },
    });
    expect(pipeline.trigger[0].git_configuration.push[0].branches.includes).toEqual(['main']);
    expect(Object.keys(resources(json, 'aws_s3_bucket'))).toEqual(['artifacts_bucket_A41425E9']);
    expect(Object.keys(resources(json, 'aws_kms_key'))).toEqual(['key']);
  });

  test('artifacts are encrypted with the pipeline key in the store and in the bucket', () => {
    const pipeline = resources(json, 'aws_codepipeline').pipeline;
    expect(pipeline.artifact_store).toEqual([
      {
        location: '${aws_s3_bucket.artifacts_bucket_A41425E9.bucket}',
        type: 'S3',
        encryption_key: { id: '${aws_kms_key.key.arn}', type: 'KMS' },
      },
    ]);
    const sse = Object.values(resources(json, 'aws_s3_bucket_server_side_encryption_configuration'))[0];
    expect(sse.rule[0].apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: '${aws_kms_key.key.arn}',
    });
    expect(resources(json, 'aws_kms_key').key.enable_key_rotation).toBe(true);
  });

  test('stages: source, build (synth and UI), then per environment an approval where configured, deploy, tests', () => {
    const stages = stagesOf(json).map((s) => [s.name, s.action.map((a: { name: string }) => a.name)]);
    expect(stages).toEqual([
      ['Source', ['Source']],
      ['Build', ['Synth', 'UI']],
      ['Deploy-dev', ['Deploy', 'IntegrationTests']],
      ['Deploy-staging', ['Deploy', 'IntegrationTests']],
      ['Deploy-prod', ['Approve', 'Deploy', 'IntegrationTests']],
    ]);
    const prod = stagesOf(json)[4].action;
    expect(prod.map((a: { run_order: number }) => a.run_order)).toEqual([1, 2, 3]);
    expect(prod[0]).toMatchObject({ category: 'Approval', provider: 'Manual' });
    expect(prod[2].input_artifacts).toEqual(['synth', 'outputs_prod']);
  });

  test('privileged mode only in the UI build, and only because it builds container images', () => {
    const privileged = Object.values(resources(json, 'aws_codebuild_project'))
      .filter((p) => p.environment.privileged_mode)
      .map((p) => p.name);
    expect(privileged).toEqual(['platform-ui-build']);
    const ui = json.resource.aws_codebuild_project.ui_project_716F00FD;
    expect(ui['//'].suppressions['codebuild-privileged-mode']).toMatch(/container images/);
    const friggProjects = Object.values(resources(frigg, 'aws_codebuild_project'));
    expect(friggProjects.filter((p) => p.environment.privileged_mode)).toEqual([]);
    expect(friggProjects.map((p) => p.name).sort()).toEqual([
      'frigg-deploy-dev',
      'frigg-deploy-prod',
      'frigg-deploy-staging',
      'frigg-integration-tests',
      'frigg-synth',
      'frigg-ui-build',
    ]);
  });

  test('every project has its own role, its KMS key, and a log group with retention that exists first', () => {
    const projects = Object.entries(json.resource.aws_codebuild_project) as [string, Record<string, any>][]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const roles = new Set(projects.map(([, p]) => p.service_role));
    expect(roles.size).toBe(projects.length);
    for (const [, p] of projects) {
      expect(p.encryption_key).toBe('${aws_kms_key.key.arn}');
      const groupRef = p.logs_config.cloudwatch_logs.group_name as string;
      const groupName = /aws_cloudwatch_log_group\.([^.]+)\.name/.exec(groupRef)?.[1] as string;
      expect(p.depends_on).toEqual([`aws_cloudwatch_log_group.${groupName}`]);
      const group = json.resource.aws_cloudwatch_log_group[groupName];
      expect(group).toMatchObject({ name: `/aws/codebuild/${p.name}`, retention_in_days: 30 });
    }
  });

  test('a deploy project may only assume its environment deploy role and read the PagerDuty token secret', () => {
    const role = Object.values(resources(json, 'aws_iam_role')).find((r) => r.name === 'platform-pipeline-deploy-prod');
    expect(role.name).toBe(pipelineDeployRoleName('platform', 'prod'));
    const policy = Object.values(resources(json, 'aws_iam_role_policy')).find((p) =>
      p.role.includes('deploy-prod_role'),
    );
    const statements = JSON.parse(policy.policy).Statement;
    const assume = statements.find((s: { Sid: string }) => s.Sid === 'AssumeDeployRole');
    expect(assume.Action).toBe('sts:AssumeRole');
    expect(assume.Resource).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-platform-bootstrap\.outputs\./,
    );
    expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual([
      'Logs',
      'Artifacts',
      'ArtifactBucket',
      'ArtifactKey',
      'AssumeDeployRole',
      'PagerDutyToken',
    ]);
    const project = projectNamed(json, 'platform-deploy-prod');
    expect(project.environment.environment_variable).toEqual([
      { name: 'PAGERDUTY_TOKEN', type: 'SECRETS_MANAGER', value: '${aws_secretsmanager_secret.pagerduty-token.name}' },
    ]);
  });

  test('the deploy buildspec applies the environment stacks in manifest order as the deploy role', () => {
    const spec = JSON.parse(projectNamed(json, 'platform-deploy-staging').source.buildspec);
    expect(spec.env.variables).toMatchObject({ PLATFORM_PRESET: 'platform', TARGET_ENVIRONMENT: 'staging' });
    expect(spec.phases.pre_build.commands.join('\n')).toContain('credential_source = EcsContainer');
    expect(spec.phases.build.commands[0]).toContain(
      'node scripts/stack-matrix.mjs order --manifest cdktf.out/manifest.json --environment "$TARGET_ENVIRONMENT"',
    );
    expect(spec.phases.install.commands).toContain('dnf install -y -q terraform-1.10.5');
  });

  test('the bootstrap deploy role of each environment admits the pipeline deploy project by name', () => {
    const bootstrap = platform.json('platform-bootstrap');
    const role = Object.values(resources(bootstrap, 'aws_iam_role')).find((r) => r.name === 'platform-prod-deploy');
    const statements = JSON.parse(role.assume_role_policy).Statement;
    expect(statements[1]).toMatchObject({
      Action: 'sts:AssumeRole',
      Condition: {
        ArnEquals: {
          'aws:PrincipalArn':
            'arn:${data.aws_partition.partition.partition}:iam::${data.aws_caller_identity.account.account_id}:role/platform-pipeline-deploy-prod',
        },
      },
    });
  });

  test('failures notify the failure-severity topic of every environment, approvals the approved one', () => {
    const rules = resources(json, 'aws_codestarnotifications_notification_rule');
    expect(rules.failures.event_type_ids).toEqual(FAILURE_EVENTS);
    expect(rules.failures.target).toHaveLength(3);
    for (const target of rules.failures.target) {
      expect(target.type).toBe('SNS');
      expect(target.address).toMatch(
        /cross-stack-reference-input-platform-(dev|staging|prod)-alerting\.outputs\..*warning/,
      );
    }
    expect(rules.approvals.event_type_ids).toEqual(APPROVAL_EVENTS);
    expect(rules.approvals.target).toEqual([
      { type: 'SNS', address: expect.stringMatching(/platform-prod-alerting\.outputs\..*info/) },
    ]);
    expect([...platform.dependencies['platform-pipeline']].sort()).toEqual([
      'platform-bootstrap',
      'platform-dev-alerting',
      'platform-prod-alerting',
      'platform-staging-alerting',
    ]);
  });

  test('an environment without alerting is still deployed; only its notifications are missing', () => {
    const input = structuredClone(PRESETS.frigg) as MutableInput;
    input.environments.dev.alerting = SILENT_ALERTING;
    input.environments.dev.monitoring = { enabled: false };
    const pipeline = synthesizeConfig(validateConfig(input)).json('frigg-pipeline');
    expect(stagesOf(pipeline).map((s) => s.name)).toContain('Deploy-dev');
    const targets = resources(pipeline, 'aws_codestarnotifications_notification_rule').failures.target;
    expect(targets.map((t: { address: string }) => /frigg-(\w+)-alerting/.exec(t.address)?.[1])).toEqual([
      'staging',
      'prod',
    ]);
  });

  test('passes the policy check and holds no plaintext credential', () => {
    expect(checkTerraformStack(platform.stacks.pipeline!)).toEqual([]);
    expect(credentialsIn(JSON.stringify(json))).toEqual([]);
  });
});
