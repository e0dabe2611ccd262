/**
 * observability (per environment): tracing and logging over the functions of the environment's other stacks.
 *
 * Provisions: on every observed function's log group, the log metric filters for error lines, invocation duration
 *   (REPORT lines) and data-quality issues, each feeding a `<service>/<env>` metric with an alarm (alarm model,
 *   routed by severity); Logs Insights saved queries (error analysis, latency p50/p95/p99, cold starts, data
 *   quality, conversation statistics when a function logs them, and one per function family); the X-Ray sampling
 *   rule of the environment (everything outside production, a fixed rate plus a reservoir in production) and X-Ray
 *   groups with insights; the error processor (lambdas/error-processor) with its idempotency table, subscribed to
 *   every observed log group, forwarding error summaries to the warning topic; with `encryptLogs`, a KMS key for
 *   the layer's own log group.
 * Consumes: the alerting stack (topics and their key); the functions of the other stacks as `ObservedFunction`s
 *   (function and family), whose log groups those stacks create with retention.
 * Exposes: MonitoringHandles (its alarms and the watched log metrics and error processor), the error processor,
 *   the X-Ray groups.
 */
import { CloudwatchQueryDefinition } from '@cdktf/provider-aws/lib/cloudwatch-query-definition';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { observabilityDefaults } from '../config/layers/observability';
import type { Environment, PlatformConfig } from '../config/schema';
import { ErrorProcessor } from '../modules/error-processor';
import { policyDocument } from '../modules/iam-policy';
import { LogMetricFilters } from '../modules/log-metric-filters';
import { nodeFunctionMonitoring } from '../modules/monitoring/node-function-monitoring';
import { insightsQueries } from '../modules/monitoring/insights-queries';
import { logMetricsMonitoring } from '../modules/monitoring/log-metrics';
import { checkName, Naming } from '../modules/naming';
import type { NodeFunction } from '../modules/node-function';
import { XrayTracing } from '../modules/xray-tracing';
import { MonitoredStack } from './monitored-stack';
import type { AlertingStack } from './alerting-stack';

/** A function whose logs the layer reads, with its family (the layer it belongs to: app, jobs, alerting, cdn...). */
export interface ObservedFunction {
  readonly family: string;
  readonly fn: NodeFunction;
}

/** The functions of one layer as observed functions: `observedFunctions('codegen', codegen.functions)`. */
export function observedFunctions(
  family: string,
  functions: Readonly<Record<string, NodeFunction>> | readonly NodeFunction[],
): ObservedFunction[] {
  return Object.values(functions).map((fn) => ({ family, fn }));
}

/** Message the conversation-analytics handler logs once per run (lambdas/conversation-analytics). */
const CONVERSATION_HANDLER_VARIABLE = 'CONVERSATION_TABLE_NAME';

export interface ObservabilityStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** The environment's alerting stack: the alarms and the error summaries use its topics. */
  readonly alerting: AlertingStack;
  /** The functions whose log groups the layer filters, queries and subscribes; at least one. */
  readonly functions: readonly ObservedFunction[];
}

export class ObservabilityStack extends MonitoredStack {
  readonly errorProcessor?: ErrorProcessor;
  readonly tracing: XrayTracing;
  readonly queries: readonly CloudwatchQueryDefinition[];
  readonly logKey?: KmsKey;

