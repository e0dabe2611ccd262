/**
 * app (per environment): the API of the environment and the functions behind it.
 *
 * Provisions: the `health` function (bundled from lambdas/health, serving GET /health on every API) and the
 *   functions of `app.functions` (bundled, S3 artifact or container image), each with its role, log group, tracing,
 *   a published version behind the alias `live`, error-rate and latency alarms routed by severity, and in
 *   environments with a canary or linear strategy a CodeDeploy deployment group that shifts `live` and rolls back on
 *   those alarms; the shared Lambda layer; the HTTP or REST API with its routes, stage, access logs and optional
 *   custom domain; the DynamoDB tables; SSM parameters and Secrets Manager secrets; and, with the data layer, the
 *   role SageMaker assumes on the model artifacts bucket.
 * Consumes: the environment's app settings; the network layer (private subnets and function security group) for
 *   VPC placement; the data layer's deployment and model artifacts buckets; the registry layer's repositories (and
 *   artifacts bucket without the data layer); the alerting layer's topics.
 * Exposes: AppHandles (tables, parameters, shared layer) for the jobs layer, the functions, the API, and `alarms`
 *   (every alarm with its severity) for the alerting layer's composite health alarm.
 */
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  appDefaults,
  AppDefaults,
  FunctionConfig,
  HEALTH_FUNCTION,
  HEALTH_ROUTE,
  parseRouteKey,
  tableActions,
  tableEnvironmentVariable,
} from '../config/layers/app';
import type { Environment, PlatformConfig } from '../config/schema';
import { ApiDomain } from '../modules/api-domain';
import type { ApiRoute } from '../modules/api-routes';
import { AppParameters } from '../modules/app-parameters';
import { CanaryDeployment } from '../modules/canary-deployment';
import { DynamoTable } from '../modules/dynamodb-table';
import { FunctionAlarms } from '../modules/function-alarms';
import { HttpApi } from '../modules/http-api';
import { LambdaAsset } from '../modules/lambda-asset';
import { LambdaLayer } from '../modules/lambda-layer';
import { Naming } from '../modules/naming';
import { FunctionCode, NodeFunction, NodeFunctionProps } from '../modules/node-function';
import { RestApi } from '../modules/rest-api';
import { SagemakerExecutionRole } from '../modules/sagemaker-execution-role';
import type { RegisteredAlarm } from '../modules/severity';
import { BaseStack } from './base-stack';
import type { AlertingHandles, AppHandles, DataHandles, NetworkHandles, RegistryHandles } from './layer-handles';

/** The alias every function is published behind; APIs and schedules invoke it. */
export const LIVE_ALIAS = 'live';

export interface AppStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** Private subnets and function security group, for functions with `vpc: true`. @default no VPC placement */
  readonly network?: NetworkHandles;
  /** Deployment bucket of artifact functions and the model artifacts bucket. @default the registry's bucket, no SageMaker role */
  readonly data?: DataHandles;
  /** Repositories of image functions (and the artifacts bucket without the data layer). @default none */
  readonly registry?: RegistryHandles;
  /** Topics the alarms notify by severity. @default alarms without actions */
  readonly alerting?: AlertingHandles;
}

export class AppStack extends BaseStack implements AppHandles {
  readonly health: NodeFunction;
  /** Every function of the stack, `health` included, by name. */
  readonly functions: Readonly<Record<string, NodeFunction>>;
  readonly tables: Readonly<Record<string, DynamoTable>>;
  readonly parameters: AppParameters;
  readonly sharedLayer?: LambdaLayer;
  readonly api?: HttpApi | RestApi;
  readonly domain?: ApiDomain;
  readonly deployment?: CanaryDeployment;
  readonly sagemakerRole?: SagemakerExecutionRole;
  /** Every alarm of the stack with its severity; the alerting layer composes the critical ones. */
  readonly alarms: readonly RegisteredAlarm[];
  readonly defaults: AppDefaults;

