/**
 * Configuration of the per-environment `app` layer: the API functions, where their code comes from, their sizing,
 * the shared layer, the API (HTTP or REST) and its routes, DynamoDB tables, SSM parameters, Secrets Manager secrets,
 * alarms and the traffic-shifting deployment of new versions.
 *
 * The function, table and access schemas, shared with the `jobs` layer, live in config/layers/functions.ts.
 *
 * Defaults that differ in production (canary deployments, critical error alarms, the 5 s latency threshold) follow
 * `isProduction` (core/environment.ts) and are applied by `appDefaults` in the stacks.
 */
import { z } from 'zod';
import { isProduction, type ProductionMarker } from '../../core/environment';
import { SEVERITIES, type Severity } from '../../core/severity';
import { addKeyIssue, customDomain, intRange, oneOf, oneOfNumbers } from '../rules';
import {
  checkFunctionPlacementAndCode,
  checkFunctionReferences,
  componentName,
  FunctionPlacementEnvironment,
  functionSchema,
  HEALTH_FUNCTION,
  layerSchema,
  parameterName,
  tableSchema,
  UNRESERVED_CONCURRENCY_FLOOR,
} from './functions';

/** Every API serves `GET /health` from the platform's health function. */
export const HEALTH_ROUTE = 'GET /health';

/** The platform's reason for serving `GET /health` without authorization, the suppression on every API. */
export const HEALTH_ROUTE_PUBLIC_REASON =
  'GET /health answers smoke tests and uptime checks without credentials; the health function calls nothing and ' +
  'returns only the service, environment, version and time.';

// ---------------------------------------------------------------------------------------------------------------
// API

export const HTTP_METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const SEGMENT = String.raw`(?:[A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\})`;
const GREEDY = String.raw`\{[A-Za-z_][A-Za-z0-9_]*\+\}`;
/** `METHOD /path`, path parameters as `{name}`, a greedy `{name+}` only as the last segment. */
export const ROUTE_KEY_RULE = new RegExp(`^(${HTTP_METHODS.join('|')}) (/|(?:/${SEGMENT})*(?:/${GREEDY})?)$`);

export interface RouteKey {
  readonly method: HttpMethod;
  readonly path: string;
}

export function parseRouteKey(key: string): RouteKey {
  const match = ROUTE_KEY_RULE.exec(key);
  if (!match || match[2] === '') throw new Error(`invalid route key ${JSON.stringify(key)}`);
  return { method: match[1] as HttpMethod, path: match[2] };
}

/** A written decision: a control is left off (here, a route served without authorization) and why. */
const reasonSchema = z
  .object({
    /** Why; it becomes the policy suppression a reviewer reads in the synth summary. */
    reason: z
      .string({ required_error: 'must say why (a non-empty reason)' })
      .trim()
      .min(1, 'must say why (a non-empty reason)'),
  })
  .strict();

const routeSchema = z
  .object({
    /** Function serving the route: one of `app.functions`, or `health`. */
    function: componentName('function'),
    /** `iam`: callers sign requests with SigV4 and need execute-api:Invoke on the route. @default 'none' */
    authorization: oneOf(['none', 'iam'] as const).default('none'),
    /** An authorizer of `api.authorizers` (JWT or Lambda) that checks every request. @default none */
    authorizer: componentName('authorizer').optional(),
    /** OAuth scopes the JWT must carry, any of them (JWT authorizers only). @default [] */
    scopes: z.array(z.string().regex(/^\S+$/, 'must be a scope without spaces')).default([]),
    /** REST APIs: callers send an API key of one of `api.usagePlans` in `x-api-key`. @default false */
    apiKeyRequired: z.boolean().default(false),
    /** Served to anyone, with the reason: a route without IAM, an authorizer or an API key must say why. */
    public: reasonSchema.optional(),
  })
  .strict()
  .superRefine((route, ctx) => {
    const controls = [
      route.authorization === 'iam' ? 'authorization: iam' : undefined,
      route.authorizer !== undefined ? 'authorizer' : undefined,
    ].filter((c) => c !== undefined);
    if (controls.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['authorizer'],
        message: 'a route has one authorizer: choose authorization: iam or an authorizer, not both',
      });
    }
    const open = controls.length === 0 && !route.apiKeyRequired;
    if (open && route.public === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['public'],
        message:
          'must be set when the route has no authorization (iam, an authorizer or apiKeyRequired): ' +
          'public: { reason: "..." } says why anyone may call it',
      });
    }
    if (!open && route.public !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['public'],
        message: "contradicts the route's authorization; remove it or the authorization",
      });
    }
    if (route.scopes.length > 0 && route.authorizer === undefined) {
      ctx.addIssue({ code: 'custom', path: ['scopes'], message: 'need a JWT authorizer on the route' });
    }
  });
