/**
 * What the HTTP and REST API constructs share: the route, CORS and throttling shapes, the access log formats, and
 * the Lambda permissions that let only this API (its execution ARN) invoke the routed functions' aliases.
 */
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
import type { NodeFunction } from './node-function';

export type ApiMethod = 'ANY' | 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** A JWT authorizer (HTTP APIs): API Gateway checks the bearer token against the issuer's published keys. */
export interface JwtAuthorizer {
  readonly type: 'jwt';
  /** Unique per API; names the authorizer resource. */
  readonly name: string;
  readonly issuer: string;
  readonly audience: readonly string[];
  /** Header carrying the token. @default 'Authorization' */
  readonly header?: string;
}

/** A Lambda authorizer: the function decides per request (HTTP: simple responses; REST: an IAM policy). */
export interface LambdaAuthorizer {
  readonly type: 'lambda';
  readonly name: string;
  readonly function: NodeFunction;
  /** Header carrying the credential; requests without it are refused unasked. @default 'Authorization' */
  readonly header?: string;
  /** Seconds a decision is cached per credential. @default 300 */
  readonly resultTtlSeconds?: number;
}

export type ApiAuthorizer = JwtAuthorizer | LambdaAuthorizer;

export interface ApiRoute {
  readonly method: ApiMethod;
  /** `/`, `/items`, `/items/{id}`, `/{proxy+}`. */
  readonly path: string;
  readonly target: NodeFunction;
  /** `iam`: callers sign with SigV4 and need execute-api:Invoke. @default 'none' */
  readonly authorization?: 'none' | 'iam';
  /** An authorizer of the API's `authorizers`. @default none */
  readonly authorizer?: ApiAuthorizer;
  /** Scopes the JWT must carry, any of them (JWT authorizers). @default [] */
  readonly scopes?: readonly string[];
  /** REST APIs: callers send a usage plan's API key. @default false */
  readonly apiKeyRequired?: boolean;
  /**
   * Why the route is served to anyone: without IAM, an authorizer or an API key, the route must say so, and the
   * reason becomes the suppression of apigateway-route-authorization on it. @default none (the route is protected)
   */
  readonly publicReason?: string;
}

export interface ApiCors {
  readonly allowOrigins: readonly string[];
  /** @default the routes' methods */
  readonly allowMethods?: readonly ApiMethod[];
  /** @default content-type, authorization, x-amz-date, x-amz-security-token, x-api-key */
  readonly allowHeaders?: readonly string[];
  /** @default [] */
  readonly exposeHeaders?: readonly string[];
  /** @default 300 */
  readonly maxAgeSeconds?: number;
  /** @default false */
  readonly allowCredentials?: boolean;
}

export const DEFAULT_CORS_HEADERS = [
  'content-type',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-api-key',
];

export interface ApiThrottling {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  /** Requests allowed in a burst. */
  readonly burstLimit: number;
}

const PATH_RULE = /^\/$|^(\/([A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*(\/\{[A-Za-z_][A-Za-z0-9_]*\+\})?$/;

/** Whether anyone may call the route: no IAM, no authorizer, no API key. */
export function isPublicRoute(route: ApiRoute): boolean {
  return (route.authorization ?? 'none') === 'none' && route.authorizer === undefined && !route.apiKeyRequired;
}

/**
 * Checks routes once for both API kinds: valid paths, no duplicates, CORS rules, authorization as a decision (a
 * public route carries its reason, a protected one none), authorizers the API declares.
 */
export function checkRoutes(
  routes: readonly ApiRoute[],
  cors?: ApiCors,
  authorizers: readonly ApiAuthorizer[] = [],
): void {
  const names = new Set<string>();
  for (const authorizer of authorizers) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(authorizer.name) || names.has(authorizer.name)) {
      throw new Error(
        `authorizer name must be unique, 1 to 64 letters, digits, _ and -, got ${JSON.stringify(authorizer.name)}`,
      );
    }
    names.add(authorizer.name);
    const ttl = authorizer.type === 'lambda' ? (authorizer.resultTtlSeconds ?? 300) : 0;
    if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
      throw new Error(
        `authorizer ${authorizer.name}: resultTtlSeconds must be a whole number from 0 to 3600, got ${ttl}`,
      );
    }
  }
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (route.authorizer !== undefined && !authorizers.includes(route.authorizer)) {
      throw new Error(`route ${key}: authorizer ${route.authorizer.name} must be one of the API's authorizers`);
    }
    if (route.authorizer !== undefined && route.authorization === 'iam') {
      throw new Error(`route ${key}: authorization iam and authorizer ${route.authorizer.name} exclude each other`);
    }
    if ((route.scopes ?? []).length > 0 && route.authorizer?.type !== 'jwt') {
      throw new Error(`route ${key}: scopes need a JWT authorizer`);
    }
    const reason = route.publicReason?.trim() ?? '';
    if (isPublicRoute(route) && reason === '') {
      throw new Error(`route ${key}: a route without authorization needs publicReason saying why anyone may call it`);
    }
    if (!isPublicRoute(route) && route.publicReason !== undefined) {
      throw new Error(`route ${key}: publicReason contradicts the route's authorization`);
    }
    if (!PATH_RULE.test(route.path) || route.path === '') {
      throw new Error(`route ${key}: path must be / or /segment/{param}/..., a greedy {name+} only last`);
    }
    if (seen.has(key)) throw new Error(`route ${key} is defined twice`);
    seen.add(key);
    if (cors && route.method === 'OPTIONS') {
      throw new Error(`route ${key} conflicts with the CORS preflight the API answers itself`);
    }
  }
  if (cors?.allowCredentials && cors.allowOrigins.includes('*')) {
    throw new Error('CORS allowCredentials needs explicit origins, not *');
  }
  if (cors && cors.allowOrigins.length === 0) throw new Error('CORS allowOrigins must not be empty');
}

