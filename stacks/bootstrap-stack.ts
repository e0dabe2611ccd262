/**
 * bootstrap (global): what every other stack and the CI need before anything else exists.
 *
 * Provisions: the Terraform state bucket in the state region (versioned, encrypted, TLS-only, private, old versions
 *   expired; none with the cloud backend, which keeps state in Terraform Cloud), the GitHub
 *   OIDC provider (or a reference to an existing one), one deploy role per environment trusted only by this
 *   repository's GitHub environment of that name (and by the pipeline's deploy project of that environment, when the
 *   pipeline deploys it), a read-only plan role for pull requests, and the API Gateway CloudWatch role with the
 *   account setting of every region that has a REST API, and the Glue Data Catalog encryption of every region with a
 *   data layer (account settings: one owner per account and region).
 * Consumes: nothing; its own state starts local and is migrated into the bucket it creates (README).
 * Exposes: the state bucket and the roles, whose ARNs are outputs for the GitHub layer and for CI.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamOpenidConnectProvider } from '@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { pipelineEnvironments } from '../config/layers/pipeline';
import { deploySessionSeconds } from '../config/deploy-session';
import type { PlatformConfig } from '../config/schema';
import { ApiGatewayCloudwatchLogging } from '../modules/api-gateway-account';
import { GlueCatalogEncryption } from '../modules/glue-catalog-encryption';
import { policyDocument, PolicyStatement } from '../modules/iam-policy';
import { Naming } from '../modules/naming';
import { suppressPolicy } from '../modules/policy';
import { SecureBucket } from '../modules/secure-bucket';
import { BaseStack, GLOBAL_REGION, stateBucketName, stateRegion } from './base-stack';
import { pipelineDeployRoleName } from './pipeline-stack';

export const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';
const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

export interface BootstrapStackProps {
  readonly config: PlatformConfig;
  /** Environments that get a deploy role. */
  readonly environments: readonly string[];
  /**
   * Regions whose API Gateway CloudWatch account setting this stack owns (those with REST APIs): the setting is one
   * per account and region, so exactly one stack may manage it. @default none
   */
  readonly apiGatewayLoggingRegions?: readonly string[];
  /** Regions whose Glue Data Catalog encryption settings (one per account and region) this stack owns. @default none */
  readonly glueEncryptionRegions?: readonly string[];
}

