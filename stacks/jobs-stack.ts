/**
 * jobs (per environment, optional): scheduled functions and the tables they own.
 *
 * Provisions: the tables of `jobs.tables` (for example user preferences and session state) with the platform table
 *   defaults; the functions of `jobs.functions`, each with its role, log group, tracing, alias `live`, a failure
 *   queue for asynchronous invocations, and an EventBridge rule whose target (the alias) has a retry policy and the
 *   failure queue as dead-letter queue, with an invoke permission scoped to that rule; alarms on each function
 *   (errors, throttles, duration against the timeout) and on each failure queue (any message: a run failed for
 *   good), and the `jobs-health` composite over the critical ones.
 * Consumes: the environment's jobs settings; the app layer's tables, parameters, secrets and shared layer; the
 *   network layer for VPC placement; the data and registry layers for code; the alerting layer's topics.
 * Exposes: the functions, schedules and tables; MonitoringHandles.
 */
import { Construct } from 'constructs';
import { nodeFunctionMonitoring } from '../modules/monitoring/node-function-monitoring';
import type { ScheduledFunctionConfig } from '../config/layers/jobs';
import type { Environment, PlatformConfig } from '../config/schema';
import { DynamoTable, GrantableTable, tableByName } from '../modules/dynamodb-table';
import { buildFunctions, buildTables, LIVE_ALIAS } from '../modules/function-factory';
import { NodeFunction } from '../modules/node-function';
import { ScheduledFunction } from '../modules/scheduled-function';
import { MonitoredStack } from './monitored-stack';
import type { AlertingHandles, AppHandles, DataHandles, NetworkHandles, RegistryHandles } from './layer-handles';

export interface JobsStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** The app layer's tables, parameters, secrets and shared layer. @default none: jobs use their own tables only */
  readonly app?: AppHandles;
  /** For functions with `vpc: true`. @default no VPC placement */
  readonly network?: NetworkHandles;
  /** Deployment bucket of artifact functions. @default the registry's artifacts bucket */
  readonly data?: DataHandles;
  /** Repositories of image functions. @default none */
  readonly registry?: RegistryHandles;
  /** Topics the alarms notify by severity. @default alarms without actions */
  readonly alerting?: AlertingHandles;
}

export class JobsStack extends MonitoredStack {
  readonly tables: Readonly<Record<string, DynamoTable>>;
  readonly functions: Readonly<Record<string, NodeFunction>>;
  readonly schedules: Readonly<Record<string, ScheduledFunction>>;

  constructor(scope: Construct, props: JobsStackProps) {
    super(scope, { ...props, layer: 'jobs', runbookSection: 'jobs-layer' });
    const env = props.environment;
    const jobs = env.jobs;
    this.tables = buildTables(this, this.naming, jobs.tables, env.protectStatefulResources);

    this.functions = buildFunctions<ScheduledFunctionConfig>(
      {
        scope: this,
        naming: this.naming,
        config: props.config,
        environment: env,
        layer: 'jobs',
        network: props.network,
        data: props.data,
        registry: props.registry,
        sharedLayer: props.app?.sharedLayer,
        tables: { ...appTablesByName(this, props.app), ...this.tables },
        parameters: props.app?.parameters,
      },
      jobs.functions,
      (_name, fn) => ({
        invocation: 'async',
        asyncRetryAttempts: fn.functionRetryAttempts,
        alias: { name: LIVE_ALIAS },
      }),
    );

    const schedules: Record<string, ScheduledFunction> = {};
    for (const [name, fn] of Object.entries(jobs.functions)) {
      schedules[name] = new ScheduledFunction(this, `schedule-${name}`, {
        naming: this.naming,
        name,
        function: this.functions[name],
        schedule: fn.schedule,
        enabled: fn.scheduleEnabled,
        input: fn.input,
        eventRetryAttempts: fn.eventRetryAttempts,
        maxEventAgeSeconds: fn.maxEventAgeSeconds,
        description: fn.description,
      });
    }
    this.schedules = schedules;

    this.watchTables(this.tables, 'jobs');
    const thresholds = this.alarmThresholds;
    for (const fn of Object.values(this.functions)) {
      this.alarms.watchAll(nodeFunctionMonitoring(fn, { area: 'jobs', thresholds, aliasName: LIVE_ALIAS }));
    }
    this.composeHealth();
  }
}

/**
 * The app layer's tables as the jobs may be granted them: by name, so that a job scanning an app table does not put
 * this stack behind the app stack (tableByName).
 */
function appTablesByName(stack: JobsStack, app?: AppHandles): Record<string, GrantableTable> {
  return Object.fromEntries(
    Object.entries(app?.tables ?? {}).map(([name, table]) => [
      name,
      tableByName(stack, `app-table-${name}`, table.tableName, stack.region),
    ]),
  );
}
