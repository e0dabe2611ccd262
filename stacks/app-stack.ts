/**
 * app (per environment): the API of the environment and the functions behind it.
 *
 * Provisions: the `health` function (bundled from lambdas/health, serving GET /health on every API) and the
 *   functions of `app.functions` (bundled, S3 artifact or container image), each with its role, log group, tracing,
 *   a published version behind the alias `live`, error-rate, throttle, duration and latency alarms, and in
 *   environments with a canary or linear strategy a CodeDeploy deployment group that shifts `live` and rolls back on
 *   those alarms; the shared Lambda layer; the HTTP or REST API with its routes, stage, access logs and optional
 *   custom domain; the DynamoDB tables; SSM parameters and Secrets Manager secrets; and, with the data layer, the
 *   role SageMaker assumes on the model artifacts bucket.
 * Consumes: the environment's app settings; the network layer (private subnets and function security group) for
 *   VPC placement; the data layer's deployment and model artifacts buckets; the registry layer's repositories (and
 *   artifacts bucket without the data layer); the alerting layer's topics.
 * Exposes: AppHandles (tables, parameters, shared layer) for the jobs layer, the functions, the API, and
 *   MonitoringHandles (its alarms, watched resources and the `app-health` composite over its critical alarms).
 */
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  appDefaults,
  AppDefaults,
  HEALTH_ROUTE,
  HEALTH_ROUTE_PUBLIC_REASON,
  parseRouteKey,
} from '../config/layers/app';
import { HEALTH_FUNCTION } from '../config/layers/functions';
import type { Environment, PlatformConfig } from '../config/schema';
import { isProduction } from '../core/environment';
import { ApiDomain } from '../modules/api-domain';
import { nodeFunctionMonitoring } from '../modules/monitoring/node-function-monitoring';
import type { ApiAuthorizer, ApiRoute } from '../modules/api-routes';
import { AppParameters } from '../modules/app-parameters';
import { CanaryDeployment } from '../modules/canary-deployment';
import type { DynamoTable } from '../modules/dynamodb-table';
import { HTTP_API_STAGE, HttpApi } from '../modules/http-api';
import { apiMonitoring } from '../modules/monitoring/api-monitoring';
import { LambdaAsset } from '../modules/lambda-asset';
import { LambdaLayer } from '../modules/lambda-layer';
import { NodeFunction } from '../modules/node-function';
import { buildFunctions, buildTables, FunctionContext, LIVE_ALIAS } from '../modules/function-factory';
import { RestApi } from '../modules/rest-api';
import { SagemakerExecutionRole } from '../modules/sagemaker-execution-role';
import { MonitoredStack } from './monitored-stack';
import type { AlertingHandles, AppHandles, DataHandles, NetworkHandles, RegistryHandles } from './layer-handles';

export { LIVE_ALIAS };

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
  /**
   * Whether this stack's REST API manages the region's API Gateway CloudWatch account setting: only when no other
   * stack (the bootstrap stack, another environment's app stack) does. @default false
   */
  readonly ownsApiGatewayAccount?: boolean;
}

export class AppStack extends MonitoredStack implements AppHandles {
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
  readonly defaults: AppDefaults;

