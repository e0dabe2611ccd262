import { ApiRoute, JwtAuthorizer, LambdaAuthorizer } from '../../modules/api-routes';
import { HttpApi, HttpApiProps } from '../../modules/http-api';
import { Naming } from '../../modules/naming';
import { NodeFunction } from '../../modules/node-function';
import { BASELINE_RULES } from '../../modules/policy';
import { onlyResource, resourcesOf, testStack, violatedRules } from '../support/stacks';

/** The reason a test route is public (the policy suppression on it). */
const OPEN = 'Test route, served to anyone.';
const naming = new Naming('phoney', 'dev');

/** A function with a `live` alias, as the API constructs route to. */
function testFunction(stack: ReturnType<typeof testStack>, name: string): NodeFunction {
  return new NodeFunction(stack, `fn-${name}`, {
    naming,
    name,
    code: { kind: 'image', imageUri: `repo/${name}:1` },
    logRetentionDays: 7,
    alias: {},
  });
}

function build(props: Partial<HttpApiProps> = {}, routes?: (fns: Record<string, NodeFunction>) => ApiRoute[]) {
  const stack = testStack();
  const fn = (name: string) => testFunction(stack, name);
  const fns = { api: fn('api'), health: fn('health') };
  const api = new HttpApi(stack, 'api', {
    naming,
    name: 'api',
    routes: routes
      ? routes(fns)
      : [
          { method: 'GET', path: '/health', target: fns.health, publicReason: OPEN },
          { method: 'ANY', path: '/{proxy+}', target: fns.api, publicReason: OPEN },
          { method: 'POST', path: '/admin/reindex', target: fns.api, authorization: 'iam' },
        ],
    throttling: { rateLimit: 50, burstLimit: 100 },
    logRetentionDays: 14,
    ...props,
  });
  return { stack, api, fns };
}

