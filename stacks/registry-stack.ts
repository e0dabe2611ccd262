/**
 * registry (per environment, created when a function's code is built elsewhere): where that code is published
 * before the functions that run it exist. Lambda cannot create a function without its image or zip, so these must
 * be deployable, and filled, before the app and jobs stacks: `npx cdktf deploy <service>-<env>-registry`, publish,
 * then deploy the rest (README, "Publishing the first image or artifact").
 *
 * Provisions: one ECR repository per container-image function of the app and jobs layers (scan on push, immutable
 *   tags, lifecycle keeping the last `app.keepImages` images, pull allowed to the environment's functions only),
 *   and, when the data layer is off, the artifacts bucket for zip artifacts (with the data layer on, its deployment
 *   bucket serves).
 * Consumes: the environment's app and jobs function configuration.
 * Exposes: RegistryHandles; repository URLs and the bucket name as outputs, for CI.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { FunctionConfig } from '../config/layers/functions';
import type { Environment, PlatformConfig } from '../config/schema';
import { EcrRepository } from '../modules/ecr-repository';
import { SecureBucket } from '../modules/secure-bucket';
import { BaseStack } from './base-stack';
import type { RegistryHandles } from './layer-handles';

/** The functions of an environment's app and jobs layers (those that are on), by name. */
export function environmentFunctions(environment: Environment): Record<string, FunctionConfig> {
  return {
    ...(environment.app.enabled ? environment.app.functions : {}),
    ...(environment.jobs.enabled ? environment.jobs.functions : {}),
  };
}

/** Functions whose code the registry holds: images always, artifacts when the data layer is off. */
function published(environment: Environment): { images: string[]; artifacts: string[] } {
  const functions = Object.entries(environmentFunctions(environment));
  return {
    images: functions.filter(([, fn]) => fn.code.type === 'image').map(([name]) => name),
    artifacts: environment.data.enabled
      ? []
      : functions.filter(([, fn]) => fn.code.type === 'artifact').map(([name]) => name),
  };
}

/** Whether the environment needs a registry stack. */
export function needsRegistry(environment: Environment): boolean {
  const { images, artifacts } = published(environment);
  return images.length > 0 || artifacts.length > 0;
}

export interface RegistryStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
}

export class RegistryStack extends BaseStack implements RegistryHandles {
  readonly repositories: Readonly<Record<string, EcrRepository>>;
  readonly artifactsBucket?: SecureBucket;

  constructor(scope: Construct, props: RegistryStackProps) {
    super(scope, { config: props.config, environment: props.environment, layer: 'registry' });
    const env = props.environment;
    const { images, artifacts } = published(env);
    const protect = env.protectStatefulResources;

    const repositories: Record<string, EcrRepository> = {};
    if (images.length > 0) {
      const partition = new DataAwsPartition(this, 'partition').partition;
      const account = new DataAwsCallerIdentity(this, 'account').accountId;
      const functions = `arn:${partition}:lambda:${this.region}:${account}:function:${this.naming.prefix}-*`;
      for (const name of images) {
        const repository = new EcrRepository(this, `repository-${name}`, {
          repositoryName: this.naming.name(name, 'ecrRepository'),
          lambdaFunctionArnPattern: functions,
          keepImages: env.app.keepImages,
          protect,
        });
        repositories[name] = repository;
        new TerraformOutput(this, `repository-url-${name}`, {
          value: repository.repositoryUrl,
          description: `Push ${name}'s images here (immutable tags), then set its code.tag`,
        });
      }
    }
    this.repositories = repositories;

    if (artifacts.length > 0) {
      this.artifactsBucket = new SecureBucket(this, 'artifacts', {
        bucketName: this.naming.name('artifacts', 's3Bucket'),
        protect,
      });
      new TerraformOutput(this, 'artifacts-bucket', {
        value: this.artifactsBucket.bucket.bucket,
        description: `Upload the zips of ${artifacts.join(', ')} here, then set their code.key`,
      });
    }
  }
}