export class BootstrapStack extends BaseStack {
  /** The bucket every s3 backend reads (and the local backend migrates to); none with the cloud backend. */
  readonly stateBucket?: SecureBucket;
  readonly deployRoles: Readonly<Record<string, IamRole>>;
  readonly planRole: IamRole;
  /** The API Gateway CloudWatch role and account settings, when any region has a REST API. */
  readonly apiGatewayLogging?: ApiGatewayCloudwatchLogging;
  /** The Glue Data Catalog encryption settings, when any region has a data layer. */
  readonly glueCatalogEncryption?: GlueCatalogEncryption;

  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, { config: props.config, layer: 'bootstrap' });
    const { config } = props;
    const repo = `${config.repository.owner}/${config.repository.name}`;

    this.stateBucket = config.state.backend === 'cloud' ? undefined : this.createStateBucket(config);

    const regionalProviders = new Map<string, AwsProvider>();
    const providerOf = (region: string): AwsProvider => {
      if (region === this.region) return this.aws;
      if (region === GLOBAL_REGION) return this.awsGlobal;
      const existing = regionalProviders.get(region);
      if (existing) return existing;
      const made = new AwsProvider(this, `aws-${region}`, { alias: region.replace(/-/g, '_'), region });
      regionalProviders.set(region, made);
      return made;
    };
    const glueRegions = [...new Set(props.glueEncryptionRegions ?? [])];
    if (glueRegions.length > 0) {
      this.glueCatalogEncryption = new GlueCatalogEncryption(this, 'glue-catalog-encryption', {
        providers: glueRegions.map(providerOf),
      });
    }
    const loggingRegions = [...new Set(props.apiGatewayLoggingRegions ?? [])];
    if (loggingRegions.length > 0) {
      this.apiGatewayLogging = new ApiGatewayCloudwatchLogging(this, 'apigateway-logging', {
        naming: this.naming,
        providers: loggingRegions.map(providerOf),
      });
    }

    const providerArn = config.bootstrap.createGithubOidcProvider
      ? new IamOpenidConnectProvider(this, 'github-oidc', { url: GITHUB_OIDC_URL, clientIdList: ['sts.amazonaws.com'] })
          .arn
      : new DataAwsIamOpenidConnectProvider(this, 'github-oidc', { url: GITHUB_OIDC_URL }).arn;
    const account = new DataAwsCallerIdentity(this, 'account').accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;
    const bucketArn = this.stateBucket?.arn;

    const pipelineEnvs = config.pipeline.enabled
      ? pipelineEnvironments(config.pipeline, config.environments).deploys
      : [];
    const trust = (subject: string, env?: string) =>
      policyDocument([
        {
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [providerArn] }],
          conditions: [
            { test: 'StringEquals', variable: `${GITHUB_ISSUER}:aud`, values: ['sts.amazonaws.com'] },
            { test: 'StringEquals', variable: `${GITHUB_ISSUER}:sub`, values: [subject] },
          ],
        },
        // The pipeline's deploy project of this environment, by name: its role lives in the pipeline stack, which
        // deploys after this one, and a principal ARN would have to exist when this policy is written.
        ...(env !== undefined && pipelineEnvs.includes(env)
          ? [
              {
                actions: ['sts:AssumeRole'],
                principals: [{ type: 'AWS' as const, identifiers: [`arn:${partition}:iam::${account}:root`] }],
                conditions: [
                  {
                    test: 'ArnEquals',
                    variable: 'aws:PrincipalArn',
                    values: [`arn:${partition}:iam::${account}:role/${pipelineDeployRoleName(config.service, env)}`],
                  },
                ],
              },
            ]
          : []),
      ]);

    const deployRoles: Record<string, IamRole> = {};
    for (const env of props.environments) {
      const envNaming = new Naming(config.service, env);
      const role = new IamRole(this, `deploy-${env}`, {
        name: envNaming.name('deploy', 'iamRole'),
        description: `Deploys ${config.service} ${env} from GitHub Actions environment ${env} of ${repo}`,
        assumeRolePolicy: trust(`repo:${repo}:environment:${env}`, env),
        // Long enough for the environment's traffic shifts plus the rest of an apply (config/deploy-session.ts).
        maxSessionDuration: deploySessionSeconds(config.environments[env]),
      });
      const broad = new IamRolePolicyAttachment(this, `deploy-${env}-power-user`, {
        role: role.name,
        policyArn: `arn:${partition}:iam::aws:policy/PowerUserAccess`,
      });
      suppressPolicy(
        broad,
        'iam-no-broad-managed-policy',
        'Terraform applies of every layer create resources across some twenty services; the role is assumable only ' +
          `from the GitHub environment ${env} of ${repo}, and its IAM rights are limited to ${envNaming.prefix}-* below.`,
      );
      const roleArns = `arn:${partition}:iam::${account}:role/${envNaming.prefix}-*`;
      new IamRolePolicy(this, `deploy-${env}-scoped`, {
        name: 'platform-iam-and-state',
        role: role.id,
        policy: policyDocument([
          {
            sid: 'ManageOwnRoles',
            actions: [
              'iam:CreateRole',
              'iam:DeleteRole',
              'iam:GetRole',
              'iam:UpdateRole',
              'iam:UpdateAssumeRolePolicy',
              'iam:UpdateRoleDescription',
              'iam:TagRole',
              'iam:UntagRole',
              'iam:PutRolePolicy',
              'iam:GetRolePolicy',
              'iam:DeleteRolePolicy',
              'iam:ListRolePolicies',
              'iam:AttachRolePolicy',
              'iam:DetachRolePolicy',
              'iam:ListAttachedRolePolicies',
              'iam:ListInstanceProfilesForRole',
              'iam:PassRole',
            ],
            resources: [roleArns],
          },
          ...(bucketArn ? stateAccess(bucketArn, [`${env}/*`, 'global/*'], [`${env}/*`]) : []),
        ]),
      });
      deployRoles[env] = role;
      new TerraformOutput(this, `deploy-role-arn-${env}`, {
        value: role.arn,
        description: `Role the pipeline assumes to deploy ${env}`,
      });
    }
    this.deployRoles = deployRoles;

    this.planRole = new IamRole(this, 'plan', {
      name: new Naming(config.service).name('plan', 'iamRole'),
      description: `Read-only plans for pull requests of ${repo}`,
      assumeRolePolicy: trust(`repo:${repo}:pull_request`),
      maxSessionDuration: 3600,
    });
    new IamRolePolicyAttachment(this, 'plan-read-only', {
      role: this.planRole.name,
      policyArn: `arn:${partition}:iam::aws:policy/ReadOnlyAccess`,
    });
    if (bucketArn) {
      new IamRolePolicy(this, 'plan-state', {
        name: 'state-read-and-lock',
        role: this.planRole.id,
        policy: policyDocument(stateAccess(bucketArn, ['*'], [])),
      });
      new TerraformOutput(this, 'state-bucket-name', {
        value: this.stateBucket?.bucket.bucket,
        description: 'State bucket of every s3 backend',
      });
    }
    new TerraformOutput(this, 'plan-role-arn', {
      value: this.planRole.arn,
      description: 'Role pull requests assume to run terraform plan',
    });
  }

  /**
   * The state bucket lives where the backends look for it (`state.region`), which may differ from the platform
   * region: then it gets a provider of its own in that region.
   */
  private createStateBucket(config: PlatformConfig): SecureBucket {
    const region = stateRegion(config);
    const provider =
      region === this.region
        ? undefined
        : new AwsProvider(this, 'aws-state', { alias: 'state', region, defaultTags: this.aws.defaultTags });
    return new SecureBucket(this, 'state-bucket', {
      bucketName: stateBucketName(config),
      noncurrentVersionExpirationDays: config.bootstrap.stateVersionRetentionDays,
      protect: true,
      provider,
    });
  }
}

/**
 * State access: read the given key patterns, write state under the writable ones, and take the S3 native lock
 * (a `<key>.tflock` object) anywhere it may read, since plans lock too.
 */
function stateAccess(bucketArn: string, readable: readonly string[], writable: readonly string[]): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    { sid: 'ListState', actions: ['s3:ListBucket'], resources: [bucketArn] },
    { sid: 'ReadState', actions: ['s3:GetObject'], resources: readable.map((k) => `${bucketArn}/${k}`) },
    {
      sid: 'Lock',
      actions: ['s3:PutObject', 's3:DeleteObject'],
      resources: readable.map((k) => `${bucketArn}/${k}.tflock`),
    },
  ];
  if (writable.length > 0) {
    statements.push({
      sid: 'WriteState',
      actions: ['s3:PutObject'],
      resources: writable.map((k) => `${bucketArn}/${k}`),
    });
  }
  return statements;
}