  constructor(scope: Construct, props: AppStackProps) {
    super(scope, { ...props, layer: 'app', runbookSection: 'app-layer' });
    const env = props.environment;
    const app = env.app;
    const protect = env.protectStatefulResources;
    this.defaults = appDefaults(app, isProduction(env));

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

    const thresholds = this.alarmThresholds;
    this.watchTables(this.tables, 'app');
    for (const [name, fn] of Object.entries(this.functions)) {
      const own = app.functions[name]?.alarms ?? {};
      const errorRatePercent = own.errorRatePercent ?? app.alarms.errorRatePercent;
      const alarms = this.alarms.watchAll(
        nodeFunctionMonitoring(fn, {
          area: 'app',
          thresholds,
          functionThresholds: errorRatePercent === undefined ? {} : { errorRatePercent },
          aliasName: LIVE_ALIAS,
          errorSeverity: this.defaults.errorSeverity,
          latency: {
            thresholdMs: own.latencyThresholdMs ?? this.defaults.latencyThresholdMs,
            statistic: app.alarms.latencyStatistic,
            severity: app.alarms.latencySeverity,
          },
          periodSeconds: app.alarms.periodSeconds,
          evaluationPeriods: app.alarms.evaluationPeriods,
          datapointsToAlarm: app.alarms.datapointsToAlarm,
        }),
      );
      // CodeDeploy judges a new version by its error rate and latency.
      const judges = [`${name}-errors`, `${name}-latency`];
      this.deployment?.addFunction(
        name,
        fn,
        alarms.filter((a) => judges.includes(a.definition.id)).map((a) => a.resource),
      );
    }

    if (app.api) {
      const authorizers = Object.fromEntries(
        Object.entries(app.api.authorizers).map(([name, a]): [string, ApiAuthorizer] => [
          name,
          a.type === 'jwt'
            ? { type: 'jwt', name, issuer: a.issuer, audience: a.audience, header: a.header }
            : {
                type: 'lambda',
                name,
                function: this.functions[a.function],
                header: a.header,
                resultTtlSeconds: a.resultTtlSeconds,
              },
        ]),
      );
      const routes: ApiRoute[] = [
        {
          method: 'GET',
          path: parseRouteKey(HEALTH_ROUTE).path,
          target: this.health,
          publicReason: HEALTH_ROUTE_PUBLIC_REASON,
        },
        ...Object.entries(app.api.routes).map(([key, route]) => ({
          ...parseRouteKey(key),
          target: this.functions[route.function],
          authorization: route.authorization,
          authorizer: route.authorizer === undefined ? undefined : authorizers[route.authorizer],
          scopes: route.scopes,
          apiKeyRequired: route.apiKeyRequired,
          publicReason: route.public?.reason,
        })),
      ];
      const common = {
        naming: this.naming,
        name: 'api',
        routes,
        authorizers: Object.values(authorizers),
        throttling: app.api.throttling,
        logRetentionDays: env.logRetentionDays,
        cors: app.api.cors,
        description: `${props.config.service} ${env.name} API`,
      };
      const stageName = app.api.stageName ?? env.name;
      this.api =
        app.api.type === 'http'
          ? new HttpApi(this, 'api', common)
          : new RestApi(this, 'api', {
              ...common,
              stageName,
              manageAccountLogging: props.ownsApiGatewayAccount ?? false,
              usagePlans: Object.entries(app.api.usagePlans).map(([name, plan]) => ({ name, ...plan })),
            });
      this.alarms.watchAll([
        apiMonitoring({
          // Functions share the alarm namespace, and one is often called api.
          name: 'api-gateway',
          ...(this.api instanceof RestApi
            ? { kind: 'rest', apiIdOrName: this.api.apiName, stageName }
            : { kind: 'http', apiIdOrName: this.api.api.id, stageName: HTTP_API_STAGE }),
          title: this.api.apiName,
          area: 'app',
          thresholds: thresholds.api,
        }),
      ]);
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
      if (this.api instanceof RestApi) {
        for (const [name, { key }] of Object.entries(this.api.usagePlans)) {
          new TerraformOutput(this, `api-key-id-${name}`, {
            value: key.id,
            description: `ID of the API key of usage plan ${name}; its value: aws apigateway get-api-key --api-key <id> --include-value`,
          });
        }
      }
    }

    if (props.data) {
      this.sagemakerRole = new SagemakerExecutionRole(this, 'sagemaker', {
        naming: this.naming,
        modelArtifactsBucket: props.data.modelArtifactsBucket,
        region: this.region,
      });
      new TerraformOutput(this, 'sagemaker-role-arn', {
        value: this.sagemakerRole.arn,
        description: 'Role SageMaker assumes to read the model artifacts bucket',
      });
    }

    this.composeHealth();
  }
}
