import { ApiDomain } from '../../modules/api-domain';
import { ApiRoute, JwtAuthorizer, LambdaAuthorizer, routeId } from '../../modules/api-routes';
import { Naming } from '../../modules/naming';
import { NodeFunction } from '../../modules/node-function';
import { BASELINE_RULES } from '../../modules/policy';
import { ApigatewayAccessLogs } from '../../modules/policy/rules/apigateway/ApigatewayAccessLogs';
import { ApigatewayRestTracing } from '../../modules/policy/rules/apigateway/ApigatewayRestTracing';
import { ApigatewayThrottling } from '../../modules/policy/rules/apigateway/ApigatewayThrottling';
import { ApiUsagePlan, corsHeaders, RestApi, RestApiProps } from '../../modules/rest-api';
import { onlyResource, resourcesOf, testStack, violatedRules } from '../support/stacks';

/** The reason a test route is public (the policy suppression on it). */
const OPEN = 'Test route, served to anyone.';
const naming = new Naming('smartpack', 'prod');

/** A function with a `live` alias, as the API constructs route to. */
function testFunction(stack: ReturnType<typeof testStack>, name: string): NodeFunction {
  return new NodeFunction(stack, `fn-${name}`, {
    naming,
    name,
    code: { kind: 's3', bucket: 'b', key: `${name}.zip` },
    logRetentionDays: 7,
    alias: {},
  });
}

function build(props: Partial<RestApiProps> = {}, routes?: (fns: Record<string, NodeFunction>) => ApiRoute[]) {
  const stack = testStack();
  const fn = (name: string) => testFunction(stack, name);
  const fns = { api: fn('api'), health: fn('health') };
  const api = new RestApi(stack, 'api', {
    naming,
    name: 'api',
    stageName: 'prod',
    routes: routes
      ? routes(fns)
      : [
          { method: 'GET', path: '/health', target: fns.health, publicReason: OPEN },
          { method: 'POST', path: '/generate', target: fns.api, publicReason: OPEN },
          { method: 'GET', path: '/trips/{tripId}/items', target: fns.api, authorization: 'iam' },
        ],
    throttling: { rateLimit: 100, burstLimit: 200 },
    logRetentionDays: 30,
    ...props,
  });
  return { stack, api, fns };
}

const values = (stack: ReturnType<typeof testStack>, type: string) => Object.values(resourcesOf(stack, type));