export type RouteConfig = z.infer<typeof routeSchema>;

const ORIGIN_RULE = /^(\*|https?:\/\/[a-z0-9.-]+(:\d{1,5})?)$/;

const corsSchema = z
  .object({
    /** Origins allowed to call the API from a browser, `https://app.example.com`, or `*`. */
    allowOrigins: z
      .array(z.string().regex(ORIGIN_RULE, 'must be * or an origin such as https://app.example.com'))
      .nonempty(),
    /** @default the methods of the routes */
    allowMethods: z.array(oneOf(HTTP_METHODS)).nonempty().optional(),
    allowHeaders: z
      .array(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name'))
      .default(['content-type', 'authorization', 'x-amz-date', 'x-amz-security-token', 'x-api-key']),
    exposeHeaders: z.array(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name')).default([]),
    maxAgeSeconds: intRange(0, 86400).default(300),
    allowCredentials: z.boolean().default(false),
  })
  .strict()
  .superRefine((cors, ctx) => {
    if (cors.allowCredentials && cors.allowOrigins.includes('*')) {
      ctx.addIssue({
        code: 'custom',
        path: ['allowOrigins'],
        message: 'must list origins, not *, when allowCredentials is true (browsers refuse the combination)',
      });
    }
  });
export type CorsConfig = z.infer<typeof corsSchema>;

const HEADER_NAME = /^[A-Za-z0-9-]+$/;

const jwtAuthorizerSchema = z
  .object({
    /** JWT authorizer of an HTTP API: API Gateway validates the token against the issuer's published keys. */
    type: z.literal('jwt'),
    /** Issuer URL (`iss`), for Cognito `https://cognito-idp.<region>.amazonaws.com/<user pool id>`. */
    issuer: z.string().regex(/^https:\/\/[^\s/]+(\/\S*)?$/, 'must be the https:// URL of the token issuer'),
    /** Accepted `aud` (or Cognito `client_id`) values. */
    audience: z.array(z.string().min(1, 'must not be empty')).nonempty('must name at least one audience'),
    /** Header carrying the bearer token. @default 'Authorization' */
    header: z.string().regex(HEADER_NAME, 'must be a header name').default('Authorization'),
  })
  .strict();

const lambdaAuthorizerSchema = z
  .object({
    /** A function of `app.functions` that decides (HTTP: simple responses; REST: an IAM policy). */
    type: z.literal('lambda'),
    function: componentName('function'),
    /** Header carrying the credential; requests without it are refused before the function runs. @default 'Authorization' */
    header: z.string().regex(HEADER_NAME, 'must be a header name').default('Authorization'),
    /** Seconds a decision is cached per credential; 0 asks the function every time. @default 300 */
    resultTtlSeconds: intRange(0, 3600).default(300),
  })
  .strict();

const usagePlanSchema = z
  .object({
    /** Per-key steady requests per second and burst. */
    throttling: z.object({ rateLimit: z.number().positive().max(100000), burstLimit: intRange(1, 100000) }).strict(),
    /** Requests per key per period. @default no quota */
    quota: z
      .object({ limit: intRange(1, 2_000_000_000), period: oneOf(['DAY', 'WEEK', 'MONTH'] as const) })
      .strict()
      .optional(),
  })
  .strict();

export const apiSchema = z
  .object({
    /** `http`: API Gateway HTTP API (payload 2.0); `rest`: REST API (X-Ray, method-level settings, payload 1.0). */
    type: oneOf(['http', 'rest'] as const),
    /** Authorizers routes name in `authorizer`: `jwt` (HTTP APIs) or `lambda`. @default none */
    authorizers: z
      .record(componentName('authorizer'), z.discriminatedUnion('type', [jwtAuthorizerSchema, lambdaAuthorizerSchema]))
      .default({}),
    /**
     * REST APIs: usage plans, each with one API key (value generated by AWS, read it with `aws apigateway get-api-key
     * --include-value`), for routes with `apiKeyRequired`. @default none
     */
    usagePlans: z.record(componentName('usage plan'), usagePlanSchema).default({}),
    /** `METHOD /path` → function. `GET /health` is always served by the health function. */
    routes: z
      .record(
        z.string().regex(ROUTE_KEY_RULE, 'route keys must read METHOD /path, for example GET /items/{id}'),
        routeSchema,
      )
      .default({}),
    cors: corsSchema.optional(),
    /** Stage throttling: steady requests per second and burst, for every route. */
    throttling: z
      .object({ rateLimit: z.number().positive().max(100000), burstLimit: intRange(1, 100000) })
      .strict()
      .default({ rateLimit: 100, burstLimit: 200 }),
    /** Stage of a REST API, the first path segment of its URL. @default the environment name (HTTP APIs use $default) */
    stageName: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be letters, digits, _ and -')
      .optional(),
  })
  .strict()
  .superRefine((api, ctx) => {
    if (api.routes[HEALTH_ROUTE] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['routes', HEALTH_ROUTE],
        message: 'is served by the platform health function on every API; remove it',
      });
    }
    // API Gateway tells routes apart by method and path shape, not by the names of path parameters.
    const routesByShape = new Map<string, string>();
    for (const key of Object.keys(api.routes)) {
      const shape = key.replace(/\{[A-Za-z_][A-Za-z0-9_]*(\+?)\}/g, '{$1}');
      const first = routesByShape.get(shape);
      if (first === undefined) routesByShape.set(shape, key);
      else
        addKeyIssue(
          ctx,
          ['routes'],
          key,
          `is the same route as ${JSON.stringify(first)} (only parameter names differ)`,
        );
    }
    for (const key of Object.keys(api.routes)) {
      if (api.cors && key.startsWith('OPTIONS ')) {
        ctx.addIssue({
          code: 'custom',
          path: ['routes', key],
          message: 'conflicts with the CORS preflight the API answers itself; remove it or remove cors',
        });
      }
    }
    for (const [key, route] of Object.entries(api.routes)) {
      const authorizer = route.authorizer === undefined ? undefined : api.authorizers[route.authorizer];
      if (route.authorizer !== undefined && authorizer === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['routes', key, 'authorizer'],
          message: 'must name one of api.authorizers',
        });
      }
      if (route.scopes.length > 0 && authorizer !== undefined && authorizer.type !== 'jwt') {
        ctx.addIssue({ code: 'custom', path: ['routes', key, 'scopes'], message: 'apply to JWT authorizers only' });
      }
      if (route.apiKeyRequired && api.type === 'http') {
        ctx.addIssue({
          code: 'custom',
          path: ['routes', key, 'apiKeyRequired'],
          message: 'applies to REST APIs only (HTTP APIs have no API keys); use an authorizer',
        });
      } else if (route.apiKeyRequired && Object.keys(api.usagePlans).length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['routes', key, 'apiKeyRequired'],
          message: 'needs a usage plan in api.usagePlans, whose API key callers send',
        });
      }
    }
    for (const [name, authorizer] of Object.entries(api.authorizers)) {
      if (authorizer.type === 'jwt' && api.type === 'rest') {
        ctx.addIssue({
          code: 'custom',
          path: ['authorizers', name, 'type'],
          message: 'jwt authorizers are for HTTP APIs; a REST API uses a lambda authorizer',
        });
      }
    }
    if (api.type === 'http' && Object.keys(api.usagePlans).length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['usagePlans'],
        message: 'apply to REST APIs only (HTTP APIs have no API keys)',
      });
    }
    if (api.type === 'http' && api.stageName !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['stageName'],
        message: 'applies to REST APIs only (HTTP APIs use $default)',
      });
    }
  });
