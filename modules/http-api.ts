/**
 * An API Gateway HTTP API in front of functions: CORS answered by API Gateway, one Lambda proxy integration
 * (payload 2.0) per function, routes from `METHOD /path` authorized by IAM, a JWT or a Lambda authorizer (public
 * only with a written reason, which becomes the policy suppression), the `$default` stage with auto-deploy,
 * throttling and detailed metrics, JSON access logs to a log group with retention, and invoke permissions scoped to
 * this API. HTTP APIs have no X-Ray integration; the functions trace themselves.
 */
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
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
  HTTP_ACCESS_LOG_FORMAT,
  isPublicRoute,
  routeId,
} from './api-routes';
import { Naming } from './naming';
import { suppressPolicy } from './policy/engine';
import { ApigatewayRouteAuthorization } from './policy/rules/apigateway/ApigatewayRouteAuthorization';

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
  /** JWT and Lambda authorizers the routes name. @default none */
  readonly authorizers?: readonly ApiAuthorizer[];
  readonly description?: string;
}

/** The stage every HTTP API serves, auto-deployed. */
export const HTTP_API_STAGE = '$default';

export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogs: CloudwatchLogGroup;
  readonly routes: Record<string, Apigatewayv2Route> = {};
  /** By authorizer name. */
  readonly authorizers: Record<string, Apigatewayv2Authorizer> = {};
  readonly permissions: readonly LambdaPermission[];
  readonly apiName: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const authorizers = props.authorizers ?? [];
    checkRoutes(props.routes, props.cors, authorizers);
    if (props.routes.some((r) => r.apiKeyRequired)) {
      throw new Error('HttpApi: apiKeyRequired applies to REST APIs only (HTTP APIs have no API keys)');
    }
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

    const authorizerPermissions: LambdaPermission[] = [];
    for (const authorizer of authorizers) {
      const header = authorizer.header ?? 'Authorization';
      const resource = new Apigatewayv2Authorizer(this, `authorizer-${authorizer.name}`, {
        apiId: this.api.id,
        name: authorizer.name,
        identitySources: [`$request.header.${header}`],
        ...(authorizer.type === 'jwt'
          ? {
              authorizerType: 'JWT',
              jwtConfiguration: { issuer: authorizer.issuer, audience: [...authorizer.audience] },
            }
          : {
              authorizerType: 'REQUEST',
              authorizerUri: authorizer.function.targetInvokeArn,
              authorizerPayloadFormatVersion: '2.0',
              // The function answers {isAuthorized, context}; no IAM policy documents to build.
              enableSimpleResponses: true,
              authorizerResultTtlInSeconds: authorizer.resultTtlSeconds ?? 300,
            }),
      });
      this.authorizers[authorizer.name] = resource;
      if (authorizer.type === 'lambda') {
        authorizerPermissions.push(grantAuthorizerInvoke(this, authorizer, this.api.executionArn, resource.id));
      }
    }

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
      const authorizer = route.authorizer;
      const resource = new Apigatewayv2Route(this, id, {
        apiId: this.api.id,
        routeKey: key,
        target: `integrations/${integration.id}`,
        authorizationType: authorizer
          ? authorizer.type === 'jwt'
            ? 'JWT'
            : 'CUSTOM'
          : route.authorization === 'iam'
            ? 'AWS_IAM'
            : 'NONE',
        authorizerId: authorizer ? this.authorizers[authorizer.name].id : undefined,
        authorizationScopes: route.scopes && route.scopes.length > 0 ? [...route.scopes] : undefined,
      });
      if (isPublicRoute(route)) suppressPolicy(resource, ApigatewayRouteAuthorization.id, route.publicReason!);
      this.routes[key] = resource;
    }
    this.permissions = [...grantApiInvoke(this, props.routes, this.api.executionArn), ...authorizerPermissions];
  }

  /** Base URL of the API (the `$default` stage has no path prefix). */
  get url(): string {
    return this.api.apiEndpoint;
  }

  get executionArn(): string {
    return this.api.executionArn;
  }
}
