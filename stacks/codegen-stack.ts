/**
 * codegen (per environment, optional): Frigg's code-generation workers.
 *
 * Provisions: the request queue and its dead-letter queue (encrypted, TLS-only, long polling, redrive after
 *   `maxReceiveCount` deliveries, a redrive-allow policy admitting only the request queue); the worker function
 *   (`lambdas/codegen-worker`) with an SQS event source reporting partial batch failures, at most
 *   `maxConcurrentGenerations` concurrent invocations and `generationTimeoutSeconds` per invocation; the tracking
 *   table (request ID key, status index, TTL on finished jobs, PITR, encryption) and the idempotency table of
 *   Powertools; the templates bucket and the output bucket (outputs expire after `outputExpiryDays`); the SSM
 *   parameter holding the model endpoint URL and the Secrets Manager secret for the model API key (value set out
 *   of band); with the template cache, an ElastiCache Serverless (Valkey) cache in the private subnets and the
 *   worker placed beside it; the alarms of all of it through the alarm model.
 * Consumes: the environment's codegen settings; the network layer's private subnets and its function and cache
 *   security groups (the cache group admits the cache ports from the function group only); the alerting layer's
 *   topics, to route the alarms.
 * Exposes: the queues, worker, tables, buckets, parameter, secret and cache; its alarms and watched resources
 *   (MonitoringHandles); outputs for producers (queue URL and ARN, table, buckets, cache endpoint).
 */
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { CODEGEN_CONTRACT } from '../core/codegen-contract';
import { templateCacheEnabled, visibilityTimeoutOf } from '../config/layers/codegen';
import type { Environment, PlatformConfig } from '../config/schema';
import { DynamoTable } from '../modules/dynamodb-table';
import { LambdaAsset } from '../modules/lambda-asset';
import { cacheMonitoring } from '../modules/monitoring/cache-monitoring';
import { functionMonitoring, type Monitoring } from '../modules/monitoring/function-monitoring';
import { generationMonitoring } from '../modules/monitoring/generation-monitoring';
import { deadLetterQueueMonitoring, queueMonitoring } from '../modules/monitoring/queue-monitoring';
import { checkName } from '../modules/naming';
import { NodeFunction } from '../modules/node-function';
import { SecureBucket } from '../modules/secure-bucket';
import { ServerlessCache } from '../modules/serverless-cache';
import { WorkQueue } from '../modules/work-queue';
import type { AlertingHandles, NetworkHandles } from './layer-handles';
import { MonitoredStack } from './monitored-stack';

/** Dashboard area of everything in this stack. */
export const CODEGEN_AREA = 'codegen';
const { trackingKey, statusIndex, trackingTtlAttribute, templatesPrefix, generatedPrefix } = CODEGEN_CONTRACT;

export interface CodegenStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** Private subnets and security groups; required when the template cache is on (the schema enforces it). */
  readonly network?: NetworkHandles;
  /** Routes the alarms by severity. @default alarms carry their severity and no actions */
  readonly alerting?: AlertingHandles;
}

export class CodegenStack extends MonitoredStack {
  readonly queue: WorkQueue;
  readonly worker: NodeFunction;
  readonly eventSource: LambdaEventSourceMapping;
  readonly trackingTable: DynamoTable;
  readonly idempotencyTable: DynamoTable;
  readonly templatesBucket: SecureBucket;
  readonly outputBucket: SecureBucket;
  readonly modelEndpoint: SsmParameter;
  readonly modelApiKey: SecretsmanagerSecret;
  readonly cache?: ServerlessCache;