  constructor(scope: Construct, props: AppStackProps) {
    super(scope, { config: props.config, environment: props.environment, layer: 'app' });
    const env = props.environment;
    const app = env.app;
    const protect = env.protectStatefulResources;
    this.defaults = appDefaults(app, protect);

    this.parameters = new AppParameters(this, 'config', {
      naming: this.naming,
      parameters: app.parameters,
      secrets: app.secrets,
      secretRecoveryWindowDays: protect ? 30 : 7,
      protect,
    });
    this.tables = buildTables(this, this.naming, app.tables, protect);
    if (app.layer) {
      this.sharedLayer = new LambdaLayer(this, 'shared-layer', {
        naming: this.naming,
        name: 'shared',
        folder: app.layer.path,
        compatibleRuntimes: app.layer.compatibleRuntimes,
        description: `Shared code of ${props.config.service} ${env.name} functions, from ${app.layer.path}`,
      });
    }
    const strategy = this.defaults.deploymentStrategy;
    if (strategy !== 'all-at-once') {
      this.deployment = new CanaryDeployment(this, 'deployment', {
        naming: this.naming,
        strategy,
        percentage: app.deployment.percentage,
        intervalMinutes: app.deployment.intervalMinutes,
        region: this.region,
      });
    }
    const alias = { name: LIVE_ALIAS, externallyShifted: this.deployment !== undefined };

    const code = new LambdaAsset(this, 'health-code', { handler: 'health' });
    this.health = new NodeFunction(this, 'health', {
      naming: this.naming,
      name: HEALTH_FUNCTION,
      description: `Health check of ${props.config.service} ${env.name}`,
      code,
      memoryMb: app.memoryMb,
      timeoutSeconds: app.timeoutSeconds,
      logRetentionDays: env.logRetentionDays,
      environment: {
        SERVICE: props.config.service,
        ENVIRONMENT: env.name,
        VERSION: code.bundle.version,
      },
      alias,
    });

    const context: FunctionContext = {
      scope: this,
      naming: this.naming,
      config: props.config,
      environment: env,
      layer: 'app',
      network: props.network,
      data: props.data,
      registry: props.registry,
      sharedLayer: this.sharedLayer,
      tables: this.tables,
      parameters: this.parameters,
    };
    this.functions = {
      [HEALTH_FUNCTION]: this.health,
      ...buildFunctions(context, app.functions, () => ({ alias })),
    };

    const alarms: RegisteredAlarm[] = [];
    for (const [name, fn] of Object.entries(this.functions)) {
      const own = app.functions[name]?.alarms ?? {};
      const set = new FunctionAlarms(this, `${name}-alarms`, {
        naming: this.naming,
        name,
        functionName: fn.functionName,
        aliasName: LIVE_ALIAS,
        errorRatePercent: own.errorRatePercent ?? app.alarms.errorRatePercent,
        errorSeverity: this.defaults.errorSeverity,
        latencyThresholdMs: own.latencyThresholdMs ?? this.defaults.latencyThresholdMs,
        latencyStatistic: app.alarms.latencyStatistic,
        latencySeverity: app.alarms.latencySeverity,
        periodSeconds: app.alarms.periodSeconds,
        evaluationPeriods: app.alarms.evaluationPeriods,
        datapointsToAlarm: app.alarms.datapointsToAlarm,
        topics: props.alerting?.topics,
      });
      alarms.push(...set.registered);
      this.deployment?.addFunction(name, fn, set.all);
    }
    this.alarms = alarms;

    if (app.api) {
      const routes: ApiRoute[] = [
        { method: 'GET', path: parseRouteKey(HEALTH_ROUTE).path, target: this.health },
        ...Object.entries(app.api.routes).map(([key, route]) => ({
          ...parseRouteKey(key),
          target: this.functions[route.function],
          authorization: route.authorization,
        })),
      ];
      const common = {
        naming: this.naming,
        name: 'api',
        routes,
        throttling: app.api.throttling,
        logRetentionDays: env.logRetentionDays,
        cors: app.api.cors,
        description: `${props.config.service} ${env.name} API`,
      };
      const stageName = app.api.stageName ?? env.name;
      this.api =
        app.api.type === 'http' ? new HttpApi(this, 'api', common) : new RestApi(this, 'api', { ...common, stageName });
      if (app.domain) {
        this.domain = new ApiDomain(this, 'api-domain', {
          domainName: app.domain.name,
          apiKind: app.api.type,
          apiId: this.api.api.id,
          stageName: this.api instanceof RestApi ? this.api.stage.stageName : this.api.stage.name,
          region: this.region,
          certificateArn: app.domain.certificateArn,
          hostedZoneId: app.domain.hostedZoneId,
        });
      }
      new TerraformOutput(this, 'api-url', { value: this.api.url, description: 'Base URL of the API' });
    }

    if (props.data) {
      this.sagemakerRole = new SagemakerExecutionRole(this, 'sagemaker', {
        naming: this.naming,
        modelArtifactsBucket: props.data.modelArtifactsBucket,
        region: this.region,
      });
      new TerraformOutput(this, 'sagemaker-role-arn', { value: this.sagemakerRole.arn });
    }
  }
}

