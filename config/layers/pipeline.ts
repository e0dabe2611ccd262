/**
 * Configuration of the global, optional `pipeline` layer: a CodePipeline that takes the repository's default branch
 * through a CodeStar connection, synthesizes and tests the app, builds the UI, deploys the environments in order with
 * integration tests after each and a manual approval where configured, and notifies the alerting routes.
 */
import { z } from 'zod';
import { SEVERITIES } from '../../core/severity';
import { intRange, logRetentionDays, oneOf } from '../rules';
import { isProduction, type ProductionMarker } from '../../core/environment';

export const CODEBUILD_COMPUTE_TYPES = [
  'BUILD_GENERAL1_SMALL',
  'BUILD_GENERAL1_MEDIUM',
  'BUILD_GENERAL1_LARGE',
  'BUILD_GENERAL1_XLARGE',
] as const;

const CONNECTION_ARN_MESSAGE = 'must be a CodeStar connection ARN (arn:aws:codestar-connections|codeconnections:...)';
const connectionArn = z
  .string({ invalid_type_error: CONNECTION_ARN_MESSAGE })
  .regex(/^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/, {
    message: CONNECTION_ARN_MESSAGE,
  });

/** CodeBuild curated images; custom images from ECR are a different credential model and are not offered. */
const buildImage = z
  .string()
  .regex(/^aws\/codebuild\/[a-z0-9.:_-]+$/, 'must be a CodeBuild curated image such as aws/codebuild/standard:7.0');

export const pipelineLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    /**
     * The preset the pipeline synthesizes and deploys (its PLATFORM_PRESET): configuration does not know which preset
     * it came from. Required when the pipeline is on.
     */
    preset: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'must be a preset name such as platform')
      .optional(),
    /** Environments the pipeline deploys, in order. @default every environment of the preset, in declaration order */
    environments: z.array(z.string()).min(1, 'must name at least one environment').optional(),
    /** Environments whose deployment waits for a manual approval. @default the production environments */
    approvalBefore: z.array(z.string()).optional(),
    /** Branch the pipeline builds. @default repository.defaultBranch */
    branch: z.string().min(1).optional(),
    /**
     * An existing CodeStar connection (one per GitHub organization is common). @default a new connection, which an
     * administrator completes once in the console (the GitHub App handshake)
     */
    connectionArn: connectionArn.optional(),
    /** Image of the backend projects (synth, deploy, integration tests): Amazon Linux 2023, whose dnf installs Terraform. */
    buildImage: buildImage.default('aws/codebuild/amazonlinux-x86_64-standard:5.0'),
    computeType: oneOf(CODEBUILD_COMPUTE_TYPES).default('BUILD_GENERAL1_MEDIUM'),
    /** Terraform the deploy projects install (1.10 or newer: S3 native state locking). */
    terraformVersion: z
      .string()
      .regex(/^1\.(1\d|[2-9]\d)\.\d+$/, 'must be a Terraform version 1.10.0 or newer, such as 1.10.5')
      .default('1.10.5'),
    /** Longest a build may run. */
    timeoutMinutes: intRange(5, 480).default(60),
    /** Retention of the build log groups. */
    logRetentionDays: logRetentionDays.default(30),
    /** Command of the integration-test stage that runs after each environment's deployment. */
    integrationTestCommand: z.string().min(1).default('node scripts/smoke-test.mjs'),
    /** The UI build (the seed's UI packages). @default off */
    ui: z
      .object({
        enabled: z.boolean().default(false),
        buildCommand: z.string().min(1).default('npm run build:ui'),
        /** Folder of the build output, the stage's artifact. */
        outputDirectory: z.string().min(1).default('dist'),
        /** The build builds container images, so its project runs Docker (privileged mode). @default false */
        buildsContainerImages: z.boolean().default(false),
        /** @default the backend's buildImage */
        buildImage: buildImage.optional(),
      })
      .strict()
      .default({}),
    /** Severities of the pipeline's notifications, routed to the alerting topics of each environment it deploys. */
    notifications: z
      .object({
        failure: oneOf(SEVERITIES).default('warning'),
        approval: oneOf(SEVERITIES).default('info'),
      })
      .strict()
      .default({}),
  })
  .strict();

