/**
 * The base every stack extends: the state backend chosen by config, the AWS provider with the platform's default
 * tags and account guard, and a second AWS provider in us-east-1 for global resources (CloudFront certificates,
 * WAF web ACLs). Stack names come from the naming helper, so Terraform Cloud workspaces and S3 state keys follow.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, CloudBackend, IAspect, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import type { Environment, PlatformConfig } from '../config/schema';
import { cacheSynthesis, removeTerraformVersionValidations } from '../modules/cdktf-internals';
import { isProduction } from '../core/environment';
import { Naming } from '../modules/naming';
import { PRODUCTION_TAG } from '../modules/policy/support/environment';

/** Where local state files live, relative to a stack's working directory: the folder that holds the outdir. */
export const LOCAL_STATE_DIR = '../../..';

/** Terraform version every stack requires: S3 native state locking (use_lockfile) arrived in 1.10. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10';

/** Region of global AWS resources (CloudFront certificates and WAF). */
export const GLOBAL_REGION = 'us-east-1';

export interface BaseStackProps {
  readonly config: PlatformConfig;
  /** The layer this stack provisions, the last part of its name. */
  readonly layer: string;
  /** The environment of a per-environment stack. @default a global stack */
  readonly environment?: Environment;
}

export class BaseStack extends TerraformStack {
  readonly config: PlatformConfig;
  readonly environment?: Environment;
  /** Names for this stack's scope: `<service>-<env>-...` or, for global stacks, `<service>-...`. */
  readonly naming: Naming;
  readonly stackName: string;
  readonly region: string;
  readonly aws: AwsProvider;
  /** The AWS provider aliased to us-east-1. */
  readonly awsGlobal: AwsProvider;

  constructor(scope: Construct, props: BaseStackProps) {
    const naming = new Naming(props.config.service, props.environment?.name);
    const stackName = naming.stackName(props.layer);
    super(scope, stackName);
    this.config = props.config;
    this.environment = props.environment;
    this.naming = naming;
    this.stackName = stackName;
    this.region = props.environment?.region ?? props.config.region;

    configureBackend(this, props.config, stackName, props.environment?.name);
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    Aspects.of(this).add(new TerraformVersionAtPlanTime());
    // The policy pass prepares and serializes every stack before synth does it again: once is enough.
    cacheSynthesis(this);

    const defaultTags = [
      {
        tags: {
          ...props.config.tags,
          Service: props.config.service,
          Environment: props.environment?.name ?? 'global',
          // The one definition of production, visible to the policy rules that hold only there.
          ...(props.environment ? { [PRODUCTION_TAG]: String(isProduction(props.environment)) } : {}),
          Stack: stackName,
          ManagedBy: 'cdktf',
          Repository: `${props.config.repository.owner}/${props.config.repository.name}`,
        },
      },
    ];
    const allowedAccountIds = props.environment?.account ? [props.environment.account] : undefined;
    this.aws = new AwsProvider(this, 'aws', { region: this.region, defaultTags, allowedAccountIds });
    this.awsGlobal = new AwsProvider(this, 'aws-global', {
      alias: 'global',
      region: GLOBAL_REGION,
      defaultTags,
      allowedAccountIds,
    });
  }
}

/** Name of the state bucket the bootstrap stack creates and the s3 backend uses by default. */
export function stateBucketName(config: PlatformConfig): string {
  return config.state.backend === 's3' && config.state.bucket
    ? config.state.bucket
    : new Naming(config.service).name('tfstate', 's3Bucket');
}

/** Region the s3 backend looks for the state bucket in, and where the bootstrap stack creates it. */
export function stateRegion(config: PlatformConfig): string {
  return (config.state.backend === 's3' ? config.state.region : undefined) ?? config.region;
}

function configureBackend(stack: TerraformStack, config: PlatformConfig, stackName: string, env?: string): void {
  const state = config.state;
  switch (state.backend) {
    case 'local':
      // Terraform runs in <outdir>/stacks/<stack>/, and a stack reading another's outputs resolves that stack's
      // path from its own folder: a path relative to the outdir's parent means the same file from every stack (and
      // keeps state out of the synthesized output), where a bare file name would point into the reader's folder.
      new LocalBackend(stack, { path: `${LOCAL_STATE_DIR}/terraform.${stackName}.tfstate` });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: stateBucketName(config),
        key: `${env ?? 'global'}/${stackName}.tfstate`,
        region: stateRegion(config),
        encrypt: true,
      });
      // S3 native locking (Terraform 1.10+): no DynamoDB lock table. cdktf 0.21's S3BackendConfig predates it.
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: state.organization,
        hostname: state.hostname,
        workspaces: new NamedCloudWorkspace(stackName, state.project),
      });
      return;
  }
}

/**
 * cdktf attaches a "terraform version" probe to terraform_data resources and the cloud block, which runs the
 * terraform binary once per resource at every synth. That makes synth fail on machines without terraform (CI,
 * laptops that only synthesize), runs Terraform's update check, and costs tens of milliseconds per resource. The
 * version is a plan-time concern: every stack declares required_version, and Terraform enforces it where it runs.
 */
class TerraformVersionAtPlanTime implements IAspect {
  visit(node: IConstruct): void {
    removeTerraformVersionValidations(node);
  }
}
