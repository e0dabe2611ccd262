/**
 * API authorization is a decision in every preset: each synthesized route or method is authorized (IAM, JWT, a
 * Lambda authorizer, an API key) or public with the reason its configuration wrote (the platform's for GET /health),
 * and that reason is the suppression reviewers read.
 */
import { HEALTH_ROUTE, HEALTH_ROUTE_PUBLIC_REASON } from '../config/layers/app';
import { loadConfig } from '../config/load';
import { PRESETS } from '../config/presets';
import { ApigatewayRouteAuthorization } from '../modules/policy/rules/apigateway/ApigatewayRouteAuthorization';
import { synthPreset } from './support/app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const RULE = ApigatewayRouteAuthorization.id;

/** `<route key>` → suppression reason (undefined when authorized) of every HTTP route and non-preflight REST method. */
function publicRoutes(json: Json): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const route of Object.values(json.resource?.aws_apigatewayv2_route ?? {}) as Json[]) {
    if (route.authorization_type === 'NONE') out[route.route_key] = route['//']?.suppressions?.[RULE];
  }
  const resources = json.resource?.aws_api_gateway_resource ?? {};
  for (const method of Object.values(json.resource?.aws_api_gateway_method ?? {}) as Json[]) {
    if (method.authorization !== 'NONE' || method.api_key_required || method.http_method === 'OPTIONS') continue;
    const resource = Object.entries(resources).find(([name]) => String(method.resource_id).includes(`.${name}.`));
    out[`${method.http_method} .../${(resource?.[1] as Json)?.path_part ?? ''}`] = method['//']?.suppressions?.[RULE];
  }
  return out;
}

/** `[preset, environment]` of every environment that serves an app API. */
const WITH_API = Object.keys(PRESETS).flatMap((preset) =>
  Object.entries(loadConfig({ preset }).environments)
    .filter(([, env]) => env.app.enabled && env.app.api !== undefined)
    .map(([name]) => [preset, name] as const),
);

describe('every public route carries its configured reason', () => {
  const synths = new Map<string, ReturnType<typeof synthPreset>>();
  const synthOf = (preset: string) => synths.get(preset) ?? synths.set(preset, synthPreset({ preset })).get(preset)!;

  test('every preset but those without an app API is covered', () => {
    expect(new Set(WITH_API.map(([preset]) => preset))).toEqual(
      new Set(['platform', 'phoney', 'concert', 'smartpack']),
    );
  });

  test.each(WITH_API)('%s %s', (preset, name) => {
    const config = loadConfig({ preset });
    const api = config.environments[name].app.api!;
    const found = publicRoutes(synthOf(preset).json(`${config.service}-${name}-app`));
    const expected = new Set([
      HEALTH_ROUTE_PUBLIC_REASON,
      ...Object.values(api.routes).flatMap((r) => (r.public ? [r.public.reason] : [])),
    ]);
    for (const [key, reason] of Object.entries(found)) {
      expect([key, reason !== undefined && expected.has(reason)]).toEqual([key, true]);
    }
    const health = api.type === 'http' ? found[HEALTH_ROUTE] : found['GET .../health'];
    expect(health).toBe(HEALTH_ROUTE_PUBLIC_REASON);
    const publicInConfig = Object.values(api.routes).filter((r) => r.public !== undefined).length;
    expect(Object.keys(found)).toHaveLength(publicInConfig + 1);
  });
});

describe('the presets choose their authorization', () => {
  test('platform: the Lambda authorizer guards the public routes on the HTTP API (dev) and the REST API (prod)', () => {
    const synth = synthPreset({ preset: 'platform' });
    const dev = synth.json('platform-dev-app');
    const routes = Object.values(dev.resource.aws_apigatewayv2_route) as Json[];
    expect(routes.find((r) => r.route_key === 'ANY /{proxy+}')).toMatchObject({ authorization_type: 'CUSTOM' });
    expect(routes.find((r) => r.route_key === 'ANY /admin/{proxy+}')).toMatchObject({ authorization_type: 'AWS_IAM' });
    expect(Object.values(dev.resource.aws_apigatewayv2_authorizer)).toEqual([
      expect.objectContaining({ name: 'session', authorizer_type: 'REQUEST', enable_simple_responses: true }),
    ]);
    const prod = synth.json('platform-prod-app');
    const methods = (Object.values(prod.resource.aws_api_gateway_method) as Json[]).filter(
      (m) => m.http_method === 'ANY',
    );
    expect(methods.map((m) => m.authorization).sort()).toEqual(['AWS_IAM', 'CUSTOM']);
    expect(Object.values(prod.resource.aws_api_gateway_authorizer)).toEqual([
      expect.objectContaining({ name: 'session', type: 'REQUEST' }),
    ]);
  });

  test('concert: every method needs the API key of the clients usage plan, metered per month', () => {
    const synth = synthPreset({ preset: 'concert', environments: ['prod'] });
    const json = synth.json('concert-prod-app');
    const methods = (Object.values(json.resource.aws_api_gateway_method) as Json[]).filter(
      (m) => m.http_method !== 'OPTIONS' && !String(m.resource_id).includes('health'),
    );
    expect(methods).toHaveLength(4);
    for (const method of methods) expect(method.api_key_required).toBe(true);
    expect(Object.values(json.resource.aws_api_gateway_usage_plan)).toEqual([
      expect.objectContaining({
        name: 'concert-prod-api-clients',
        quota_settings: { limit: 100000, period: 'MONTH' },
      }),
    ]);
    expect(json.output['api-key-id-clients'].description).toMatch(/get-api-key/);
  });
});