/** AWS CodeStar Notifications allows at most ten targets per rule, and the failure rule has one per environment. */
export const MAX_NOTIFICATION_TARGETS = 10;

export type PipelineLayerConfig = z.infer<typeof pipelineLayerSchema>;

/** The pipeline's environments and approvals with their defaults applied. */
export interface PipelineEnvironments {
  readonly deploys: readonly string[];
  readonly approvalBefore: readonly string[];
}

export function pipelineEnvironments(
  pipeline: PipelineLayerConfig,
  environments: Readonly<Record<string, ProductionMarker>>,
): PipelineEnvironments {
  const deploys = pipeline.environments ?? Object.keys(environments);
  const production = (name: string) => environments[name] !== undefined && isProduction(environments[name]);
  return { deploys, approvalBefore: pipeline.approvalBefore ?? deploys.filter(production) };
}

interface PipelineWiringInput {
  readonly region: string;
  readonly bootstrap: { readonly enabled: boolean };
  readonly pipeline: PipelineLayerConfig;
  readonly environments: Readonly<
    Record<string, ProductionMarker & { readonly region?: string; readonly alerting: { readonly enabled: boolean } }>
  >;
}

/**
 * The pipeline deploys real environments of the platform region, each once (notification rules notify topics of their
 * own region); someone hears of its failures (alerting in at least one of them) and of every approval it waits for.
 */
export function checkPipelineWiring(config: PipelineWiringInput, ctx: z.RefinementCtx): void {
  if (!config.pipeline.enabled) return;
  const names = Object.keys(config.environments);
  if (!config.bootstrap.enabled) {
    ctx.addIssue({
      code: 'custom',
      path: ['pipeline', 'enabled'],
      message: "needs bootstrap.enabled (the deploy projects assume the bootstrap stack's deploy roles)",
    });
  }
  if (config.pipeline.preset === undefined) {
    ctx.addIssue({ code: 'custom', path: ['pipeline', 'preset'], message: 'is required when the pipeline is enabled' });
  }
  const { deploys, approvalBefore } = pipelineEnvironments(config.pipeline, config.environments);
  if (deploys.length > MAX_NOTIFICATION_TARGETS) {
    ctx.addIssue({
      code: 'custom',
      path: ['pipeline', 'environments'],
      message: `must name at most ${MAX_NOTIFICATION_TARGETS} environments (a notification rule has at most ${MAX_NOTIFICATION_TARGETS} targets)`,
    });
  }
  deploys.forEach((name, i) => {
    const path = ['pipeline', 'environments', i];
    const env = config.environments[name];
    if (env === undefined) {
      ctx.addIssue({ code: 'custom', path, message: `must name an environment of this preset (${names.join(', ')})` });
      return;
    }
    if (deploys.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path, message: 'must be unique' });
    if ((env.region ?? config.region) !== config.region) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `must be in the platform region ${config.region} (notification rules notify topics of their own region)`,
      });
    }
  });
  if (!deploys.some((name) => config.environments[name]?.alerting.enabled)) {
    ctx.addIssue({
      code: 'custom',
      path: ['pipeline', 'environments'],
      message: 'needs alerting.enabled in at least one environment it deploys (failure notifications go to its topics)',
    });
  }
  approvalBefore.forEach((name, i) => {
    const path = ['pipeline', 'approvalBefore', i];
    if (!deploys.includes(name)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `must name an environment the pipeline deploys (${deploys.join(', ')})`,
      });
    } else if (!config.environments[name]?.alerting.enabled) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `needs environments.${name}.alerting.enabled (approval requests go to its topics)`,
      });
    }
  });
}