/** What a layer's functions are built from: the environment and the resources they may be granted. */
export interface FunctionContext {
  readonly scope: Construct;
  readonly naming: Naming;
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** The layer whose configuration the functions come from, for messages. */
  readonly layer: 'app' | 'jobs';
  readonly network?: NetworkHandles;
  readonly data?: DataHandles;
  readonly registry?: RegistryHandles;
  readonly sharedLayer?: LambdaLayer;
  /** Tables the functions may be granted, by configured name. */
  readonly tables: Readonly<Record<string, DynamoTable>>;
  /** The environment's parameters and secrets. @default none: functions may not name any */
  readonly parameters?: AppParameters;
}

/** The layer's tables, named `<service>-<env>-<name>`, with the platform defaults. */
export function buildTables(
  scope: Construct,
  naming: Naming,
  tables: Environment['app']['tables'],
  protect: boolean,
): Record<string, DynamoTable> {
  return Object.fromEntries(
    Object.entries(tables).map(([name, table]) => [
      name,
      new DynamoTable(scope, `table-${name}`, {
        tableName: naming.name(name, 'dynamodbTable'),
        partitionKey: table.partitionKey,
        sortKey: table.sortKey,
        ttlAttribute: table.ttlAttribute,
        billing:
          table.billingMode === 'provisioned'
            ? { mode: 'provisioned', read: table.readCapacity ?? 1, write: table.writeCapacity ?? 1 }
            : { mode: 'on-demand' },
        protect,
      }),
    ]),
  );
}

/**
 * Builds configured functions with their code, sizing, placement, variables and grants, then lets each invoke the
 * functions it names (granted on their alias, passed as `<NAME>_FUNCTION_NAME`).
 */
export function buildFunctions<T extends FunctionConfig>(
  context: FunctionContext,
  configs: Readonly<Record<string, T>>,
  extra: (name: string, fn: T) => Partial<NodeFunctionProps>,
): Record<string, NodeFunction> {
  const functions: Record<string, NodeFunction> = {};
  for (const [name, fn] of Object.entries(configs)) {
    functions[name] = buildFunction(context, name, fn, extra(name, fn));
  }
  for (const [name, fn] of Object.entries(configs)) {
    for (const target of fn.invokes) {
      const callee = functions[target];
      if (!callee) throw new Error(`${context.layer}.functions.${name}.invokes names unknown function ${target}`);
      functions[name].addToRolePolicy({
        sid: `Invoke${pascal(target)}`,
        actions: ['lambda:InvokeFunction'],
        resources: [callee.targetArn],
      });
    }
  }
  return functions;
}

