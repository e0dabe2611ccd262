/**
 * An API Gateway REST API (regional) in front of functions: resources and methods from `METHOD /path` routes
 * authorized by IAM, a Lambda authorizer or a usage plan's API key (public only with a written reason, which becomes
 * the policy suppression), usage plans each with an AWS-generated API key, Lambda proxy integrations, CORS preflight answered by mock OPTIONS methods (and CORS
 * headers on API Gateway's own 4xx/5xx answers), a deployment that is replaced whenever the routes change, a stage
 * with X-Ray tracing, JSON access logs to a log group with retention, throttling and metrics on every method, and
 * invoke permissions scoped to this API.
 *
 * REST APIs write access logs through the account's API Gateway CloudWatch role, a per-region account setting. The
 * construct manages it unless told otherwise; environments sharing an account all set an equivalent role.
 */
import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key';
import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { createHash } from 'crypto';
import {
  ApiAuthorizer,
  ApiCors,
  ApiRoute,
  ApiThrottling,
  checkRoutes,
  corsMethods,
  DEFAULT_CORS_HEADERS,
  grantApiInvoke,
  grantAuthorizerInvoke,
  isPublicRoute,
  LambdaAuthorizer,
  REST_ACCESS_LOG_FORMAT,
  routeId,
} from './api-routes';
import { ApiGatewayCloudwatchLogging } from './api-gateway-account';
import { Naming } from './naming';
import { suppressPolicy } from './policy/engine';
import { ApigatewayRouteAuthorization } from './policy/rules/apigateway/ApigatewayRouteAuthorization';

/** A usage plan and its API key, for routes with `apiKeyRequired`. */
export interface ApiUsagePlan {
  /** Component of the plan and key names: `<service>-<env>-<api>-<name>`. */
  readonly name: string;
  /** Per-key steady requests per second and burst. */
  readonly throttling: ApiThrottling;
  /** Requests per key per period. @default no quota */
  readonly quota?: { readonly limit: number; readonly period: 'DAY' | 'WEEK' | 'MONTH' };
}

export interface RestApiProps {
  readonly naming: Naming;
  /** Component of the API name: `<service>-<env>-<name>`. */
  readonly name: string;
  readonly routes: readonly ApiRoute[];
  /** The stage, first path segment of the URL. */
  readonly stageName: string;
  readonly throttling: ApiThrottling;
  readonly logRetentionDays: number;
  /** @default no CORS */
  readonly cors?: ApiCors;
  /** Lambda authorizers the routes name (REST APIs have no JWT authorizer). @default none */
  readonly authorizers?: readonly ApiAuthorizer[];
  /** Usage plans, each with one API key. @default none; routes with apiKeyRequired need one */
  readonly usagePlans?: readonly ApiUsagePlan[];
  readonly description?: string;
  /**
   * Manage the region's API Gateway CloudWatch role (account setting) that logging needs. Exactly one stack per
   * account and region may (see ApiGatewayCloudwatchLogging); the others rely on it. @default true
   */
  readonly manageAccountLogging?: boolean;
  /** Execution logging of every method: errors only, or every request's summary (no request bodies). @default 'ERROR' */
  readonly executionLogLevel?: 'ERROR' | 'INFO';
}

const header = (name: string) => `method.response.header.${name}`;

