/**
 * A Node.js Lambda function with what every platform function needs: its own least-privilege role built from
 * policy objects, its log group with retention created before it (so Lambda never creates one without retention),
 * active X-Ray tracing, and a failure destination for asynchronous invocations.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Construct } from 'constructs';
import { policyDocument, PolicyStatement, serviceTrustPolicy } from './iam-policy';
import { LambdaAsset } from './lambda-asset';
import { Naming } from './naming';

export const DEFAULT_NODE_RUNTIME = 'nodejs22.x';

export interface FunctionVpcPlacement {
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
}

export interface NodeFunctionProps {
  readonly naming: Naming;
  /** Component of the physical name: the function is `<service>-<env>-<name>`. */
  readonly name: string;
  readonly code: LambdaAsset;
  /** Retention of the function's log group, from the environment config. */
  readonly logRetentionDays: number;
  readonly description?: string;
  /** @default 'index.handler' */
  readonly handler?: string;
  /** @default 'nodejs22.x' */
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
}

export class NodeFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly functionName: string;
  /** The failure destination of asynchronous invocations, when the function is invoked asynchronously. */
  readonly failureQueue?: SqsQueue;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    const invocation = props.invocation ?? 'sync';
    this.functionName = props.naming.name(props.name, 'lambdaFunction');

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: Naming.lambdaLogGroup(this.functionName),
      retentionInDays: props.logRetentionDays,
    });

    if (invocation === 'async') {
      this.failureQueue =
        props.failureQueue ??
        new SqsQueue(this, 'failures', {
          name: props.naming.name(`${props.name}-failures`, 'sqsQueue'),
          sqsManagedSseEnabled: true,
          messageRetentionSeconds: 14 * 24 * 3600,
        });
    }

    this.role = new IamRole(this, 'role', {
      name: props.naming.name(`${props.name}-fn`, 'iamRole'),
      assumeRolePolicy: serviceTrustPolicy('lambda.amazonaws.com'),
    });
    const statements: PolicyStatement[] = [
      {
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.arn}:*`],
      },
      { sid: 'Tracing', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] },
    ];
    if (props.vpc) {
      statements.push({
        sid: 'VpcNetworkInterfaces',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
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
      policy: policyDocument(statements),
    });

    this.function = new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: props.runtime ?? DEFAULT_NODE_RUNTIME,
      handler: props.handler ?? 'index.handler',
      filename: props.code.asset.path,
      sourceCodeHash: props.code.bundle.sourceCodeHash,
      memorySize: props.memoryMb ?? 256,
      timeout: props.timeoutSeconds ?? 10,
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracingConfig: { mode: 'Active' },
      environment: {
        variables: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      },
      vpcConfig: props.vpc
        ? { subnetIds: [...props.vpc.subnetIds], securityGroupIds: [...props.vpc.securityGroupIds] }
        : undefined,
      // The log group must exist first, or Lambda creates one without retention; the policy, so the first
      // invocation can log.
      dependsOn: [this.logGroup, policy],
    });

    if (this.failureQueue) {
      new LambdaFunctionEventInvokeConfig(this, 'async', {
        functionName: this.function.functionName,
        maximumRetryAttempts: props.asyncRetryAttempts ?? 2,
        destinationConfig: { onFailure: { destination: this.failureQueue.arn } },
      });
    }
  }
}
