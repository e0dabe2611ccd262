/**
 * A Lambda function with what every platform function needs: its own least-privilege role built from policy objects,
 * its log group with retention created before it (so Lambda never creates one without retention), active X-Ray
 * tracing, and a failure destination for asynchronous invocations.
 *
 * Named for the platform's own Node.js handlers (bundled from `lambdas/`), it also runs code built elsewhere: a zip
 * artifact in S3 (any zip runtime) or a container image from ECR. With an alias, every change publishes a version
 * and the alias points at it, or is left for CodeDeploy to move (`externallyShifted`).
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction, LambdaFunctionConfig } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { denyInsecureTransport, policyDocument, PolicyStatement, serviceTrustPolicy } from './iam-policy';
import { LambdaAsset } from './lambda-asset';
import { Naming } from './naming';
import { DEFAULT_NODE_RUNTIME } from '../core/runtimes';
import { LAMBDA_VPC_ACCESS_ACTIONS } from './policy/support/iam';

export { DEFAULT_NODE_RUNTIME };

/** A zip that a product's build published to S3 (application code that lives in another repository). */
export interface S3ArtifactCode {
  readonly kind: 's3';
  /** Name of the bucket holding the zip. */
  readonly bucket: string;
  readonly key: string;
  /** @default the latest version of the key */
  readonly objectVersion?: string;
}

/** A container image in ECR; the image brings its runtime and handler. */
export interface ContainerImageCode {
  readonly kind: 'image';
  /** `<repository url>:<tag>` or `<repository url>@<digest>`. */
  readonly imageUri: string;
  /** @default the image's CMD */
  readonly command?: readonly string[];
  /** @default the image's ENTRYPOINT */
  readonly entryPoint?: readonly string[];
  /** @default the image's WORKDIR */
  readonly workingDirectory?: string;
}

/** Where a function's code comes from: a handler bundled at synth, an S3 artifact or a container image. */
export type FunctionCode = LambdaAsset | S3ArtifactCode | ContainerImageCode;

export interface FunctionAliasProps {
  /** @default 'live' */
  readonly name?: string;
  /**
   * CodeDeploy moves the alias between versions: Terraform creates it on the first version and then leaves its
   * version and routing alone.
   * @default false (Terraform points the alias at each new version at once)
   */
  readonly externallyShifted?: boolean;
  /** Pre-initialized executions on the alias. @default none */
  readonly provisionedConcurrency?: number;
}

export interface FunctionVpcPlacement {
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
}

export interface NodeFunctionProps {
  readonly naming: Naming;
  /** Component of the physical name: the function is `<service>-<env>-<name>`. */
  readonly name: string;
  readonly code: FunctionCode;
  /** Retention of the function's log group, from the environment config. */
  readonly logRetentionDays: number;
  /** KMS key that encrypts the function's log group. @default CloudWatch Logs' own encryption */
  readonly logKmsKeyArn?: string;
  readonly description?: string;
  /** Not for container images, whose image sets it. @default 'index.handler' */
  readonly handler?: string;
  /** Not for container images, which bring their own. @default 'nodejs22.x' */
  readonly runtime?: string;
  /** @default 256 */
  readonly memoryMb?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Permissions beyond logging and tracing, as objects. @default [] */
  readonly policyStatements?: readonly PolicyStatement[];
  /** @default no reserved concurrency (the function draws on the account's unreserved pool) */
  readonly reservedConcurrency?: number;
  /** @default not placed in a VPC */
  readonly vpc?: FunctionVpcPlacement;
  /**
   * How the function is invoked. Asynchronous functions get an event invoke config whose failures go to a queue.
   * @default 'sync'
   */
  readonly invocation?: 'sync' | 'async';
  /** Where failed asynchronous events go. @default a new encrypted queue `<name>-failures` */
  readonly failureQueue?: SqsQueue;
  /** Retries Lambda makes for a failed asynchronous event. @default 2 */
  readonly asyncRetryAttempts?: number;
  /** Layer version ARNs, in order (zip functions only). @default [] */
  readonly layers?: readonly string[];
  /** Publish a version on every change and keep an alias on it. @default no versions: callers invoke $LATEST */
  readonly alias?: FunctionAliasProps;
}

