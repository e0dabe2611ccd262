import { pipelineEnvironments, pipelineLayerSchema } from '../../config/layers/pipeline';
import { loadConfig } from '../../config/load';
import { MutableInput, platformWith, problemsOf } from '../support/config';

describe('pipeline layer configuration', () => {
  test('defaults: off, Amazon Linux image on medium compute, an hour per build, 30 days of logs, no UI build', () => {
    expect(pipelineLayerSchema.parse({})).toEqual({
      enabled: false,
      buildImage: 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
      computeType: 'BUILD_GENERAL1_MEDIUM',
      terraformVersion: '1.10.5',
      timeoutMinutes: 60,
      logRetentionDays: 30,
      integrationTestCommand: 'node scripts/smoke-test.mjs',
      ui: { enabled: false, buildCommand: 'npm run build:ui', outputDirectory: 'dist', buildsContainerImages: false },
      notifications: { failure: 'warning', approval: 'info' },
    });
  });

  test('deploys every environment in declaration order, with an approval before the production ones', () => {
    const { pipeline, environments } = loadConfig({ preset: 'frigg' });
    expect(pipelineEnvironments(pipeline, environments)).toEqual({
      deploys: ['dev', 'staging', 'prod'],
      approvalBefore: ['prod'],
    });
    expect(pipelineEnvironments({ ...pipeline, environments: ['dev'] }, environments)).toEqual({
      deploys: ['dev'],
      approvalBefore: [],
    });
  });

  test('frigg and platform build the UI; only platform builds container images in it', () => {
    expect(loadConfig({ preset: 'frigg' }).pipeline.ui).toMatchObject({ enabled: true, buildsContainerImages: false });
    expect(loadConfig({ preset: 'platform' }).pipeline.ui).toMatchObject({
      enabled: true,
      buildsContainerImages: true,
    });
  });

  test.each([
    [
      'the preset is not named',
      (c: MutableInput) => delete c.pipeline.preset,
      'pipeline.preset: is required when the pipeline is enabled',
    ],
    [
      'an environment is not one of the preset',
      (c: MutableInput) => (c.pipeline.environments = ['dev', 'qa']),
      'pipeline.environments.1: must name an environment of this preset (dev, staging, prod)',
    ],
    [
      'an environment repeats',
      (c: MutableInput) => (c.pipeline.environments = ['dev', 'dev']),
      'pipeline.environments.1: must be unique',
    ],
    [
      'an approval guards an environment it does not deploy',
      (c: MutableInput) => {
        c.pipeline.environments = ['dev'];
        c.pipeline.approvalBefore = ['prod'];
      },
      'pipeline.approvalBefore.0: must name an environment the pipeline deploys (dev)',
    ],
    [
      'an approval guards an environment without alerting',
      (c: MutableInput) => {
        c.environments.prod.alerting = { enabled: false };
        c.environments.prod.monitoring = { enabled: false };
      },
      'pipeline.approvalBefore.0: needs environments.prod.alerting.enabled (approval requests go to its topics)',
    ],
    [
      'no environment it deploys has alerting',
      (c: MutableInput) => {
        for (const env of Object.values(c.environments) as MutableInput[]) {
          env.alerting = { enabled: false };
          env.monitoring = { enabled: false };
        }
        c.pipeline.approvalBefore = [];
      },
      'pipeline.environments: needs alerting.enabled in at least one environment it deploys',
    ],
    [
      'an environment is in another region',
      (c: MutableInput) => (c.environments.dev.region = 'eu-west-1'),
      'pipeline.environments.0: must be in the platform region us-east-1',
    ],
    [
      'the connection is not a CodeStar connection ARN',
      (c: MutableInput) => (c.pipeline.connectionArn = 'arn:aws:iam::123456789012:role/x'),
      'pipeline.connectionArn: must be a CodeStar connection ARN',
    ],
    [
      'Terraform is older than 1.10',
      (c: MutableInput) => (c.pipeline.terraformVersion = '1.9.8'),
      'pipeline.terraformVersion: must be a Terraform version 1.10.0 or newer',
    ],
    [
      'the bootstrap stack is off',
      (c: MutableInput) => {
        c.bootstrap = { enabled: false };
        c.github = { enabled: false };
      },
      "pipeline.enabled: needs bootstrap.enabled (the deploy projects assume the bootstrap stack's deploy roles)",
    ],
  ])('fails when %s', (_, change, problem) => {
    const problems = problemsOf(platformWith(change));
    expect(problems.some((p) => p.startsWith(problem))).toBe(true);
  });
});