describe('RestApi', () => {
  test('resources mirror the route paths, created once per segment', () => {
    const { stack } = build();
    const parts = values(stack, 'aws_api_gateway_resource').map((r) => r.path_part);
    expect(parts.sort()).toEqual(['generate', 'health', 'items', 'trips', '{tripId}']);
  });

  test('methods are Lambda proxy integrations of the function aliases, IAM-authorized where asked', () => {
    const { stack, fns } = build();
    const methods = values(stack, 'aws_api_gateway_method').map((m) => [m.http_method, m.authorization]);
    expect(methods).toEqual([
      ['GET', 'NONE'],
      ['POST', 'NONE'],
      ['GET', 'AWS_IAM'],
    ]);
    expect(values(stack, 'aws_api_gateway_integration')).toContainEqual(
      expect.objectContaining({
        type: 'AWS_PROXY',
        integration_http_method: 'POST',
        uri: `\${aws_lambda_alias.${fns.api.alias?.friendlyUniqueId}.invoke_arn}`,
      }),
    );
  });

  test('the stage traces with X-Ray, logs JSON access logs with retention and throttles every method', () => {
    const { stack, api } = build();
    expect(onlyResource(stack, 'aws_api_gateway_stage')).toMatchObject({
      stage_name: 'prod',
      xray_tracing_enabled: true,
      access_log_settings: { destination_arn: `\${aws_cloudwatch_log_group.${api.accessLogs.friendlyUniqueId}.arn}` },
      depends_on: [
        expect.stringMatching(/^aws_api_gateway_account\./),
        `aws_cloudwatch_log_group.${api.executionLogs.friendlyUniqueId}`,
      ],
    });
    expect(onlyResource(stack, 'aws_api_gateway_method_settings')).toMatchObject({
      method_path: '*/*',
      settings: {
        metrics_enabled: true,
        logging_level: 'ERROR',
        data_trace_enabled: false,
        throttling_rate_limit: 100,
        throttling_burst_limit: 200,
      },
    });
    // API Gateway writes execution logs to a group named after the API and stage; it exists first, with retention.
    expect(resourcesOf(stack, 'aws_cloudwatch_log_group')[api.executionLogs.friendlyUniqueId]).toMatchObject({
      name: `API-Gateway-Execution-Logs_\${aws_api_gateway_rest_api.${api.api.friendlyUniqueId}.id}/prod`,
      retention_in_days: expect.any(Number),
    });
    // API Gateway's own execution log group, created first with retention so that AWS never creates it without.
    expect(resourcesOf(stack, 'aws_cloudwatch_log_group')[api.executionLogs.friendlyUniqueId]).toEqual(
      expect.objectContaining({
        name: `API-Gateway-Execution-Logs_\${aws_api_gateway_rest_api.${api.api.friendlyUniqueId}.id}/prod`,
        retention_in_days: expect.any(Number),
      }),
    );
    expect(violatedRules(stack, [ApigatewayAccessLogs, ApigatewayRestTracing, ApigatewayThrottling])).toEqual([]);
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });

  test("manages the account's CloudWatch role for API Gateway logging, unless told not to", () => {
    const { stack } = build();
    expect(onlyResource(stack, 'aws_iam_role_policy_attachment').policy_arn).toMatch(
      /:iam::aws:policy\/service-role\/AmazonAPIGatewayPushToCloudWatchLogs$/,
    );
    expect(onlyResource(stack, 'aws_api_gateway_account').cloudwatch_role_arn).toMatch(/aws_iam_role\./);
    const { stack: unmanaged, api: unmanagedApi } = build({ manageAccountLogging: false });
    expect(resourcesOf(unmanaged, 'aws_api_gateway_account')).toEqual({});
    expect(onlyResource(unmanaged, 'aws_api_gateway_stage').depends_on).toEqual([
      `aws_cloudwatch_log_group.${unmanagedApi.executionLogs.friendlyUniqueId}`,
    ]);
  });

  test('the deployment is replaced when the routes change, and only then', () => {
    const same = build().api.routesHash;
    expect(build().api.routesHash).toBe(same);
    const moved = build({}, (fns) => [{ method: 'POST', path: '/generate/v2', target: fns.api, publicReason: OPEN }])
      .api.routesHash;
    const authorized = build({}, (fns) => [
      { method: 'GET', path: '/health', target: fns.health, publicReason: OPEN },
      { method: 'POST', path: '/generate', target: fns.api, authorization: 'iam' },
      { method: 'GET', path: '/trips/{tripId}/items', target: fns.api, authorization: 'iam' },
    ]).api.routesHash;
    expect(new Set([same, moved, authorized]).size).toBe(3);
    const { stack } = build();
    expect(onlyResource(stack, 'aws_api_gateway_deployment')).toMatchObject({
      triggers: { routes: same },
      lifecycle: { create_before_destroy: true },
    });
    expect(onlyResource(stack, 'aws_api_gateway_deployment').depends_on.length).toBe(6);
  });

  test('only this API may invoke the functions', () => {
    const { stack, api } = build();
    for (const permission of values(stack, 'aws_lambda_permission')) {
      expect(permission.source_arn).toBe(`\${aws_api_gateway_rest_api.${api.api.friendlyUniqueId}.execution_arn}/*`);
    }
  });

  describe('CORS', () => {
    test('one origin: a mock OPTIONS per path answers the preflight, and gateway errors carry the origin', () => {
      const { stack } = build({ cors: { allowOrigins: ['https://smartpack.example.com'] } });
      const options = values(stack, 'aws_api_gateway_method').filter((m) => m.http_method === 'OPTIONS');
      expect(options).toHaveLength(3);
      expect(options.every((m) => m.authorization === 'NONE')).toBe(true);
      expect(values(stack, 'aws_api_gateway_integration').filter((i) => i.type === 'MOCK')).toHaveLength(3);
      const generate = values(stack, 'aws_api_gateway_integration_response').find((r) =>
        r.http_method.includes(routeId('OPTIONS', '/generate')),
      );
      expect(generate.response_parameters).toEqual({
        'method.response.header.Access-Control-Allow-Origin': "'https://smartpack.example.com'",
        'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,POST'",
        'method.response.header.Access-Control-Allow-Headers':
          "'content-type,authorization,x-amz-date,x-amz-security-token,x-api-key'",
        'method.response.header.Access-Control-Max-Age': "'300'",
      });
      expect(
        values(stack, 'aws_api_gateway_gateway_response')
          .map((r) => r.response_type)
          .sort(),
      ).toEqual(['DEFAULT_4XX', 'DEFAULT_5XX']);
    });

    test('several origins: the allowed request origin is echoed, any other gets no grant', () => {
      const headers = corsHeaders([], {
        allowOrigins: ['https://a.example.com', 'https://b.example.com'],
        allowMethods: ['ANY'],
      });
      expect(headers.static['Access-Control-Allow-Origin']).toBeUndefined();
      expect(headers.static['Access-Control-Allow-Methods']).toBe('DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT');
      expect(headers.template).toContain(
        '#if($origin == "https://a.example.com" || $origin == "https://b.example.com")',
      );
      expect(headers.template).toContain(
        '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
      );
      const { stack } = build({ cors: { allowOrigins: ['https://a.example.com', 'https://b.example.com'] } });
      expect(resourcesOf(stack, 'aws_api_gateway_gateway_response')).toEqual({});
    });
  });

  describe('authorization', () => {
    const plans: ApiUsagePlan[] = [
      { name: 'partners', throttling: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 1000, period: 'DAY' } },
    ];

    test('a Lambda REQUEST authorizer decides for its methods; only this authorizer may invoke it', () => {
      const stack = testStack();
      const fn = (name: string) => testFunction(stack, name);
      const [target, check] = [fn('api'), fn('auth')];
      const session: LambdaAuthorizer = { type: 'lambda', name: 'session', function: check, resultTtlSeconds: 0 };
      const api = new RestApi(stack, 'api', {
        naming,
        name: 'api',
        stageName: 'prod',
        authorizers: [session],
        routes: [{ method: 'GET', path: '/orders', target, authorizer: session }],
        throttling: { rateLimit: 100, burstLimit: 200 },
        logRetentionDays: 30,
      });
      const authorizer = `aws_api_gateway_authorizer.${api.authorizers.session.friendlyUniqueId}`;
      expect(onlyResource(stack, 'aws_api_gateway_authorizer')).toEqual(
        expect.objectContaining({
          name: 'session',
          type: 'REQUEST',
          authorizer_uri: `\${aws_lambda_alias.${check.alias?.friendlyUniqueId}.invoke_arn}`,
          identity_source: 'method.request.header.Authorization',
          authorizer_result_ttl_in_seconds: 0,
        }),
      );
      expect(Object.values(resourcesOf(stack, 'aws_api_gateway_method'))).toContainEqual(
        expect.objectContaining({ authorization: 'CUSTOM', authorizer_id: `\${${authorizer}.id}` }),
      );
      expect(values(stack, 'aws_lambda_permission')).toContainEqual(
        expect.objectContaining({
          qualifier: `\${aws_lambda_alias.${check.alias?.friendlyUniqueId}.name}`,
          source_arn: `\${aws_api_gateway_rest_api.${api.api.friendlyUniqueId}.execution_arn}/authorizers/\${${authorizer}.id}`,
        }),
      );
      // A new authorizer is part of what the deployment snapshots.
      expect(onlyResource(stack, 'aws_api_gateway_deployment').depends_on).toContain(authorizer);
      expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
    });

    test('routes with an API key need it; each usage plan has an AWS-generated key on this stage', () => {
      const { stack, api } = build({ usagePlans: plans }, (fns) => [
        { method: 'POST', path: '/orders', target: fns.api, apiKeyRequired: true },
      ]);
      expect(Object.values(resourcesOf(stack, 'aws_api_gateway_method'))).toContainEqual(
        expect.objectContaining({ http_method: 'POST', authorization: 'NONE', api_key_required: true }),
      );
      expect(onlyResource(stack, 'aws_api_gateway_usage_plan')).toEqual(
        expect.objectContaining({
          name: 'smartpack-prod-api-partners',
          api_stages: [
            {
              api_id: `\${aws_api_gateway_rest_api.${api.api.friendlyUniqueId}.id}`,
              stage: `\${aws_api_gateway_stage.${api.stage.friendlyUniqueId}.stage_name}`,
            },
          ],
          throttle_settings: { rate_limit: 10, burst_limit: 20 },
          quota_settings: { limit: 1000, period: 'DAY' },
        }),
      );
      const key = onlyResource(stack, 'aws_api_gateway_api_key');
      expect(key).toMatchObject({ name: 'smartpack-prod-api-partners', enabled: true });
      expect(key.value).toBeUndefined();
      expect(onlyResource(stack, 'aws_api_gateway_usage_plan_key')).toEqual(
        expect.objectContaining({
          key_type: 'API_KEY',
          key_id: `\${aws_api_gateway_api_key.${api.usagePlans.partners.key.friendlyUniqueId}.id}`,
          usage_plan_id: `\${aws_api_gateway_usage_plan.${api.usagePlans.partners.plan.friendlyUniqueId}.id}`,
        }),
      );
      expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
    });

    test('a public method carries its reason as the suppression of apigateway-route-authorization', () => {
      const { stack } = build();
      const methods = Object.values(resourcesOf(stack, 'aws_api_gateway_method'));
      const reasons = methods.map((m) => [m.http_method, m['//']?.suppressions?.['apigateway-route-authorization']]);
      expect(reasons).toEqual(
        expect.arrayContaining([
          ['POST', OPEN],
          ['GET', OPEN],
          ['GET', undefined],
        ]),
      );
      expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
    });

    test('fails when a JWT authorizer is given, or a route needs an API key without a usage plan', () => {
      const jwt: JwtAuthorizer = { type: 'jwt', name: 'users', issuer: 'https://id.example.com', audience: ['a'] };
      expect(() => build({ authorizers: [jwt] })).toThrow(
        'RestApi: authorizer users is a JWT authorizer, which only HTTP APIs have',
      );
      expect(() =>
        build({}, (fns) => [{ method: 'POST', path: '/orders', target: fns.api, apiKeyRequired: true }]),
      ).toThrow('RestApi: routes with apiKeyRequired need a usage plan (usagePlans), whose API key callers send');
    });
  });

  describe('fails when', () => {
    test('the stage name is invalid', () => {
      expect(() => build({ stageName: 'prod stage' })).toThrow(
        'stageName must be 1 to 128 letters, digits, _ and -, got "prod stage"',
      );
    });
  });
});