export class NodeFunction extends Construct {
  readonly function: LambdaFunction;
  /** The alias callers invoke, when the function has one. */
  readonly alias?: LambdaAlias;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly functionName: string;
  /** Name component of the function (`name` of its props). */
  readonly name: string;
  /** Seconds an invocation may run. */
  readonly timeoutSeconds: number;
  /** The failure destination of asynchronous invocations, when the function is invoked asynchronously. */
  readonly failureQueue?: SqsQueue;
  /** Physical name of the failure queue, for alarms and dashboards (a literal where the queue's own is a token). */
  readonly failureQueueName?: string;
  private readonly statements: PolicyStatement[] = [];
  /** Statements of the failure queue's policy, when this function created the queue. */
  private readonly failureQueueStatements?: PolicyStatement[];

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    const invocation = props.invocation ?? 'sync';
    this.functionName = props.naming.name(props.name, 'lambdaFunction');
    this.name = props.name;
    this.timeoutSeconds = props.timeoutSeconds ?? 10;
    const code = props.code;
    const image = !(code instanceof LambdaAsset) && code.kind === 'image';
    if (image && (props.runtime !== undefined || props.handler !== undefined)) {
      throw new Error(`function ${this.functionName}: a container image sets its own runtime and handler; omit both`);
    }
    if (image && (props.layers ?? []).length > 0) {
      throw new Error(`function ${this.functionName}: layers cannot be attached to a container image function`);
    }
    const provisioned = props.alias?.provisionedConcurrency;
    if (
      provisioned !== undefined &&
      props.reservedConcurrency !== undefined &&
      provisioned > props.reservedConcurrency
    ) {
      throw new Error(
        `function ${this.functionName}: alias.provisionedConcurrency (${provisioned}) must not exceed reservedConcurrency (${props.reservedConcurrency})`,
      );
    }

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: Naming.lambdaLogGroup(this.functionName),
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
    });

    if (invocation === 'async') {
      this.failureQueueName = props.failureQueue
        ? (props.failureQueue.nameInput ?? props.failureQueue.name)
        : props.naming.name(`${props.name}-failures`, 'sqsQueue');
      this.failureQueue =
        props.failureQueue ??
        new SqsQueue(this, 'failures', {
          name: this.failureQueueName,
          sqsManagedSseEnabled: true,
          messageRetentionSeconds: 14 * 24 * 3600,
        });
      if (props.failureQueue === undefined) {
        // A queue has one policy; whoever else delivers failures here (schedules, SNS redrives) adds to it.
        const queue = this.failureQueue;
        this.failureQueueStatements = [denyInsecureTransport('sqs', [queue.arn])];
        const statements = this.failureQueueStatements;
        new SqsQueuePolicy(this, 'failures-policy', {
          queueUrl: queue.url,
          policy: Lazy.stringValue({ produce: () => policyDocument(statements) }),
        });
      }
    }

    this.role = new IamRole(this, 'role', {
      name: props.naming.name(`${props.name}-fn`, 'iamRole'),
      assumeRolePolicy: serviceTrustPolicy('lambda.amazonaws.com'),
    });
    const statements = this.statements;
    statements.push(
      {
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.arn}:*`],
      },
      { sid: 'Tracing', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] },
    );
    if (props.vpc) {
      statements.push({
        sid: 'VpcNetworkInterfaces',
        actions: [...LAMBDA_VPC_ACCESS_ACTIONS],
        resources: ['*'],
      });
    }
    if (this.failureQueue) {
      statements.push({ sid: 'AsyncFailures', actions: ['sqs:SendMessage'], resources: [this.failureQueue.arn] });
    }
    statements.push(...(props.policyStatements ?? []));
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'least-privilege',
      role: this.role.id,
      // Grants added after construction (addToRolePolicy) land in the same document.
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });

    // Only the bundles built here are known to carry source maps.
    const variables: Record<string, string> =
      code instanceof LambdaAsset
        ? { NODE_OPTIONS: '--enable-source-maps', ...props.environment }
        : { ...props.environment };
    this.function = new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      description: props.description,
      role: this.role.arn,
      ...codeProperties(code, props),
      layers: props.layers && props.layers.length > 0 ? [...props.layers] : undefined,
      publish: props.alias !== undefined ? true : undefined,
      memorySize: props.memoryMb ?? 256,
      timeout: this.timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracingConfig: { mode: 'Active' },
      environment: Object.keys(variables).length > 0 ? { variables } : undefined,
      vpcConfig: props.vpc
        ? { subnetIds: [...props.vpc.subnetIds], securityGroupIds: [...props.vpc.securityGroupIds] }
        : undefined,
      // The log group must exist first, or Lambda creates one without retention; the policy, so the first
      // invocation can log.
      dependsOn: [this.logGroup, policy],
    });

    if (props.alias) {
      const externallyShifted = props.alias.externallyShifted ?? false;
      this.alias = new LambdaAlias(this, 'alias', {
        name: props.alias.name ?? 'live',
        functionName: this.function.functionName,
        functionVersion: this.function.version,
        lifecycle: externallyShifted ? { ignoreChanges: ['function_version', 'routing_config'] } : undefined,
      });
      if (provisioned !== undefined) {
        new LambdaProvisionedConcurrencyConfig(this, 'provisioned', {
          functionName: this.function.functionName,
          qualifier: this.alias.name,
          provisionedConcurrentExecutions: provisioned,
        });
      }
    }

    if (this.failureQueue) {
      new LambdaFunctionEventInvokeConfig(this, 'async', {
        functionName: this.function.functionName,
        // Invocations of the alias use the alias's own settings, not the unqualified function's.
        qualifier: this.alias?.name,
        maximumRetryAttempts: props.asyncRetryAttempts ?? 2,
        destinationConfig: { onFailure: { destination: this.failureQueue.arn } },
      });
    }
  }

  /** ARN that callers (API integrations, schedules, other functions) invoke: the alias when there is one. */
  get targetArn(): string {
    return this.alias?.arn ?? this.function.arn;
  }

  /** Invoke ARN of the target, the form API Gateway integrations take. */
  get targetInvokeArn(): string {
    return this.alias?.invokeArn ?? this.function.invokeArn;
  }

  /**
   * Lets another sender (an EventBridge schedule, an SNS subscription's redrive) deliver to the failure queue this
   * function created; the statement joins the queue's TLS-only policy.
   */
  addToFailureQueuePolicy(statement: PolicyStatement): void {
    if (this.failureQueueStatements === undefined) {
      throw new Error(
        `${this.functionName}: addToFailureQueuePolicy needs the failure queue the function creates (invocation 'async', no failureQueue prop)`,
      );
    }
    this.failureQueueStatements.push(statement);
  }

  /** Grants the function more permissions, as objects; they join its least-privilege policy. */
  addToRolePolicy(statement: PolicyStatement): void {
    this.statements.push(statement);
  }
}

function codeProperties(
  code: FunctionCode,
  props: Pick<NodeFunctionProps, 'runtime' | 'handler'>,
): Partial<LambdaFunctionConfig> {
  if (code instanceof LambdaAsset) {
    return {
      runtime: props.runtime ?? DEFAULT_NODE_RUNTIME,
      handler: props.handler ?? 'index.handler',
      filename: code.asset.path,
      sourceCodeHash: code.bundle.sourceCodeHash,
    };
  }
  if (code.kind === 's3') {
    return {
      runtime: props.runtime ?? DEFAULT_NODE_RUNTIME,
      handler: props.handler ?? 'index.handler',
      s3Bucket: code.bucket,
      s3Key: code.key,
      s3ObjectVersion: code.objectVersion,
    };
  }
  const imageConfig =
    code.command || code.entryPoint || code.workingDirectory
      ? {
          command: code.command ? [...code.command] : undefined,
          entryPoint: code.entryPoint ? [...code.entryPoint] : undefined,
          workingDirectory: code.workingDirectory,
        }
      : undefined;
  return { packageType: 'Image', imageUri: code.imageUri, imageConfig };
}