  constructor(scope: Construct, props: CodegenStackProps) {
    super(scope, {
      config: props.config,
      environment: props.environment,
      layer: 'codegen',
      runbookSection: 'code-generation-requests',
      alerting: props.alerting,
    });
    const env = props.environment;
    const codegen = env.codegen;
    const protect = env.protectStatefulResources;
    const useCache = templateCacheEnabled(env);
    if (useCache && props.network === undefined) {
      throw new Error(
        `environments.${env.name}.codegen.templateCache: the cache needs the network layer's private subnets`,
      );
    }
    if (codegen.modelEndpoint === undefined) {
      throw new Error(`environments.${env.name}.codegen.modelEndpoint: is required when the codegen layer is enabled`);
    }

    this.trackingTable = new DynamoTable(this, 'tracking', {
      tableName: this.naming.name('codegen-requests', 'dynamodbTable'),
      partitionKey: { name: trackingKey, type: 'S' },
      ttlAttribute: trackingTtlAttribute,
      globalSecondaryIndexes: [
        {
          name: statusIndex,
          partitionKey: { name: 'status', type: 'S' },
          sortKey: { name: 'updatedAt', type: 'S' },
          projection: { include: ['template', 'attempts', 'outputKey', 'lastError'] },
        },
      ],
      protect,
    });
    // Powertools Idempotency's own schema (key `id`, TTL `expiration`): its items are keyed by a hash of the
    // request, not by request ID, so they stay out of the tracking table and its status index.
    this.idempotencyTable = new DynamoTable(this, 'idempotency', {
      tableName: this.naming.name('codegen-idempotency', 'dynamodbTable'),
      partitionKey: { name: 'id', type: 'S' },
      ttlAttribute: 'expiration',
      protect,
    });
    this.templatesBucket = new SecureBucket(this, 'templates', {
      bucketName: this.naming.name('codegen-templates', 's3Bucket'),
      protect,
    });
    this.outputBucket = new SecureBucket(this, 'output', {
      bucketName: this.naming.name('codegen-output', 's3Bucket'),
      noncurrentVersionExpirationDays: Math.min(codegen.outputExpiryDays, 90),
      lifecycleRules: [
        {
          id: 'expire-generated-code',
          status: 'Enabled',
          filter: [{ prefix: generatedPrefix }],
          expiration: [{ days: codegen.outputExpiryDays }],
        },
      ],
      protect,
    });

    this.queue = new WorkQueue(this, 'requests', {
      naming: this.naming,
      name: 'codegen-requests',
      consumerTimeoutSeconds: codegen.generationTimeoutSeconds,
      visibilityTimeoutSeconds: visibilityTimeoutOf(codegen),
      maxReceiveCount: codegen.maxReceiveCount,
      messageRetentionSeconds: codegen.messageRetentionSeconds,
    });

    this.modelEndpoint = new SsmParameter(this, 'model-endpoint', {
      name: `${this.naming.parameterPath}codegen/model-endpoint`,
      type: 'String',
      description: 'URL of the code-generation model endpoint, read by the worker',
      value: codegen.modelEndpoint,
    });
    this.modelApiKey = new SecretsmanagerSecret(this, 'model-api-key', {
      name: checkName(`${this.naming.parameterPath.slice(1)}codegen/model-api-key`, 'secret'),
      description: `Model API key of ${this.naming.prefix} code generation; set with aws secretsmanager put-secret-value`,
      recoveryWindowInDays: protect ? 30 : 7,
      lifecycle: protect ? { preventDestroy: true } : undefined,
    });

    if (useCache) {
      const network = props.network!;
      this.cache = new ServerlessCache(this, 'template-cache', {
        cacheName: this.naming.name('codegen-templates'),
        description: `Template cache of ${this.naming.prefix} code generation`,
        subnetIds: network.privateSubnets.map((s) => s.id),
        securityGroupIds: [network.cacheSecurityGroup.id],
        maxDataStorageGb: codegen.templateCache.maxDataStorageGb,
      });
    }

    const modelTimeoutMs = codegen.modelRequestTimeoutSeconds * 1000;
    this.worker = new NodeFunction(this, 'worker', {
      naming: this.naming,
      name: 'codegen-worker',
      description: `Code generation worker of ${this.naming.prefix}`,
      code: new LambdaAsset(this, 'worker-code', { handler: 'codegen-worker' }),
      logRetentionDays: env.logRetentionDays,
      memoryMb: codegen.memoryMb,
      timeoutSeconds: codegen.generationTimeoutSeconds,
      // The cache has no public endpoint; the function group is the only one the cache group admits.
      vpc:
        useCache && props.network
          ? {
              subnetIds: props.network.privateSubnets.map((s) => s.id),
              securityGroupIds: [props.network.functionSecurityGroup.id],
            }
          : undefined,
      environment: {
        POWERTOOLS_SERVICE_NAME: CODEGEN_CONTRACT.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: this.metricNamespace,
        TRACKING_TABLE_NAME: this.trackingTable.tableName,
        IDEMPOTENCY_TABLE_NAME: this.idempotencyTable.tableName,
        TEMPLATES_BUCKET: this.templatesBucket.bucket.bucket,
        OUTPUT_BUCKET: this.outputBucket.bucket.bucket,
        MODEL_ENDPOINT_PARAMETER: this.modelEndpoint.name,
        MODEL_API_KEY_SECRET_ARN: this.modelApiKey.arn,
        MAX_RECEIVE_COUNT: String(codegen.maxReceiveCount),
        MODEL_TIMEOUT_MS: String(modelTimeoutMs),
        MODEL_MAX_ATTEMPTS: String(codegen.modelMaxAttempts),
        TRACKING_RETENTION_DAYS: String(codegen.trackingRetentionDays),
        ...(this.cache
          ? {
              CACHE_ENDPOINT: `${this.cache.endpointAddress}:${this.cache.endpointPort}`,
              CACHE_TLS: 'true',
              TEMPLATE_CACHE_TTL_SECONDS: String(codegen.templateCache.templateTtlSeconds),
            }
          : {}),
      },
      policyStatements: [
        this.queue.grantConsume(),
        this.trackingTable.grant(['GetItem', 'UpdateItem'], 'TrackRequests'),
        this.idempotencyTable.grant(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], 'IdempotencyRecords'),
        {
          sid: 'ReadTemplates',
          actions: ['s3:GetObject'],
          resources: [`${this.templatesBucket.bucket.arn}/${templatesPrefix}*`],
        },
        // Without ListBucket a missing template reads as AccessDenied instead of NoSuchKey.
        {
          sid: 'ListTemplates',
          actions: ['s3:ListBucket'],
          resources: [this.templatesBucket.bucket.arn],
          conditions: [{ test: 'StringLike', variable: 's3:prefix', values: [`${templatesPrefix}*`] }],
        },
        {
          sid: 'WriteOutputs',
          actions: ['s3:PutObject'],
          resources: [`${this.outputBucket.bucket.arn}/${generatedPrefix}*`],
        },
        { sid: 'ReadModelEndpoint', actions: ['ssm:GetParameter'], resources: [this.modelEndpoint.arn] },
        { sid: 'ReadModelApiKey', actions: ['secretsmanager:GetSecretValue'], resources: [this.modelApiKey.arn] },
      ],
    });

