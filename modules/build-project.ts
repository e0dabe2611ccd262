/**
 * A CodeBuild project run by CodePipeline, with what the baseline asks of every build: its own role holding only the
 * statements the project needs, its log group created first with retention (so CodeBuild never creates one without
 * it), artifacts encrypted with the pipeline's key, and Docker (privileged mode) only when the caller says the build
 * produces container images.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CodebuildProject } from '@cdktf/provider-aws/lib/codebuild-project';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { policyDocument, PolicyStatement, serviceTrustPolicy } from './iam-policy';
import { Naming } from './naming';
import { suppressPolicy } from './policy/engine';
import type { SecureBucket } from './secure-bucket';

/** An environment variable of a build; secrets only by reference to Secrets Manager, never as a value. */
export type BuildVariable =
  | { readonly name: string; readonly value: string; readonly type?: 'PLAINTEXT' }
  | {
      readonly name: string;
      /** Name or ARN of the secret, optionally with `:<json-key>`. */
      readonly value: string;
      readonly type: 'SECRETS_MANAGER';
    };

export interface BuildProjectProps {
  readonly naming: Naming;
  /** Name component of the project: `<service>-<component>`. */
  readonly component: string;
  readonly description: string;
  /** The buildspec, rendered to YAML-compatible JSON. */
  readonly buildspec: Record<string, unknown>;
  /** CodeBuild curated image. */
  readonly image: string;
  readonly computeType: string;
  readonly timeoutMinutes: number;
  readonly logRetentionDays: number;
  /** The pipeline's key: build artifacts and the log group are encrypted with it. */
  readonly key: KmsKey;
  /** The pipeline's artifact store, which the build reads its input from and writes its output to. */
  readonly artifactBucket: SecureBucket;
  /** The build runs Docker to build container images, which needs privileged mode. @default false */
  readonly buildsContainerImages?: boolean;
  /** @default none */
  readonly environmentVariables?: readonly BuildVariable[];
  /** Further permissions of the project's role, beyond logs and artifacts. @default none */
  readonly statements?: readonly PolicyStatement[];
  /** Physical name of the role, when another stack must know it before it exists. @default `<project>` */
  readonly roleName?: string;
}

export class BuildProject extends Construct {
  readonly project: CodebuildProject;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: BuildProjectProps) {
    super(scope, id);
    const name = props.naming.name(props.component);
    const privileged = props.buildsContainerImages ?? false;
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/codebuild/${name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.key.arn,
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName ?? props.naming.name(props.component, 'iamRole'),
      description: `Runs the CodeBuild project ${name}`,
      assumeRolePolicy: serviceTrustPolicy('codebuild.amazonaws.com'),
    });
    new IamRolePolicy(this, 'policy', {
      name: 'build',
      role: this.role.id,
      policy: policyDocument([
        {
          sid: 'Logs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${this.logGroup.arn}:*`],
        },
        {
          sid: 'Artifacts',
          actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
          resources: [props.artifactBucket.objectsArn()],
        },
        {
          sid: 'ArtifactBucket',
          actions: ['s3:GetBucketLocation', 's3:ListBucket'],
          resources: [props.artifactBucket.arn],
        },
        {
          sid: 'ArtifactKey',
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          resources: [props.key.arn],
        },
        ...(props.statements ?? []),
      ]),
    });
    this.project = new CodebuildProject(this, 'project', {
      name,
      description: props.description,
      serviceRole: this.role.arn,
      encryptionKey: props.key.arn,
      buildTimeout: props.timeoutMinutes,
      artifacts: { type: 'CODEPIPELINE' },
      source: { type: 'CODEPIPELINE', buildspec: JSON.stringify(props.buildspec, undefined, 2) },
      environment: {
        type: 'LINUX_CONTAINER',
        image: props.image,
        computeType: props.computeType,
        imagePullCredentialsType: 'CODEBUILD',
        privilegedMode: privileged,
        environmentVariable: (props.environmentVariables ?? []).map((v) => ({
          name: v.name,
          value: v.value,
          type: v.type ?? 'PLAINTEXT',
        })),
      },
      logsConfig: {
        cloudwatchLogs: { status: 'ENABLED', groupName: this.logGroup.name },
        s3Logs: { status: 'DISABLED' },
      },
      dependsOn: [this.logGroup],
    });
    if (privileged) {
      suppressPolicy(
        this.project,
        'codebuild-privileged-mode',
        'the build produces container images, and Docker in CodeBuild needs privileged mode',
      );
    }
  }

  get name(): string {
    return this.project.name;
  }

  get arn(): string {
    return this.project.arn;
  }
}