const EXPLICIT_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/**
 * Methods a CORS preflight allows: the configured ones, or those of the routes. ANY is spelled out, because browsers
 * do not accept the `*` wildcard on credentialed requests.
 */
export function corsMethods(routes: readonly ApiRoute[], cors: ApiCors): string[] {
  const methods: string[] = [...(cors.allowMethods ?? new Set(routes.map((r) => r.method)))];
  if (methods.includes('ANY')) return EXPLICIT_METHODS;
  return [...new Set([...methods, 'OPTIONS'])].sort();
}

/** A construct id for a route key: `GET /items/{id}` → `GET-items-id`; the caller checks for collisions. */
export function routeId(method: string, path: string): string {
  const body = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) =>
      s
        .replace(/[{}]/g, '')
        .replace(/\+$/, '-greedy')
        .replace(/[^A-Za-z0-9-]/g, '_'),
    )
    .join('-');
  return body === '' ? `${method}-root` : `${method}-${body}`;
}

const COMMON_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
};

/** One JSON object per request, for Logs Insights. */
export const HTTP_ACCESS_LOG_FORMAT = JSON.stringify({
  ...COMMON_LOG_FIELDS,
  routeKey: '$context.routeKey',
  integrationError: '$context.integrationErrorMessage',
  integrationLatency: '$context.integrationLatency',
  responseLatency: '$context.responseLatency',
});

export const REST_ACCESS_LOG_FORMAT = JSON.stringify({
  ...COMMON_LOG_FIELDS,
  resourcePath: '$context.resourcePath',
  caller: '$context.identity.caller',
  user: '$context.identity.user',
  integrationError: '$context.integration.error',
  integrationLatency: '$context.integrationLatency',
  responseLatency: '$context.responseLatency',
  xrayTraceId: '$context.xrayTraceId',
});

/**
 * The permission API Gateway needs to call a Lambda authorizer (its alias when it has one), scoped to that
 * authorizer of this API: `<execution ARN>/authorizers/<id>`.
 */
export function grantAuthorizerInvoke(
  scope: Construct,
  authorizer: LambdaAuthorizer,
  executionArn: string,
  authorizerId: string,
): LambdaPermission {
  return new LambdaPermission(scope, `authorizer-invoke-${authorizer.name}`, {
    statementId: `AllowApiGatewayAuthorizer-${authorizer.name}`,
    action: 'lambda:InvokeFunction',
    functionName: authorizer.function.function.functionName,
    qualifier: authorizer.function.alias?.name,
    principal: 'apigateway.amazonaws.com',
    sourceArn: `${executionArn}/authorizers/${authorizerId}`,
  });
}

/**
 * One permission per routed function, on its alias when it has one, for this API only: `<execution ARN>/*` covers
 * every stage, method and path of this API and nothing else.
 */
export function grantApiInvoke(
  scope: Construct,
  routes: readonly ApiRoute[],
  executionArn: string,
): LambdaPermission[] {
  const targets = [...new Map(routes.map((r) => [r.target.functionName, r.target])).values()];
  return targets.map(
    (fn) =>
      new LambdaPermission(scope, `invoke-${fn.functionName}`, {
        statementId: 'AllowApiGatewayInvoke',
        action: 'lambda:InvokeFunction',
        functionName: fn.function.functionName,
        qualifier: fn.alias?.name,
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${executionArn}/*`,
      }),
  );
}