export type ApiConfig = z.infer<typeof apiSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Parameters, secrets, alarms, deployment

const parameterSchema = z
  .object({
    type: oneOf(['String', 'StringList', 'SecureString'] as const).default('String'),
    /**
     * The value, for plain configuration. Without it the parameter is created with a placeholder and its value is
     * set out of band (`aws ssm put-parameter --overwrite`); Terraform never overwrites it.
     */
    value: z.string().min(1).max(4096).optional(),
    description: z.string().max(1024).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.type === 'SecureString' && p.value !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message:
          'must not be set for a SecureString: secret values never live in code; set it with aws ssm put-parameter --type SecureString --overwrite',
      });
    }
  });
export type ParameterConfig = z.infer<typeof parameterSchema>;

const secretSchema = z
  .object({
    description: z.string().max(2048).optional(),
  })
  .strict();
export type SecretConfig = z.infer<typeof secretSchema>;

export const DEPLOYMENT_STRATEGIES = ['all-at-once', 'canary', 'linear'] as const;
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

const deploymentSchema = z
  .object({
    /**
     * How a new version reaches the `live` alias: at once (Terraform moves the alias), or through CodeDeploy as a
     * canary (`percentage` for `intervalMinutes`, then the rest) or linear (`percentage` more every
     * `intervalMinutes`), rolled back when the function's alarms fire. @default canary in prod, else all-at-once
     */
    strategy: oneOf(DEPLOYMENT_STRATEGIES).optional(),
    percentage: intRange(1, 99).default(10),
    intervalMinutes: intRange(1, 2880).default(10),
  })
  .strict();