function buildFunction(
  context: FunctionContext,
  name: string,
  fn: FunctionConfig,
  extra: Partial<NodeFunctionProps>,
): NodeFunction {
  const { scope, naming, environment: env } = context;
  const field = `environments.${env.name}.${context.layer}.functions.${name}`;
  const variables: Record<string, string> = {
    ...fn.environment,
    SERVICE: context.config.service,
    ENVIRONMENT: env.name,
  };
  const statements = [];
  for (const [table, access] of Object.entries(fn.tables)) {
    const resource = context.tables[table];
    if (!resource) throw new Error(`${field}.tables names unknown table ${table}`);
    variables[tableEnvironmentVariable(table, access)] = resource.tableName;
    statements.push(resource.grant(tableActions(access), `Table${pascal(table)}`));
  }
  if (fn.parameters.length > 0 || fn.secrets.length > 0) {
    if (!context.parameters) throw new Error(`${field}: reads parameters or secrets, but the app layer is not given`);
    if (fn.parameters.length > 0) variables.PARAMETER_PATH = context.parameters.parameterPath;
    if (fn.secrets.length > 0) variables.SECRET_PREFIX = context.parameters.secretPrefix;
    statements.push(...context.parameters.readStatements(fn.parameters, fn.secrets));
  }
  for (const target of fn.invokes) {
    variables[`${target.replace(/-/g, '_').toUpperCase()}_FUNCTION_NAME`] =
      `${naming.name(target, 'lambdaFunction')}:${LIVE_ALIAS}`;
  }

  let vpc: NodeFunctionProps['vpc'];
  if (fn.vpc) {
    if (!context.network) {
      throw new Error(`${field}.vpc: the function is placed in the VPC, but no network layer was given`);
    }
    vpc = {
      subnetIds: context.network.privateSubnets.map((s) => s.id),
      securityGroupIds: [context.network.functionSecurityGroup.id],
    };
  }
  let layers: string[] | undefined;
  if (fn.sharedLayer) {
    if (!context.sharedLayer) throw new Error(`${field}.sharedLayer: the app layer has no shared layer`);
    layers = [context.sharedLayer.arn];
  }

  const code = functionCode(context, name, fn, field);
  return new NodeFunction(scope, `function-${name}`, {
    naming,
    name,
    description: fn.description,
    code,
    ...(fn.code.type === 'artifact' ? { runtime: fn.code.runtime, handler: fn.code.handler } : {}),
    memoryMb: fn.memoryMb ?? env.app.memoryMb,
    timeoutSeconds: fn.timeoutSeconds ?? env.app.timeoutSeconds,
    logRetentionDays: env.logRetentionDays,
    reservedConcurrency: fn.reservedConcurrency,
    environment: variables,
    policyStatements: statements,
    vpc,
    layers,
    ...extra,
    alias: extra.alias ? { ...extra.alias, provisionedConcurrency: fn.provisionedConcurrency } : undefined,
  });
}

function functionCode(context: FunctionContext, name: string, fn: FunctionConfig, field: string): FunctionCode {
  const code = fn.code;
  switch (code.type) {
    case 'bundled':
      return new LambdaAsset(context.scope, `function-${name}-code`, { handler: code.handler });
    case 'artifact': {
      const bucket = context.data?.deploymentBucket ?? context.registry?.artifactsBucket;
      if (!bucket) throw new Error(`${field}.code: no deployment bucket (data layer) or artifacts bucket (registry)`);
      if (code.key === undefined) throw new Error(`${field}.code.key is required`);
      return { kind: 's3', bucket: bucket.bucket.bucket, key: code.key, objectVersion: code.objectVersion };
    }
    case 'image': {
      const repository = context.registry?.repositories[name];
      if (!repository) throw new Error(`${field}.code: the registry has no repository for ${name}`);
      if (code.tag === undefined) throw new Error(`${field}.code.tag is required`);
      return {
        kind: 'image',
        imageUri: repository.imageUri(code.tag),
        command: code.command,
        entryPoint: code.entryPoint,
        workingDirectory: code.workingDirectory,
      };
    }
  }
}

function pascal(name: string): string {
  return name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