  constructor(scope: Construct, props: ObservabilityStackProps) {
    super(scope, {
      config: props.config,
      environment: props.environment,
      layer: 'observability',
      runbookSection: 'alerting-and-on-call',
      alerting: props.alerting,
    });
    const { config, environment: env, alerting } = props;
    const settings = env.observability;
    const field = `environments.${env.name}.observability`;
    if (!settings.enabled) throw new Error(`ObservabilityStack: ${field}.enabled is false`);
    if (props.functions.length === 0) {
      throw new Error(`ObservabilityStack: ${env.name} has no functions to observe; disable ${field}`);
    }
    const defaults = observabilityDefaults(settings, env);
    const namespace = `${config.service}/${env.name}`;
    this.addDependency(alerting);
    // Ordering only: the log groups are referenced by object, which already orders their stacks first.
    for (const stack of new Set(props.functions.map((f) => TerraformStack.of(f.fn)))) {
      if (stack !== this) this.addDependency(stack);
    }

    if (settings.encryptLogs) this.logKey = this.logEncryptionKey();

    for (const { fn } of props.functions) {
      new LogMetricFilters(this, `log-metrics-${fn.functionName}`, { logGroup: fn.logGroup, namespace });
    }
    const logs = logMetricsMonitoring({
      namespace,
      scope: `the functions of ${this.naming.prefix}`,
      errors: settings.errorAlarm,
      latency: { ...settings.latencyAlarm, threshold: defaults.latencyThresholdMs },
      dataQuality: settings.dataQualityAlarm,
    });
    this.alarms.watch(logs.resource, logs.alarms);

    if (settings.errorProcessor.enabled) {
      const processor = new ErrorProcessor(this, 'error-processor', {
        naming: this.naming,
        service: config.service,
        environment: env.name,
        region: this.region,
        warningTopic: alerting.topics.warning,
        topicKey: alerting.key,
        logRetentionDays: env.logRetentionDays,
        dedupWindowSeconds: settings.errorProcessor.dedupWindowSeconds,
        protect: env.protectStatefulResources,
        logKmsKeyArn: this.logKey?.arn,
      });
      for (const { fn } of props.functions) processor.subscribe(fn.functionName, fn.logGroup);
      // The function, the queue its failed batches land in, and its deduplication table.
      this.alarms.watchAll(nodeFunctionMonitoring(processor.fn, { area: 'logs', thresholds: this.alarmThresholds }));
      this.watchTables({ 'error-processor-idempotency': processor.table }, 'logs');
      this.errorProcessor = processor;
      new TerraformOutput(this, 'error-processor-arn', {
        value: processor.fn.function.arn,
        description: 'ARN of the function that forwards logged errors to the warning topic',
      });
    }

    this.queries = this.savedQueries(props.functions);

    this.tracing = new XrayTracing(this, 'xray', {
      naming: this.naming,
      fixedRate: defaults.samplingFixedRate,
      reservoirSize: settings.tracing.reservoirSize,
      serviceNames: props.functions.map((f) => f.fn.functionName),
      slowThresholdSeconds: defaults.latencyThresholdMs / 1000,
    });
    this.composeHealth();
    new TerraformOutput(this, 'xray-group-name', {
      value: this.tracing.group.groupName,
      description: "X-Ray group of the environment's function traces (insights on)",
    });
  }

  private savedQueries(functions: readonly ObservedFunction[]): CloudwatchQueryDefinition[] {
    const groupOf = (f: ObservedFunction) => Naming.lambdaLogGroup(f.fn.functionName);
    const families: Record<string, string[]> = {};
    for (const f of functions) (families[f.family] ??= []).push(groupOf(f));
    const conversation = functions.filter((f) => {
      const variables = f.fn.function.environmentInput?.variables as Record<string, string> | undefined;
      return variables !== undefined && CONVERSATION_HANDLER_VARIABLE in variables;
    });
    return insightsQueries({
      allLogGroups: functions.map(groupOf),
      families,
      conversationLogGroups: conversation.map(groupOf),
    }).map(
      (q) =>
        new CloudwatchQueryDefinition(this, `query-${q.folder}-${q.id}`, {
          name: checkName(`${this.naming.prefix}/${q.folder}/${q.id}`, 'queryDefinition'),
          queryString: q.query,
          logGroupNames: [...q.logGroupNames],
        }),
    );
  }

  /** A key CloudWatch Logs may use for this account's log groups in the stack's region. */
  private logEncryptionKey(): KmsKey {
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    return new KmsKey(this, 'log-key', {
      description: `Encrypts the log groups of ${this.naming.prefix} observability`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        {
          sid: 'AccountAdministersKey',
          principals: [{ type: 'AWS', identifiers: [`arn:${partition.partition}:iam::${account.accountId}:root`] }],
          actions: ['kms:*'],
          resources: ['*'],
        },
        {
          sid: 'CloudWatchLogsOfThisAccount',
          principals: [{ type: 'Service', identifiers: [`logs.${this.region}.amazonaws.com`] }],
          actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          resources: ['*'],
          conditions: [
            {
              test: 'ArnLike',
              variable: 'kms:EncryptionContext:aws:logs:arn',
              values: [`arn:${partition.partition}:logs:${this.region}:${account.accountId}:log-group:*`],
            },
          ],
        },
      ]),
    });
  }
}