export type DeploymentConfig = z.infer<typeof deploymentSchema>;

export const LATENCY_STATISTICS = ['p99', 'p95', 'p90', 'Average'] as const;

const alarmsSchema = z
  .object({
    /** Errors as a percentage of invocations, per period. @default environments.<env>.alarms.function (5) */
    errorRatePercent: z.number().gt(0, 'must be above 0').max(100).optional(),
    /** @default critical in prod, else warning */
    errorSeverity: oneOf(SEVERITIES).optional(),
    /** Duration above which a period breaches. @default 5000 in prod, else 10000 */
    latencyThresholdMs: intRange(10, 900000).optional(),
    latencyStatistic: oneOf(LATENCY_STATISTICS).default('p99'),
    latencySeverity: oneOf(SEVERITIES).default('warning'),
    periodSeconds: oneOfNumbers([60, 300] as const).default(60),
    evaluationPeriods: intRange(1, 60).default(3),
    datapointsToAlarm: intRange(1, 60).default(2),
  })
  .strict()
  .refine((a) => a.datapointsToAlarm <= a.evaluationPeriods, {
    message: 'datapointsToAlarm must not exceed evaluationPeriods',
    path: ['datapointsToAlarm'],
  });
export type AlarmsConfig = z.infer<typeof alarmsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The layer

const appLayerObject = z
  .object({
    enabled: z.boolean().default(true),
    /** Default memory of the layer's functions, in MB (Lambda allows 128 to 10240). */
    memoryMb: intRange(128, 10240).default(256),
    /** Default timeout of the layer's functions, in seconds (REST APIs give up after 29 s, HTTP APIs after 30 s). */
    timeoutSeconds: intRange(1, 900).default(15),
    /**
     * The region's Lambda concurrency quota in this environment's account (1000 unless raised). Reserved
     * concurrency of the layer's functions must leave 100 of it unreserved.
     */
    concurrencyQuota: intRange(1000, 1000000).default(1000),
    /** Custom domain of the API. */
    domain: customDomain.optional(),
    functions: z.record(componentName('function'), functionSchema).default({}),
    /** The shared Lambda layer, built from a folder. @default no layer */
    layer: layerSchema.optional(),
    api: apiSchema.optional(),
    tables: z.record(componentName('table'), tableSchema).default({}),
    /** SSM parameters `/<service>/<env>/<name>`. */
    parameters: z.record(parameterName, parameterSchema).default({}),
    /** Secrets Manager secrets `<service>/<env>/<name>`, values set out of band. */
    secrets: z.record(componentName('secret'), secretSchema).default({}),
    deployment: deploymentSchema.default({}),
    alarms: alarmsSchema.default({}),
    /** Images each ECR repository keeps (older ones expire). */
    keepImages: intRange(1, 1000).default(10),
  })
  .strict();

export const appLayerSchema = appLayerObject.superRefine((app, ctx) => checkAppReferences(app, ctx));

export type AppLayerConfig = z.infer<typeof appLayerSchema>;
/** What a preset writes for the app layer (defaults not yet applied). */
export type AppLayerInput = z.input<typeof appLayerSchema>;

