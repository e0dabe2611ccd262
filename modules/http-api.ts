/**
 * An API Gateway HTTP API in front of functions: CORS answered by API Gateway, one Lambda proxy integration
 * (payload 2.0) per function, routes from `METHOD /path` (optionally IAM-authorized), the `$default` stage with
 * auto-deploy, throttling and detailed metrics, JSON access logs to a log group with retention, and invoke
 * permissions scoped to this API. HTTP APIs have no X-Ray integration; the functions trace themselves.
 */
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
import {
  ApiCors,
  ApiRoute,
  ApiThrottling,
  checkRoutes,
  corsMethods,
  DEFAULT_CORS_HEADERS,
  grantApiInvoke,
  HTTP_ACCESS_LOG_FORMAT,
  routeId,
} from './api-routes';
import { Naming } from './naming';

/** HTTP APIs stop waiting for an integration after 30 s. */
export const HTTP_API_MAX_INTEGRATION_TIMEOUT_MS = 30000;

export interface HttpApiProps {
  readonly naming: Naming;
  /** Component of the API name: `<service>-<env>-<name>`. */
  readonly name: string;
  readonly routes: readonly ApiRoute[];
  readonly throttling: ApiThrottling;
  readonly logRetentionDays: number;
  /** @default no CORS: browsers on other origins cannot call the API */
  readonly cors?: ApiCors;
  readonly description?: string;
}

/** The stage every HTTP API serves, auto-deployed. */
export const HTTP_API_STAGE = '$default';

export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogs: CloudwatchLogGroup;
  readonly routes: Record<string, Apigatewayv2Route> = {};
  readonly permissions: readonly LambdaPermission[];
  readonly apiName: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    checkRoutes(props.routes, props.cors);
    this.apiName = props.naming.name(props.name, 'apiGateway');
    const cors = props.cors;
    this.api = new Apigatewayv2Api(this, 'api', {
      name: this.apiName,
      description: props.description,
      protocolType: 'HTTP',
      corsConfiguration: cors
        ? {
            allowOrigins: [...cors.allowOrigins],
            allowMethods: corsMethods(props.routes, cors),
            allowHeaders: [...(cors.allowHeaders ?? DEFAULT_CORS_HEADERS)],
            exposeHeaders: cors.exposeHeaders && cors.exposeHeaders.length > 0 ? [...cors.exposeHeaders] : undefined,
            maxAge: cors.maxAgeSeconds ?? 300,
            allowCredentials: cors.allowCredentials ?? false,
          }
        : undefined,
    });
    this.accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${this.apiName}/access`,
      retentionInDays: props.logRetentionDays,
    });
    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: HTTP_API_STAGE,
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: HTTP_ACCESS_LOG_FORMAT },
      defaultRouteSettings: {
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        detailedMetricsEnabled: true,
      },
    });

    const integrations = new Map<string, Apigatewayv2Integration>();
    for (const route of props.routes) {
      const fn = route.target;
      let integration = integrations.get(fn.functionName);
      if (!integration) {
        integration = new Apigatewayv2Integration(this, `integration-${fn.functionName}`, {
          apiId: this.api.id,
          integrationType: 'AWS_PROXY',
          integrationMethod: 'POST',
          integrationUri: fn.targetInvokeArn,
          payloadFormatVersion: '2.0',
          timeoutMilliseconds: HTTP_API_MAX_INTEGRATION_TIMEOUT_MS,
        });
        integrations.set(fn.functionName, integration);
      }
      const key = `${route.method} ${route.path}`;
      const id = `route-${routeId(route.method, route.path)}`;
      if (this.node.tryFindChild(id)) throw new Error(`route ${key} collides with another route's id ${id}`);
      this.routes[key] = new Apigatewayv2Route(this, id, {
        apiId: this.api.id,
        routeKey: key,
        target: `integrations/${integration.id}`,
        authorizationType: route.authorization === 'iam' ? 'AWS_IAM' : 'NONE',
      });
    }
    this.permissions = grantApiInvoke(this, props.routes, this.api.executionArn);
  }

  /** Base URL of the API (the `$default` stage has no path prefix). */
  get url(): string {
    return this.api.apiEndpoint;
  }

  get executionArn(): string {
    return this.api.executionArn;
  }
}
