/**
 * pipeline (global, optional): CodePipeline delivery from the repository's default branch, the AWS-side alternative
 * to the GitHub deploy workflow (seed 000's deployment pipeline).
 *
 * Provisions: a CodeStar connection to GitHub (or uses a configured one) in place of a personal access token; a KMS
 *   key and the encrypted artifact bucket; CodeBuild projects for synth (type check, tests, policy check), the UI
 *   build (privileged only when it builds container images), one deploy project per environment and the integration
 *   tests, each with its own role and log group; a V2 pipeline Source -> Build -> one stage per environment (manual
 *   approval where configured, deploy, integration tests); notification rules for failures and approvals.
 * Consumes: the bootstrap stack's deploy role of each environment (the deploy projects may only assume it; its trust
 *   admits their roles by name) and the alerting stack's topics of each environment it deploys that has them.
 * Exposes: the pipeline and the connection (whose ARN is an output: the connection starts PENDING until an
 *   administrator completes the GitHub handshake once in the console).
 */
import { Codepipeline, CodepipelineStageAction } from '@cdktf/provider-aws/lib/codepipeline';
import { CodestarconnectionsConnection } from '@cdktf/provider-aws/lib/codestarconnections-connection';
import { CodestarnotificationsNotificationRule } from '@cdktf/provider-aws/lib/codestarnotifications-notification-rule';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { pipelineEnvironments } from '../config/layers/pipeline';
import type { PlatformConfig } from '../config/schema';
import { BuildProject } from '../modules/build-project';
import { deployBuildspec, integrationTestBuildspec, synthBuildspec, uiBuildspec } from '../modules/buildspecs';
import { policyDocument, serviceTrustPolicy } from '../modules/iam-policy';
import { Naming } from '../modules/naming';
import { SecureBucket } from '../modules/secure-bucket';
import type { Severity } from '../modules/severity';
import { BaseStack } from './base-stack';
import type { AlertingHandles } from './layer-handles';

/** The deploy role of the deploy project of an environment; the bootstrap stack's deploy role trusts this name. */
export function pipelineDeployRoleName(service: string, environment: string): string {
  return new Naming(service).name(`pipeline-deploy-${environment}`, 'iamRole');
}

/** What the pipeline needs of an environment it deploys. */
export interface PipelineTarget {
  readonly name: string;
  /** The environment's deploy role (bootstrap stack). */
  readonly deployRoleArn: string;
  /** The environment's topics, which its notifications go to. @default no notifications to this environment */
  readonly alerting?: AlertingHandles;
}

export interface PipelineStackProps {
  readonly config: PlatformConfig;
  /** The environments it deploys, in order. */
  readonly targets: readonly PipelineTarget[];
}

/** CodeStar Notifications event types: any failure of the pipeline, and approvals waiting or rejected. */
export const FAILURE_EVENTS = [
  'codepipeline-pipeline-pipeline-execution-failed',
  'codepipeline-pipeline-stage-execution-failed',
  'codepipeline-pipeline-action-execution-failed',
];
export const APPROVAL_EVENTS = [
  'codepipeline-pipeline-manual-approval-needed',
  'codepipeline-pipeline-manual-approval-failed',
];

export class PipelineStack extends BaseStack {
  readonly pipeline: Codepipeline;
  readonly key: KmsKey;
  readonly artifacts: SecureBucket;
  readonly connectionArn: string;
  readonly projects: Readonly<Record<string, BuildProject>>;