describe('HttpApi', () => {
  test('the $default stage deploys itself, throttles, and logs JSON to a log group with retention', () => {
    const { stack, api } = build();
    expect(onlyResource(stack, 'aws_apigatewayv2_api')).toMatchObject({
      name: 'phoney-dev-api',
      protocol_type: 'HTTP',
    });
    expect(onlyResource(stack, 'aws_apigatewayv2_stage')).toMatchObject({
      name: '$default',
      auto_deploy: true,
      default_route_settings: {
        throttling_rate_limit: 50,
        throttling_burst_limit: 100,
        detailed_metrics_enabled: true,
      },
      access_log_settings: { destination_arn: `\${aws_cloudwatch_log_group.${api.accessLogs.friendlyUniqueId}.arn}` },
    });
    const format = JSON.parse(onlyResource(stack, 'aws_apigatewayv2_stage').access_log_settings.format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
    const logs = Object.values(resourcesOf(stack, 'aws_cloudwatch_log_group')).find(
      (g) => g.name === '/aws/apigateway/phoney-dev-api/access',
    );
    expect(logs.retention_in_days).toBe(14);
  });

  test('routes to one payload 2.0 proxy integration per function alias, IAM where asked', () => {
    const { stack, fns } = build();
    const integrations = Object.values(resourcesOf(stack, 'aws_apigatewayv2_integration'));
    expect(integrations).toHaveLength(2);
    expect(integrations).toContainEqual(
      expect.objectContaining({
        integration_type: 'AWS_PROXY',
        payload_format_version: '2.0',
        integration_uri: `\${aws_lambda_alias.${fns.api.alias?.friendlyUniqueId}.invoke_arn}`,
      }),
    );
    const routes = Object.fromEntries(
      Object.values(resourcesOf(stack, 'aws_apigatewayv2_route')).map((r) => [r.route_key, r.authorization_type]),
    );
    expect(routes).toEqual({ 'GET /health': 'NONE', 'ANY /{proxy+}': 'NONE', 'POST /admin/reindex': 'AWS_IAM' });
  });

  test('only this API may invoke the functions, on their alias', () => {
    const { stack, api, fns } = build();
    const permissions = Object.values(resourcesOf(stack, 'aws_lambda_permission'));
    expect(permissions).toHaveLength(2);
    expect(permissions).toContainEqual(
      expect.objectContaining({
        principal: 'apigateway.amazonaws.com',
        qualifier: `\${aws_lambda_alias.${fns.api.alias?.friendlyUniqueId}.name}`,
        source_arn: `\${aws_apigatewayv2_api.${api.api.friendlyUniqueId}.execution_arn}/*`,
      }),
    );
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });

  test('CORS is answered by API Gateway with the routes methods', () => {
    const { stack } = build({ cors: { allowOrigins: ['https://phoney.example.com'], maxAgeSeconds: 600 } }, (fns) => [
      { method: 'GET', path: '/health', target: fns.health, publicReason: OPEN },
      { method: 'POST', path: '/template', target: fns.api, publicReason: OPEN },
    ]);
    expect(onlyResource(stack, 'aws_apigatewayv2_api').cors_configuration).toEqual({
      allow_origins: ['https://phoney.example.com'],
      allow_methods: ['GET', 'OPTIONS', 'POST'],
      allow_headers: ['content-type', 'authorization', 'x-amz-date', 'x-amz-security-token', 'x-api-key'],
      max_age: 600,
      allow_credentials: false,
    });
  });

  describe('authorization', () => {
    const jwt: JwtAuthorizer = {
      type: 'jwt',
      name: 'users',
      issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
      audience: ['client-1'],
    };

    test('a JWT authorizer checks the bearer token; its routes ask for the scopes', () => {
      const { stack, api } = build({ authorizers: [jwt] }, (fns) => [
        { method: 'GET', path: '/orders', target: fns.api, authorizer: jwt, scopes: ['orders:read'] },
      ]);
      expect(onlyResource(stack, 'aws_apigatewayv2_authorizer')).toEqual(
        expect.objectContaining({
          name: 'users',
          authorizer_type: 'JWT',
          identity_sources: ['$request.header.Authorization'],
          jwt_configuration: { issuer: jwt.issuer, audience: ['client-1'] },
        }),
      );
      expect(onlyResource(stack, 'aws_apigatewayv2_route')).toMatchObject({
        authorization_type: 'JWT',
        authorizer_id: `\${aws_apigatewayv2_authorizer.${api.authorizers.users.friendlyUniqueId}.id}`,
        authorization_scopes: ['orders:read'],
      });
      expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
    });

    test('a Lambda authorizer answers simple responses, is cached, and only this authorizer may invoke it', () => {
      const stack = testStack();
      const fn = (name: string) => testFunction(stack, name);
      const [target, check] = [fn('api'), fn('auth')];
      const session: LambdaAuthorizer = { type: 'lambda', name: 'session', function: check, header: 'X-Session' };
      const api = new HttpApi(stack, 'api', {
        naming,
        name: 'api',
        authorizers: [session],
        routes: [{ method: 'ANY', path: '/{proxy+}', target, authorizer: session }],
        throttling: { rateLimit: 50, burstLimit: 100 },
        logRetentionDays: 14,
      });
      const authorizer = api.authorizers.session.friendlyUniqueId;
      expect(onlyResource(stack, 'aws_apigatewayv2_authorizer')).toEqual(
        expect.objectContaining({
          authorizer_type: 'REQUEST',
          authorizer_uri: `\${aws_lambda_alias.${check.alias?.friendlyUniqueId}.invoke_arn}`,
          authorizer_payload_format_version: '2.0',
          enable_simple_responses: true,
          authorizer_result_ttl_in_seconds: 300,
          identity_sources: ['$request.header.X-Session'],
        }),
      );
      expect(onlyResource(stack, 'aws_apigatewayv2_route')).toMatchObject({ authorization_type: 'CUSTOM' });
      expect(Object.values(resourcesOf(stack, 'aws_lambda_permission'))).toContainEqual(
        expect.objectContaining({
          function_name: `\${aws_lambda_function.${check.function.friendlyUniqueId}.function_name}`,
          qualifier: `\${aws_lambda_alias.${check.alias?.friendlyUniqueId}.name}`,
          source_arn: `\${aws_apigatewayv2_api.${api.api.friendlyUniqueId}.execution_arn}/authorizers/\${aws_apigatewayv2_authorizer.${authorizer}.id}`,
        }),
      );
      expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
    });

    test('a public route carries its reason as the suppression of apigateway-route-authorization', () => {
      const { stack } = build();
      const routes = Object.values(resourcesOf(stack, 'aws_apigatewayv2_route'));
      const suppression = (key: string) =>
        routes.find((r) => r.route_key === key)?.['//']?.suppressions?.['apigateway-route-authorization'];
      expect(suppression('ANY /{proxy+}')).toBe(OPEN);
      expect(suppression('POST /admin/reindex')).toBeUndefined();
    });
  });

  describe('fails when', () => {
    test('a route is defined twice or its path is malformed', () => {
      expect(() =>
        build({}, (fns) => [
          { method: 'GET', path: '/a', target: fns.api, publicReason: OPEN },
          { method: 'GET', path: '/a', target: fns.api, publicReason: OPEN },
        ]),
      ).toThrow('route GET /a is defined twice');
      expect(() =>
        build({}, (fns) => [{ method: 'GET', path: '/{proxy+}/x', target: fns.api, publicReason: OPEN }]),
      ).toThrow('route GET /{proxy+}/x: path must be / or /segment/{param}/..., a greedy {name+} only last');
    });

    test('a route without authorization has no reason, or a protected one has one', () => {
      expect(() => build({}, (fns) => [{ method: 'GET', path: '/a', target: fns.api }])).toThrow(
        'route GET /a: a route without authorization needs publicReason saying why anyone may call it',
      );
      expect(() =>
        build({}, (fns) => [{ method: 'GET', path: '/a', target: fns.api, authorization: 'iam', publicReason: OPEN }]),
      ).toThrow("route GET /a: publicReason contradicts the route's authorization");
    });

    test('authorizer names repeat or are malformed, a cache TTL is out of range, or a route mixes IAM, an authorizer and scopes', () => {
      const users: JwtAuthorizer = { type: 'jwt', name: 'users', issuer: 'https://id.example.com', audience: ['a'] };
      expect(() => build({ authorizers: [users, users] })).toThrow(
        'authorizer name must be unique, 1 to 64 letters, digits, _ and -, got "users"',
      );
      expect(() => build({ authorizers: [{ ...users, name: 'has space' }] })).toThrow(
        'authorizer name must be unique, 1 to 64 letters, digits, _ and -, got "has space"',
      );
      const stack = testStack();
      const check = testFunction(stack, 'auth');
      const session: LambdaAuthorizer = { type: 'lambda', name: 's', function: check, resultTtlSeconds: 3601 };
      expect(
        () =>
          new HttpApi(stack, 'api', {
            naming,
            name: 'api',
            authorizers: [session],
            routes: [{ method: 'GET', path: '/a', target: check, authorizer: session }],
            throttling: { rateLimit: 50, burstLimit: 100 },
            logRetentionDays: 14,
          }),
      ).toThrow('authorizer s: resultTtlSeconds must be a whole number from 0 to 3600, got 3601');
      expect(() =>
        build({ authorizers: [users] }, (fns) => [
          { method: 'GET', path: '/a', target: fns.api, authorization: 'iam', authorizer: users },
        ]),
      ).toThrow('route GET /a: authorization iam and authorizer users exclude each other');
      expect(() =>
        build({}, (fns) => [{ method: 'GET', path: '/a', target: fns.api, authorization: 'iam', scopes: ['read'] }]),
      ).toThrow('route GET /a: scopes need a JWT authorizer');
    });

    test('a route names an authorizer the API does not have, or asks for an API key', () => {
      const jwt: JwtAuthorizer = { type: 'jwt', name: 'users', issuer: 'https://id.example.com', audience: ['a'] };
      expect(() => build({}, (fns) => [{ method: 'GET', path: '/a', target: fns.api, authorizer: jwt }])).toThrow(
        "route GET /a: authorizer users must be one of the API's authorizers",
      );
      expect(() => build({}, (fns) => [{ method: 'GET', path: '/a', target: fns.api, apiKeyRequired: true }])).toThrow(
        'HttpApi: apiKeyRequired applies to REST APIs only (HTTP APIs have no API keys)',
      );
    });

    test('CORS allows credentials from any origin, or a route takes over the preflight', () => {
      expect(() => build({ cors: { allowOrigins: ['*'], allowCredentials: true } })).toThrow(
        'CORS allowCredentials needs explicit origins, not *',
      );
      expect(() =>
        build({ cors: { allowOrigins: ['*'] } }, (fns) => [
          { method: 'OPTIONS', path: '/a', target: fns.api, publicReason: OPEN },
        ]),
      ).toThrow('route OPTIONS /a conflicts with the CORS preflight the API answers itself');
    });
  });
});