/** Cross-references inside the app layer: routes, grants and the shared layer name things that must exist. */
function checkAppReferences(app: z.infer<typeof appLayerObject>, ctx: z.RefinementCtx): void {
  if (app.functions[HEALTH_FUNCTION] !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['functions', HEALTH_FUNCTION],
      message: 'is the platform health function; choose another name',
    });
  }
  if (app.domain && !app.api) {
    ctx.addIssue({ code: 'custom', path: ['domain'], message: 'a custom domain needs app.api to serve' });
  }
  checkFunctionReferences(app.functions, app, ['functions'], ctx, Object.keys(app.tables));
  for (const [key, route] of Object.entries(app.api?.routes ?? {})) {
    if (route.function !== HEALTH_FUNCTION && app.functions[route.function] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['api', 'routes', key, 'function'],
        message: 'must name a function of app.functions or health',
      });
    }
  }
  for (const [name, authorizer] of Object.entries(app.api?.authorizers ?? {})) {
    if (authorizer.type === 'lambda' && app.functions[authorizer.function] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['api', 'authorizers', name, 'function'],
        message: 'must name a function of app.functions',
      });
    }
  }
  const reserved = Object.values(app.functions).reduce((sum, fn) => sum + (fn.reservedConcurrency ?? 0), 0);
  if (reserved > app.concurrencyQuota - UNRESERVED_CONCURRENCY_FLOOR) {
    ctx.addIssue({
      code: 'custom',
      path: ['functions'],
      message:
        `reserve ${reserved} concurrent executions, more than concurrencyQuota (${app.concurrencyQuota}) minus the ` +
        `${UNRESERVED_CONCURRENCY_FLOOR} Lambda keeps unreserved; lower reservedConcurrency or raise the quota ` +
        '(Service Quotas, "Concurrent executions") and concurrencyQuota',
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Defaults that depend on the environment

export interface AppDefaults {
  readonly deploymentStrategy: DeploymentStrategy;
  readonly errorSeverity: Severity;
  readonly latencyThresholdMs: number;
}

/** Production (`isProduction`) shifts traffic by canary, pages on errors and expects 5 s latency. */
export function appDefaults(app: Pick<AppLayerConfig, 'deployment' | 'alarms'>, production: boolean): AppDefaults {
  return {
    deploymentStrategy: app.deployment.strategy ?? (production ? 'canary' : 'all-at-once'),
    errorSeverity: app.alarms.errorSeverity ?? (production ? 'critical' : 'warning'),
    latencyThresholdMs: app.alarms.latencyThresholdMs ?? (production ? 5000 : 10000),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rules across layers (run on the whole configuration, where service and environment names are known)

/** The parts of an environment the compute layers' cross-layer rules read. */
export interface ComputeWiringEnvironment extends FunctionPlacementEnvironment, ProductionMarker {
  readonly app: AppLayerConfig;
}

export interface ComputeWiringInput {
  readonly service: string;
  readonly environments: Readonly<Record<string, ComputeWiringEnvironment>>;
}

/** The alarm threshold of a function must be reachable: below its timeout. */
export function checkLatencyThresholds(envName: string, env: ComputeWiringEnvironment, ctx: z.RefinementCtx): void {
  const app = env.app;
  const defaults = appDefaults(app, isProduction(env));
  const functions: [string, number, number | undefined][] = [
    [HEALTH_FUNCTION, app.timeoutSeconds, undefined],
    ...Object.entries(app.functions).map(([name, fn]): [string, number, number | undefined] => [
      name,
      fn.timeoutSeconds ?? app.timeoutSeconds,
      fn.alarms.latencyThresholdMs,
    ]),
  ];
  for (const [name, timeoutSeconds, own] of functions) {
    const threshold = own ?? defaults.latencyThresholdMs;
    if (threshold < timeoutSeconds * 1000) continue;
    const path =
      own === undefined
        ? ['environments', envName, 'app', 'alarms', 'latencyThresholdMs']
        : ['environments', envName, 'app', 'functions', name, 'alarms', 'latencyThresholdMs'];
    ctx.addIssue({
      code: 'custom',
      path,
      message:
        `must be below the timeout of function ${name} (${timeoutSeconds * 1000} ms), or its latency alarm can never fire` +
        (own === undefined ? `; the default here is ${threshold} ms` : ''),
    });
  }
}

/** Cross-layer rules of the app layer in every environment that has it. */
export function checkAppWiring(config: ComputeWiringInput, ctx: z.RefinementCtx): void {
  for (const [envName, env] of Object.entries(config.environments)) {
    if (!env.app.enabled) continue;
    checkFunctionPlacementAndCode(config.service, envName, env, 'app', env.app.functions, ctx);
    checkLatencyThresholds(envName, env, ctx);
  }
}
