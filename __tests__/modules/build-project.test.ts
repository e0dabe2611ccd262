import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { BuildProject, BuildProjectProps } from '../../modules/build-project';
import { Naming } from '../../modules/naming';
import { BASELINE_RULES, checkTerraformStack } from '../../modules/policy';
import { SecureBucket } from '../../modules/secure-bucket';
import { onlyResource, resourcesOf, synthJson, testStack } from '../support/stacks';

function build(props: Partial<BuildProjectProps> = {}) {
  const stack = testStack();
  const key = new KmsKey(stack, 'key', { enableKeyRotation: true });
  const artifactBucket = new SecureBucket(stack, 'artifacts', { bucketName: 'svc-artifacts', kmsKeyArn: key.arn });
  new BuildProject(stack, 'synth', {
    naming: new Naming('svc'),
    component: 'synth',
    description: 'synth',
    buildspec: { version: 0.2, phases: { build: { commands: ['npm run synth'] } } },
    image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
    computeType: 'BUILD_GENERAL1_SMALL',
    timeoutMinutes: 30,
    logRetentionDays: 14,
    key,
    artifactBucket,
    ...props,
  });
  return stack;
}

describe('BuildProject', () => {
  test('a project with its buildspec, the key, no Docker, and logs in its own group created first', () => {
    const stack = build();
    const project = onlyResource(stack, 'aws_codebuild_project');
    expect(project).toMatchObject({
      name: 'svc-synth',
      encryption_key: '${aws_kms_key.key.arn}',
      build_timeout: 30,
      artifacts: { type: 'CODEPIPELINE' },
      environment: { privileged_mode: false, image_pull_credentials_type: 'CODEBUILD', environment_variable: [] },
      logs_config: { cloudwatch_logs: { status: 'ENABLED' }, s3_logs: { status: 'DISABLED' } },
    });
    expect(JSON.parse(project.source.buildspec).phases.build.commands).toEqual(['npm run synth']);
    const groups = Object.entries(resourcesOf(stack, 'aws_cloudwatch_log_group'));
    expect(groups).toHaveLength(1);
    const [address, group] = groups[0];
    expect(group).toMatchObject({
      name: '/aws/codebuild/svc-synth',
      retention_in_days: 14,
      kms_key_id: '${aws_kms_key.key.arn}',
    });
    expect(project.depends_on).toEqual([`aws_cloudwatch_log_group.${address}`]);
  });

  test('its role may write only its own logs and the artifacts, plus the statements it is given', () => {
    const stack = build({
      statements: [{ sid: 'Extra', actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::111111111111:role/x'] }],
      roleName: 'svc-custom-role',
    });
    expect(onlyResource(stack, 'aws_iam_role').name).toBe('svc-custom-role');
    const statements = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy).Statement;
    expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual([
      'Logs',
      'Artifacts',
      'ArtifactBucket',
      'ArtifactKey',
      'Extra',
    ]);
    expect(statements[0].Resource).toMatch(/^\$\{aws_cloudwatch_log_group\.[^.]+\.arn\}:\*$/);
  });

  test('passes the baseline; an image build runs privileged with the suppression that says why', () => {
    expect(checkTerraformStack(build(), BASELINE_RULES)).toEqual([]);
    const images = build({ buildsContainerImages: true });
    expect(checkTerraformStack(images, BASELINE_RULES)).toEqual([]);
    const project = Object.values(synthJson(images).resource.aws_codebuild_project)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(project.environment.privileged_mode).toBe(true);
    expect(project['//'].suppressions['codebuild-privileged-mode']).toContain('container images');
  });

  test('credentials reach the build by Secrets Manager reference, which the policy accepts', () => {
    const stack = build({
      environmentVariables: [{ name: 'PAGERDUTY_TOKEN', type: 'SECRETS_MANAGER', value: 'svc-token' }],
    });
    expect(onlyResource(stack, 'aws_codebuild_project').environment.environment_variable).toEqual([
      { name: 'PAGERDUTY_TOKEN', type: 'SECRETS_MANAGER', value: 'svc-token' },
    ]);
    expect(checkTerraformStack(stack, BASELINE_RULES)).toEqual([]);
    const plaintext = build({ environmentVariables: [{ name: 'PAGERDUTY_TOKEN', value: 'abc' }] });
    expect(checkTerraformStack(plaintext, BASELINE_RULES).map((v) => v.rule)).toEqual([
      'codebuild-no-plaintext-credentials',
    ]);
  });
});