export class RestApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly deployment: ApiGatewayDeployment;
  readonly stage: ApiGatewayStage;
  readonly accessLogs: CloudwatchLogGroup;
  /** `API-Gateway-Execution-Logs_<api id>/<stage>`, where the stage's execution logs (errors) go. */
  readonly executionLogs: CloudwatchLogGroup;
  readonly methods: Record<string, ApiGatewayMethod> = {};
  /** By authorizer name. */
  readonly authorizers: Record<string, ApiGatewayAuthorizer> = {};
  /** By usage plan name: the plan and its key. */
  readonly usagePlans: Record<string, { readonly plan: ApiGatewayUsagePlan; readonly key: ApiGatewayApiKey }> = {};
  readonly permissions: readonly LambdaPermission[];
  readonly apiName: string;
  /** Changes whenever the routes, their targets or CORS change; it names the deployment. */
  readonly routesHash: string;
  private readonly resources = new Map<string, string>();

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    const authorizers = props.authorizers ?? [];
    const usagePlans = props.usagePlans ?? [];
    checkRoutes(props.routes, props.cors, authorizers);
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(props.stageName)) {
      throw new Error(`stageName must be 1 to 128 letters, digits, _ and -, got ${JSON.stringify(props.stageName)}`);
    }
    const jwt = authorizers.find((a) => a.type === 'jwt');
    if (jwt) throw new Error(`RestApi: authorizer ${jwt.name} is a JWT authorizer, which only HTTP APIs have`);
    if (props.routes.some((r) => r.apiKeyRequired) && usagePlans.length === 0) {
      throw new Error('RestApi: routes with apiKeyRequired need a usage plan (usagePlans), whose API key callers send');
    }
    this.apiName = props.naming.name(props.name, 'apiGateway');
    this.api = new ApiGatewayRestApi(this, 'api', {
      name: this.apiName,
      description: props.description,
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    this.resources.set('/', this.api.rootResourceId);

    const authorizerPermissions: LambdaPermission[] = [];
    for (const authorizer of authorizers as readonly LambdaAuthorizer[]) {
      const resource = new ApiGatewayAuthorizer(this, `authorizer-${authorizer.name}`, {
        restApiId: this.api.id,
        name: authorizer.name,
        // REQUEST, not TOKEN: the function sees the method, path and headers, as HTTP API authorizers do.
        type: 'REQUEST',
        authorizerUri: authorizer.function.targetInvokeArn,
        identitySource: `method.request.header.${authorizer.header ?? 'Authorization'}`,
        authorizerResultTtlInSeconds: authorizer.resultTtlSeconds ?? 300,
      });
      this.authorizers[authorizer.name] = resource;
      authorizerPermissions.push(grantAuthorizerInvoke(this, authorizer, this.api.executionArn, resource.id));
    }

    // Everything the deployment snapshots must exist before it.
    const parts: ITerraformDependable[] = [...Object.values(this.authorizers)];
    for (const route of props.routes) {
      const key = `${route.method} ${route.path}`;
      const id = routeId(route.method, route.path);
      if (this.node.tryFindChild(`method-${id}`))
        throw new Error(`route ${key} collides with another route's id ${id}`);
      const resourceId = this.resourceFor(route.path);
      const method = new ApiGatewayMethod(this, `method-${id}`, {
        restApiId: this.api.id,
        resourceId,
        httpMethod: route.method,
        authorization: route.authorizer ? 'CUSTOM' : route.authorization === 'iam' ? 'AWS_IAM' : 'NONE',
        authorizerId: route.authorizer ? this.authorizers[route.authorizer.name].id : undefined,
        apiKeyRequired: route.apiKeyRequired ? true : undefined,
      });
      if (isPublicRoute(route)) suppressPolicy(method, ApigatewayRouteAuthorization.id, route.publicReason!);
      const integration = new ApiGatewayIntegration(this, `integration-${id}`, {
        restApiId: this.api.id,
        resourceId,
        httpMethod: method.httpMethod,
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: route.target.targetInvokeArn,
      });
      this.methods[key] = method;
      parts.push(method, integration);
    }
    if (props.cors) {
      const paths = [...new Set(props.routes.map((r) => r.path))];
      for (const path of paths) parts.push(...this.preflight(path, props.routes, props.cors));
      parts.push(...this.corsOnGatewayErrors(props.cors));
    }

    this.routesHash = createHash('sha256')
      .update(
        JSON.stringify({
          routes: props.routes
            .map((r) => [
              r.method,
              r.path,
              r.authorization ?? 'none',
              r.authorizer?.name ?? '',
              r.apiKeyRequired ? 'api-key' : '',
              r.target.functionName,
            ])
            .sort((a, b) => a.join(' ').localeCompare(b.join(' '))),
          cors: props.cors ?? null,
          authorizers: authorizers.map((a) => [a.name, a.header ?? 'Authorization']),
        }),
      )
      .digest('hex');
    this.deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: this.api.id,
      description: `routes ${this.routesHash.slice(0, 12)}`,
      triggers: { routes: this.routesHash },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: parts,
    });

    this.accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${this.apiName}/access`,
      retentionInDays: props.logRetentionDays,
    });
    // API Gateway writes execution logs to this group; created here first, so it never creates one without retention.
    this.executionLogs = new CloudwatchLogGroup(this, 'execution-logs', {
      name: `API-Gateway-Execution-Logs_${this.api.id}/${props.stageName}`,
      retentionInDays: props.logRetentionDays,
    });
    const account =
      props.manageAccountLogging === false
        ? undefined
        : new ApiGatewayCloudwatchLogging(this, 'account-logging', { naming: props.naming }).accounts[0];
    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId: this.api.id,
      deploymentId: this.deployment.id,
      stageName: props.stageName,
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: REST_ACCESS_LOG_FORMAT },
      dependsOn: account ? [account, this.executionLogs] : [this.executionLogs],
    });
    new ApiGatewayMethodSettings(this, 'method-settings', {
      restApiId: this.api.id,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        metricsEnabled: true,
        loggingLevel: props.executionLogLevel ?? 'ERROR',
        // Full request and response bodies would put payloads (tokens, personal data) in the logs.
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
      },
    });
    for (const usagePlan of usagePlans) {
      const name = props.naming.name(`${props.name}-${usagePlan.name}`, 'apiGateway');
      const plan = new ApiGatewayUsagePlan(this, `usage-plan-${usagePlan.name}`, {
        name,
        description: `Usage plan ${usagePlan.name} of ${this.apiName}`,
        apiStages: [{ apiId: this.api.id, stage: this.stage.stageName }],
        throttleSettings: { rateLimit: usagePlan.throttling.rateLimit, burstLimit: usagePlan.throttling.burstLimit },
        quotaSettings: usagePlan.quota ? { limit: usagePlan.quota.limit, period: usagePlan.quota.period } : undefined,
      });
      // No value given: AWS generates the key, so no secret is in configuration or code (it is in state, sensitive).
      const key = new ApiGatewayApiKey(this, `api-key-${usagePlan.name}`, {
        name,
        description: `API key of usage plan ${usagePlan.name} of ${this.apiName}`,
        enabled: true,
      });
      new ApiGatewayUsagePlanKey(this, `usage-plan-key-${usagePlan.name}`, {
        usagePlanId: plan.id,
        keyId: key.id,
        keyType: 'API_KEY',
      });
      this.usagePlans[usagePlan.name] = { plan, key };
    }
    this.permissions = [...grantApiInvoke(this, props.routes, this.api.executionArn), ...authorizerPermissions];
  }

  /** The stage's base URL, `https://<id>.execute-api.<region>.amazonaws.com/<stage>`. */
  get url(): string {
    return this.stage.invokeUrl;
  }

  get executionArn(): string {
    return this.api.executionArn;
  }

  /** The resource of a path, creating it and its parents on first use. */
  private resourceFor(path: string): string {
    const existing = this.resources.get(path);
    if (existing !== undefined) return existing;
    const cut = path.lastIndexOf('/');
    const parentPath = cut === 0 ? '/' : path.slice(0, cut);
    const parentId = this.resourceFor(parentPath);
    const resource = new ApiGatewayResource(this, `resource-${routeId('path', path)}`, {
      restApiId: this.api.id,
      parentId,
      pathPart: path.slice(cut + 1),
    });
    this.resources.set(path, resource.id);
    return resource.id;
  }

  /** A mock OPTIONS method answering the CORS preflight of one path. */
  private preflight(path: string, routes: readonly ApiRoute[], cors: ApiCors): ITerraformDependable[] {
    const id = routeId('OPTIONS', path);
    const resourceId = this.resourceFor(path);
    const method = new ApiGatewayMethod(this, `method-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: 'OPTIONS',
      authorization: 'NONE',
    });
    const integration = new ApiGatewayIntegration(this, `integration-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: method.httpMethod,
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    });
    const headers = corsHeaders(
      routes.filter((r) => r.path === path),
      cors,
    );
    const response = new ApiGatewayMethodResponse(this, `method-response-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: method.httpMethod,
      statusCode: '200',
      responseParameters: Object.fromEntries(Object.keys(headers.static).map((h) => [header(h), true])),
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(this, `integration-response-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: method.httpMethod,
      statusCode: response.statusCode,
      responseParameters: Object.fromEntries(Object.entries(headers.static).map(([h, v]) => [header(h), `'${v}'`])),
      responseTemplates: headers.template ? { 'application/json': headers.template } : undefined,
      dependsOn: [integration],
    });
    return [method, integration, response, integrationResponse];
  }

  /**
   * API Gateway's own error answers (throttling, missing route, IAM denial) carry no CORS headers, so a browser
   * shows a CORS error instead of the status. With one allowed origin they get it; several origins cannot be
   * answered statically and are left alone rather than echoing any origin.
   */
  private corsOnGatewayErrors(cors: ApiCors): ITerraformDependable[] {
    if (cors.allowOrigins.length !== 1) return [];
    return ['DEFAULT_4XX', 'DEFAULT_5XX'].map(
      (type) =>
        new ApiGatewayGatewayResponse(this, `gateway-response-${type.toLowerCase().replace('_', '-')}`, {
          restApiId: this.api.id,
          responseType: type,
          responseParameters: {
            'gatewayresponse.header.Access-Control-Allow-Origin': `'${cors.allowOrigins[0]}'`,
            ...(cors.allowCredentials ? { 'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'" } : {}),
          },
        }),
    );
  }
}

interface CorsHeaders {
  /** Header name → fixed value. */
  readonly static: Record<string, string>;
  /** Mapping template that sets Access-Control-Allow-Origin to the request's origin when it is allowed. */
  readonly template?: string;
}

/** The preflight answer of one path: fixed headers, and the origin echoed only when it is allowed. */
export function corsHeaders(routes: readonly ApiRoute[], cors: ApiCors): CorsHeaders {
  const fixed: Record<string, string> = {
    'Access-Control-Allow-Methods': corsMethods(routes, cors).join(','),
    'Access-Control-Allow-Headers': (cors.allowHeaders ?? DEFAULT_CORS_HEADERS).join(','),
    'Access-Control-Max-Age': String(cors.maxAgeSeconds ?? 300),
  };
  if (cors.allowCredentials) fixed['Access-Control-Allow-Credentials'] = 'true';
  if (cors.exposeHeaders && cors.exposeHeaders.length > 0) {
    fixed['Access-Control-Expose-Headers'] = cors.exposeHeaders.join(',');
  }
  if (cors.allowOrigins.length === 1) {
    return { static: { ...fixed, 'Access-Control-Allow-Origin': cors.allowOrigins[0] } };
  }
  const allowed = cors.allowOrigins.map((o) => `$origin == "${o}"`).join(' || ');
  const template = [
    '#set($origin = $input.params().header.get("Origin"))',
    '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
    `#if(${allowed})`,
    '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
    '#set($context.responseOverride.header.Vary = "Origin")',
    '#end',
  ].join('\n');
  return { static: fixed, template };
}
