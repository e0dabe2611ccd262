import { ApiRoute } from '../../modules/api-routes';
import { HttpApi, HttpApiProps } from '../../modules/http-api';
import { Naming } from '../../modules/naming';
import { NodeFunction } from '../../modules/node-function';
import { BASELINE_RULES } from '../../modules/policy';
import { onlyResource, resourcesOf, testStack, violatedRules } from '../support/stacks';

const naming = new Naming('phoney', 'dev');

function build(props: Partial<HttpApiProps> = {}, routes?: (fns: Record<string, NodeFunction>) => ApiRoute[]) {
  const stack = testStack();
  const fn = (name: string) =>
    new NodeFunction(stack, `fn-${name}`, {
      naming,
      name,
      code: { kind: 'image', imageUri: `repo/${name}:1` },
      logRetentionDays: 7,
      alias: {},
    });
  const fns = { api: fn('api'), health: fn('health') };
  const api = new HttpApi(stack, 'api', {
    naming,
    name: 'api',
    routes: routes
      ? routes(fns)
      : [
          { method: 'GET', path: '/health', target: fns.health },
          { method: 'ANY', path: '/{proxy+}', target: fns.api },
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
      { method: 'GET', path: '/health', target: fns.health },
      { method: 'POST', path: '/template', target: fns.api },
    ]);
    expect(onlyResource(stack, 'aws_apigatewayv2_api').cors_configuration).toEqual({
      allow_origins: ['https://phoney.example.com'],
      allow_methods: ['GET', 'OPTIONS', 'POST'],
      allow_headers: ['content-type', 'authorization', 'x-amz-date', 'x-amz-security-token', 'x-api-key'],
      max_age: 600,
      allow_credentials: false,
    });
  });

  describe('fails when', () => {
    test('a route is defined twice or its path is malformed', () => {
      expect(() =>
        build({}, (fns) => [
          { method: 'GET', path: '/a', target: fns.api },
          { method: 'GET', path: '/a', target: fns.api },
        ]),
      ).toThrow('route GET /a is defined twice');
      expect(() => build({}, (fns) => [{ method: 'GET', path: '/{proxy+}/x', target: fns.api }])).toThrow(
        'route GET /{proxy+}/x: path must be / or /segment/{param}/..., a greedy {name+} only last',
      );
    });

    test('CORS allows credentials from any origin, or a route takes over the preflight', () => {
      expect(() => build({ cors: { allowOrigins: ['*'], allowCredentials: true } })).toThrow(
        'CORS allowCredentials needs explicit origins, not *',
      );
      expect(() =>
        build({ cors: { allowOrigins: ['*'] } }, (fns) => [{ method: 'OPTIONS', path: '/a', target: fns.api }]),
      ).toThrow('route OPTIONS /a conflicts with the CORS preflight the API answers itself');
    });
  });
});