  constructor(scope: Construct, props: PipelineStackProps) {
    super(scope, { config: props.config, layer: 'pipeline' });
    const { config, targets } = props;
    const settings = config.pipeline;
    if (!settings.enabled || settings.preset === undefined) {
      throw new Error('PipelineStack: pipeline.enabled is false or pipeline.preset is not set');
    }
    if (targets.length === 0) throw new Error('PipelineStack: targets must name at least one environment');
    const naming = this.naming;
    const account = new DataAwsCallerIdentity(this, 'account').accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;
    const branch = settings.branch ?? config.repository.defaultBranch;
    const approvals = pipelineEnvironments(settings, config.environments).approvalBefore;

    this.key = new KmsKey(this, 'key', {
      description: `Pipeline artifacts and build logs of ${config.service}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        {
          sid: 'AccountAdministers',
          actions: ['kms:*'],
          principals: [{ type: 'AWS', identifiers: [`arn:${partition}:iam::${account}:root`] }],
          resources: ['*'],
        },
        {
          sid: 'BuildLogs',
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          principals: [{ type: 'Service', identifiers: [`logs.${this.region}.amazonaws.com`] }],
          resources: ['*'],
          conditions: [
            {
              test: 'ArnLike',
              variable: 'kms:EncryptionContext:aws:logs:arn',
              values: [`arn:${partition}:logs:${this.region}:${account}:log-group:/aws/codebuild/${naming.prefix}-*`],
            },
          ],
        },
      ]),
    });
    new KmsAlias(this, 'key-alias', { name: `alias/${naming.name('pipeline')}`, targetKeyId: this.key.keyId });
    this.artifacts = new SecureBucket(this, 'artifacts', {
      bucketName: naming.name('pipeline-artifacts', 's3Bucket'),
      kmsKeyArn: this.key.arn,
      noncurrentVersionExpirationDays: 30,
    });

    this.connectionArn =
      settings.connectionArn ??
      new CodestarconnectionsConnection(this, 'connection', { name: naming.name('github'), providerType: 'GitHub' })
        .arn;

    const common = {
      naming,
      image: settings.buildImage,
      computeType: settings.computeType,
      timeoutMinutes: settings.timeoutMinutes,
      logRetentionDays: settings.logRetentionDays,
      key: this.key,
      artifactBucket: this.artifacts,
    };
    const projects: Record<string, BuildProject> = {};
    projects.synth = new BuildProject(this, 'synth', {
      ...common,
      component: 'synth',
      description: 'Type check, tests, and synth with the policy check',
      buildspec: synthBuildspec({ preset: settings.preset }),
    });
    if (settings.ui.enabled) {
      projects.ui = new BuildProject(this, 'ui', {
        ...common,
        component: 'ui-build',
        description: 'Builds the UI packages',
        image: settings.ui.buildImage ?? settings.buildImage,
        buildspec: uiBuildspec({ command: settings.ui.buildCommand, outputDirectory: settings.ui.outputDirectory }),
        buildsContainerImages: settings.ui.buildsContainerImages,
      });
    }
    projects.integration = new BuildProject(this, 'integration-tests', {
      ...common,
      component: 'integration-tests',
      description: "Smoke and integration tests against a deployed environment's endpoints",
      buildspec: integrationTestBuildspec({ command: settings.integrationTestCommand }),
    });
    // The environment stacks' PagerDuty resources need the provider's token; it lives in Secrets Manager, set out of
    // band, and reaches the build by reference only.
    const pagerdutyToken = config.oncall.enabled
      ? new SecretsmanagerSecret(this, 'pagerduty-token', {
          name: naming.name('pipeline-pagerduty-token', 'secret'),
          description: 'PagerDuty API token of the deploy projects (PAGERDUTY_TOKEN); value set out of band',
          recoveryWindowInDays: 7,
        })
      : undefined;
    for (const target of targets) {
      projects[`deploy-${target.name}`] = new BuildProject(this, `deploy-${target.name}`, {
        ...common,
        component: `deploy-${target.name}`,
        roleName: pipelineDeployRoleName(config.service, target.name),
        description: `Applies the ${target.name} stacks in dependency order as the ${target.name} deploy role`,
        buildspec: deployBuildspec({
          environment: target.name,
          preset: settings.preset,
          deployRoleArn: target.deployRoleArn,
          terraformVersion: settings.terraformVersion,
        }),
        environmentVariables: pagerdutyToken
          ? [{ name: 'PAGERDUTY_TOKEN', type: 'SECRETS_MANAGER', value: pagerdutyToken.name }]
          : [],
        statements: [
          { sid: 'AssumeDeployRole', actions: ['sts:AssumeRole'], resources: [target.deployRoleArn] },
          ...(pagerdutyToken
            ? [{ sid: 'PagerDutyToken', actions: ['secretsmanager:GetSecretValue'], resources: [pagerdutyToken.arn] }]
            : []),
        ],
      });
    }
    this.projects = projects;

    const role = new IamRole(this, 'pipeline-role', {
      name: naming.name('pipeline', 'iamRole'),
      description: `Runs the delivery pipeline of ${config.service}`,
      assumeRolePolicy: serviceTrustPolicy('codepipeline.amazonaws.com'),
    });
    new IamRolePolicy(this, 'pipeline-policy', {
      name: 'pipeline',
      role: role.id,
      policy: policyDocument([
        { sid: 'Source', actions: ['codestar-connections:UseConnection'], resources: [this.connectionArn] },
        {
          sid: 'Builds',
          actions: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds', 'codebuild:StopBuild'],
          resources: Object.values(projects).map((p) => p.arn),
        },
        {
          sid: 'Artifacts',
          actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl'],
          resources: [this.artifacts.objectsArn()],
        },
        {
          sid: 'ArtifactBucket',
          actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:GetBucketVersioning'],
          resources: [this.artifacts.arn],
        },
        {
          sid: 'ArtifactKey',
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          resources: [this.key.arn],
        },
      ]),
    });

    const build = (
      name: string,
      project: BuildProject,
      input: string[],
      output: string[],
      runOrder = 1,
      env?: object[],
    ) =>
      ({
        name,
        category: 'Build',
        owner: 'AWS',
        provider: 'CodeBuild',
        version: '1',
        runOrder,
        inputArtifacts: input,
        outputArtifacts: output,
        configuration: {
          ProjectName: project.name,
          PrimarySource: input[0],
          ...(env ? { EnvironmentVariables: JSON.stringify(env) } : {}),
        },
      }) satisfies CodepipelineStageAction;

    const buildActions = [build('Synth', projects.synth, ['source'], ['synth'])];
    if (projects.ui) buildActions.push(build('UI', projects.ui, ['source'], ['ui']));

    const environmentStages = targets.map((target) => {
      const outputs = `outputs_${target.name}`;
      const actions: CodepipelineStageAction[] = [];
      if (approvals.includes(target.name)) {
        actions.push({
          name: 'Approve',
          category: 'Approval',
          owner: 'AWS',
          provider: 'Manual',
          version: '1',
          runOrder: 1,
          configuration: { CustomData: `Deploy ${config.service} to ${target.name}` },
        });
      }
      actions.push(build('Deploy', projects[`deploy-${target.name}`], ['synth'], [outputs], 2));
      actions.push(
        build('IntegrationTests', projects.integration, ['synth', outputs], [], 3, [
          { name: 'TARGET_ENVIRONMENT', value: target.name, type: 'PLAINTEXT' },
          { name: 'OUTPUTS_VARIABLE', value: `CODEBUILD_SRC_DIR_${outputs}`, type: 'PLAINTEXT' },
        ]),
      );
      return { name: `Deploy-${target.name}`, action: actions };
    });

    this.pipeline = new Codepipeline(this, 'pipeline', {
      name: naming.name('delivery'),
      roleArn: role.arn,
      pipelineType: 'V2',
      executionMode: 'QUEUED',
      artifactStore: [
        { location: this.artifacts.bucket.bucket, type: 'S3', encryptionKey: { id: this.key.arn, type: 'KMS' } },
      ],
      trigger: [
        {
          providerType: 'CodeStarSourceConnection',
          gitConfiguration: { sourceActionName: 'Source', push: [{ branches: { includes: [branch] } }] },
        },
      ],
      stage: [
        {
          name: 'Source',
          action: [
            {
              name: 'Source',
              category: 'Source',
              owner: 'AWS',
              provider: 'CodeStarSourceConnection',
              version: '1',
              outputArtifacts: ['source'],
              configuration: {
                ConnectionArn: this.connectionArn,
                FullRepositoryId: `${config.repository.owner}/${config.repository.name}`,
                BranchName: branch,
                OutputArtifactFormat: 'CODE_ZIP',
                DetectChanges: 'false',
              },
            },
          ],
        },
        { name: 'Build', action: buildActions },
        ...environmentStages,
      ],
    });

    // A failure anywhere holds up every environment after it: each environment's team hears of it.
    const routes = (names: readonly string[], severity: Severity) =>
      targets.flatMap((t) =>
        t.alerting && names.includes(t.name) ? [{ address: t.alerting.topics[severity].arn, type: 'SNS' }] : [],
      );
    const failureTargets = routes(
      targets.map((t) => t.name),
      settings.notifications.failure,
    );
    if (failureTargets.length === 0) {
      throw new Error('PipelineStack: no environment it deploys has alerting topics for its failure notifications');
    }
    new CodestarnotificationsNotificationRule(this, 'failures', {
      name: naming.name('pipeline-failures'),
      resource: this.pipeline.arn,
      detailType: 'FULL',
      eventTypeIds: FAILURE_EVENTS,
      target: failureTargets,
    });
    const approvalTargets = routes(approvals, settings.notifications.approval);
    if (approvalTargets.length > 0) {
      new CodestarnotificationsNotificationRule(this, 'approvals', {
        name: naming.name('pipeline-approvals'),
        resource: this.pipeline.arn,
        detailType: 'FULL',
        eventTypeIds: APPROVAL_EVENTS,
        target: approvalTargets,
      });
    }

    new TerraformOutput(this, 'pipeline-name', { value: this.pipeline.name, description: 'The delivery pipeline' });
    new TerraformOutput(this, 'connection-arn', {
      value: this.connectionArn,
      description: 'CodeStar connection to GitHub: complete its handshake once in the console while it is PENDING',
    });
  }
}
