/**
 * The error processor (lambdas/error-processor) and its deduplication table, and the subscription of function log
 * groups to it: each subscribed log group gets a subscription filter that sends its error lines and an invoke
 * permission for CloudWatch Logs scoped to that log group (source_arn), so no other log group can invoke it.
 *
 * Its role may publish to the warning topic (and use the topic's key through SNS only) and read and write its own
 * idempotency table; nothing else beyond its logs and traces.
 */
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Construct } from 'constructs';
import { DynamoTable } from './dynamodb-table';
import type { PolicyStatement } from './iam-policy';
import { LambdaAsset } from './lambda-asset';
import { Naming } from './naming';
import { NodeFunction } from './node-function';

/** The lines a subscription sends: those the error processor can turn into an error record. */
export const ERROR_SUBSCRIPTION_PATTERN = '?ERROR ?CRITICAL ?"Task timed out"';

/** Powertools Idempotency's default DynamoDB layout: partition key `id`, TTL attribute `expiration`. */
export const IDEMPOTENCY_TABLE_KEY = { partitionKey: { name: 'id', type: 'S' as const }, ttlAttribute: 'expiration' };

export interface ErrorProcessorProps {
  readonly naming: Naming;
  /** Service and environment names, in every summary. */
  readonly service: string;
  readonly environment: string;
  /** Region of the topic key, for its ViaService condition. */
  readonly region: string;
  /** Where the summaries go (the alerting layer's warning topic). */
  readonly warningTopic: SnsTopic;
  /** Customer-managed key of the topic. @default the topic is not under a customer-managed key */
  readonly topicKey?: KmsKey;
  readonly logRetentionDays: number;
  /** Seconds within which a distinct error is forwarded once. @default 900 */
  readonly dedupWindowSeconds?: number;
  /** Deletion protection on the table (prod). @default false */
  readonly protect?: boolean;
  /** KMS key of the function's log group. @default CloudWatch Logs' own encryption */
  readonly logKmsKeyArn?: string;
}

export class ErrorProcessor extends Construct {
  readonly fn: NodeFunction;
  readonly table: DynamoTable;
  /** Namespace of its metrics: `<service>/<environment>`. */
  readonly metricNamespace: string;
  private readonly subscriptions: CloudwatchLogSubscriptionFilter[] = [];

  constructor(scope: Construct, id: string, props: ErrorProcessorProps) {
    super(scope, id);
    const dedupWindowSeconds = props.dedupWindowSeconds ?? 900;
    if (!Number.isInteger(dedupWindowSeconds) || dedupWindowSeconds < 60) {
      throw new Error(
        `ErrorProcessor: dedupWindowSeconds must be a whole number of at least 60, got ${dedupWindowSeconds}`,
      );
    }
    this.metricNamespace = `${props.service}/${props.environment}`;
    this.table = new DynamoTable(this, 'idempotency', {
      tableName: props.naming.name('error-processor-idempotency', 'dynamodbTable'),
      partitionKey: IDEMPOTENCY_TABLE_KEY.partitionKey,
      ttlAttribute: IDEMPOTENCY_TABLE_KEY.ttlAttribute,
      protect: props.protect,
    });
    const statements: PolicyStatement[] = [
      { sid: 'PublishSummaries', actions: ['sns:Publish'], resources: [props.warningTopic.arn] },
      this.table.grant(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], 'IdempotencyRecords'),
    ];
    if (props.topicKey) {
      statements.push({
        sid: 'EncryptThroughSns',
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: [props.topicKey.arn],
        conditions: [
          { test: 'StringEquals', variable: 'kms:ViaService', values: [`sns.${props.region}.amazonaws.com`] },
        ],
      });
    }
    this.fn = new NodeFunction(this, 'function', {
      naming: props.naming,
      name: 'error-processor',
      description: `Forwards the errors logged by the functions of ${props.naming.prefix} to the warning topic`,
      code: new LambdaAsset(this, 'code', { handler: 'error-processor' }),
      logRetentionDays: props.logRetentionDays,
      logKmsKeyArn: props.logKmsKeyArn,
      memoryMb: 256,
      timeoutSeconds: 30,
      // CloudWatch Logs invokes asynchronously: a batch whose summary could not be published lands in the queue.
      invocation: 'async',
      policyStatements: statements,
      environment: {
        SERVICE: props.service,
        ENVIRONMENT: props.environment,
        WARNING_TOPIC_ARN: props.warningTopic.arn,
        IDEMPOTENCY_TABLE_NAME: this.table.tableName,
        METRIC_NAMESPACE: this.metricNamespace,
        DEDUP_WINDOW_SECONDS: String(dedupWindowSeconds),
      },
    });
  }

  /**
   * Subscribes a function's log group. `id` is the construct id of the filter and the permission (stable per log
   * group). Never subscribe the processor's own log group: its error lines would feed back into it.
   */
  subscribe(id: string, logGroup: CloudwatchLogGroup): CloudwatchLogSubscriptionFilter {
    if (logGroup === this.fn.logGroup) throw new Error('ErrorProcessor: its own log group cannot be subscribed to it');
    const permission = new LambdaPermission(this, `${id}-invoke`, {
      action: 'lambda:InvokeFunction',
      functionName: this.fn.function.functionName,
      principal: 'logs.amazonaws.com',
      // CloudWatch Logs invokes with the log group's ARN and the `:*` of its streams.
      sourceArn: `${logGroup.arn}:*`,
    });
    const filter = new CloudwatchLogSubscriptionFilter(this, `${id}-subscription`, {
      name: 'error-processor',
      logGroupName: logGroup.name,
      filterPattern: ERROR_SUBSCRIPTION_PATTERN,
      destinationArn: this.fn.function.arn,
      dependsOn: [permission],
    });
    this.subscriptions.push(filter);
    return filter;
  }

  /** The subscription filters made so far. */
  get subscriptionFilters(): readonly CloudwatchLogSubscriptionFilter[] {
    return [...this.subscriptions];
  }
}