describe('ApiDomain', () => {
  test('REST: regional TLS 1.2 domain with a DNS-validated certificate, mapped to the stage, aliased in the zone', () => {
    const { stack, api } = build();
    new ApiDomain(stack, 'domain', {
      domainName: 'api.smartpack.example.com',
      apiKind: 'rest',
      apiId: api.api.id,
      stageName: api.stage.stageName,
      region: 'us-east-1',
      hostedZoneId: 'Z1234567890ABC',
    });
    expect(onlyResource(stack, 'aws_acm_certificate')).toMatchObject({
      domain_name: 'api.smartpack.example.com',
      validation_method: 'DNS',
    });
    expect(onlyResource(stack, 'aws_api_gateway_domain_name')).toMatchObject({
      domain_name: 'api.smartpack.example.com',
      endpoint_configuration: { types: ['REGIONAL'] },
      security_policy: 'TLS_1_2',
      regional_certificate_arn: expect.stringMatching(/aws_acm_certificate_validation\..+\.certificate_arn/),
    });
    expect(onlyResource(stack, 'aws_api_gateway_base_path_mapping').stage_name).toMatch(/aws_api_gateway_stage\./);
    const records = values(stack, 'aws_route53_record').map((r) => r.type);
    expect(records).toHaveLength(3);
    expect(records).toEqual(
      expect.arrayContaining(['A', 'AAAA', expect.stringMatching(/domain_validation_options.*resource_record_type/)]),
    );
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });

  test('HTTP: an existing certificate in the region and no DNS records without a zone', () => {
    const stack = testStack();
    new ApiDomain(stack, 'domain', {
      domainName: 'api.phoney.example.com',
      apiKind: 'http',
      apiId: 'abc123',
      stageName: '$default',
      region: 'us-east-1',
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
    });
    expect(onlyResource(stack, 'aws_apigatewayv2_domain_name').domain_name_configuration).toEqual({
      certificate_arn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
      endpoint_type: 'REGIONAL',
      security_policy: 'TLS_1_2',
    });
    expect(onlyResource(stack, 'aws_apigatewayv2_api_mapping')).toMatchObject({ api_id: 'abc123', stage: '$default' });
    expect(resourcesOf(stack, 'aws_route53_record')).toEqual({});
    expect(resourcesOf(stack, 'aws_acm_certificate')).toEqual({});
  });

  test('fails when the certificate is in another region, or there is neither certificate nor zone', () => {
    const props = {
      domainName: 'api.example.com',
      apiKind: 'http' as const,
      apiId: 'a',
      stageName: '$default',
      region: 'eu-west-1',
    };
    expect(
      () =>
        new ApiDomain(testStack(), 'd', {
          ...props,
          certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
        }),
    ).toThrow(
      'domain api.example.com: certificateArn is in us-east-1, but a regional API endpoint needs a certificate in eu-west-1',
    );
    expect(() => new ApiDomain(testStack(), 'd', props)).toThrow(
      'domain api.example.com: needs certificateArn or hostedZoneId to get a certificate',
    );
  });
});