    this.eventSource = new LambdaEventSourceMapping(this, 'worker-events', {
      eventSourceArn: this.queue.queue.arn,
      functionName: this.worker.function.arn,
      batchSize: codegen.batchSize,
      functionResponseTypes: ['ReportBatchItemFailures'],
      // Concurrency is bounded here rather than with reserved concurrency: SQS then stops handing out messages
      // instead of Lambda throttling invocations and the messages bouncing back to the queue.
      scalingConfig: { maximumConcurrency: codegen.maxConcurrentGenerations },
    });

    const thresholds = this.alarmThresholds;
    this.watchTables({ tracking: this.trackingTable, idempotency: this.idempotencyTable }, CODEGEN_AREA);
    const watch = (m: Monitoring) => this.alarms.watch(m.resource, m.alarms);
    watch(
      queueMonitoring({
        name: 'codegen-requests',
        queueName: this.queue.queueName,
        area: CODEGEN_AREA,
        thresholds: thresholds.queue,
      }),
    );
    watch(
      deadLetterQueueMonitoring({
        name: 'codegen-requests-dlq',
        queueName: this.queue.deadLetterQueueName,
        area: CODEGEN_AREA,
        thresholds: thresholds.deadLetterQueue,
      }),
    );
    watch(
      functionMonitoring({
        name: 'codegen-worker',
        functionName: this.worker.functionName,
        timeoutSeconds: codegen.generationTimeoutSeconds,
        area: CODEGEN_AREA,
        thresholds: thresholds.function,
      }),
    );
    watch(
      generationMonitoring({
        name: 'codegen-generations',
        title: this.worker.functionName,
        namespace: this.metricNamespace,
        dimensions: { service: CODEGEN_CONTRACT.serviceName },
        metricNames: CODEGEN_CONTRACT.metrics,
        area: CODEGEN_AREA,
        thresholds: thresholds.generation,
      }),
    );
    if (this.cache) {
      watch(
        cacheMonitoring({
          name: 'codegen-cache',
          cacheName: this.cache.cacheName,
          maxDataStorageGb: this.cache.maxDataStorageGb,
          area: CODEGEN_AREA,
          thresholds: thresholds.cache,
        }),
      );
    }

    this.composeHealth();

    const output = (id: string, value: string, description: string) =>
      new TerraformOutput(this, id, { value, description });
    output('queue-url', this.queue.queue.url, 'URL of the code-generation request queue (aws sqs send-message)');
    output('queue-arn', this.queue.queue.arn, "ARN of the code-generation request queue, for producers' IAM policies");
    output('dead-letter-queue-url', this.queue.deadLetterQueue.url, 'Requests that failed every delivery');
    output(
      'tracking-table-name',
      this.trackingTable.tableName,
      'Tracking table: one item per requestId with its status',
    );
    output('templates-bucket', this.templatesBucket.bucket.bucket, 'Bucket of templates (templates/<name>.json)');
    output('output-bucket', this.outputBucket.bucket.bucket, 'Bucket of generated code (generated/<requestId>.json)');
    output('model-api-key-secret-arn', this.modelApiKey.arn, 'Secret to set the model API key in (out of band)');
    if (this.cache) {
      output('cache-endpoint', this.cache.endpointAddress, 'Endpoint (TLS, port 6379) of the template cache');
    }
  }

  /** Namespace of the worker's custom metrics: `<service>/<env>`, as the platform's other handlers publish. */
  get metricNamespace(): string {
    return `${this.config.service}/${this.environment!.name}`;
  }
}
