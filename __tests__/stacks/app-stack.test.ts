import { App, Testing } from 'cdktf';
import { validateConfig } from '../../config/load';
import { AppStack } from '../../stacks/app-stack';
import { synthPreset } from '../support/app';
import { computeInput, problemsOf, resources, resourceWhere, synthConfig } from '../support/compute';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const policyOf = (json: Json, roleName: string) => {
  const role = Object.entries(resources(json, 'aws_iam_role')).find(([, r]) => r.name === roleName)?.[0];
  const policy = Object.values(resources(json, 'aws_iam_role_policy')).find((p) => p.role.includes(`.${role}.`));
  return JSON.parse(policy.policy).Statement as {
    Sid: string;
    Action: string | string[];
    Resource: string | string[];
  }[];
};

describe('AppStack defaults', () => {
  const synth = synthConfig(computeInput({}));
  const json = synth.json('svc-dev-app');

  test('the health function, published behind the live alias, sized by the layer', () => {
    expect(resourceWhere(json, 'aws_lambda_function', 'function_name', 'svc-dev-health')).toMatchObject({
      memory_size: 256,
      timeout: 15,
      publish: true,
      environment: { variables: { SERVICE: 'svc', ENVIRONMENT: 'dev' } },
    });
    const alias = Object.values(resources(json, 'aws_lambda_alias'))[0];
    expect(alias).toMatchObject({ name: 'live' });
    expect(alias.lifecycle).toBeUndefined();
  });

  test('error, throttle, duration and latency alarms on the alias, exposed with their severity; no CodeDeploy outside production', () => {
    const alarms = Object.values(resources(json, 'aws_cloudwatch_metric_alarm'));
    const expected = [
      ['svc-dev-health-errors', 'warning'],
      ['svc-dev-health-throttles', 'warning'],
      ['svc-dev-health-duration', 'warning'],
      ['svc-dev-health-latency', 'warning'],
    ];
    expect(alarms.map((a) => [a.alarm_name, a.tags.Severity]).sort()).toEqual([...expected].sort());
    expect(resourceWhere(json, 'aws_cloudwatch_metric_alarm', 'alarm_name', 'svc-dev-health-latency').threshold).toBe(
      10000,
    );
    expect(synth.stacks.environments.dev.app?.createdAlarms.map((a) => [a.alarmName, a.severity])).toEqual(expected);
    // No critical alarm here, so no health composite.
    expect(synth.stacks.environments.dev.app?.healthAlarms).toEqual([]);
    expect(resources(json, 'aws_codedeploy_deployment_group')).toEqual({});
    expect(resources(json, 'aws_apigatewayv2_api')).toEqual({});
    expect(Object.values(resources(json, 'aws_iam_role')).map((r) => r.name)).not.toContain('svc-dev-sagemaker');
  });
});

describe('AppStack for Phoney (HTTP API, container image, canary in prod)', () => {
  const synth = synthPreset({ preset: 'phoney', environments: ['prod'] });
  const json = synth.json('phoney-prod-app');

  test('the container function runs the registry image with the stage sizing and reserved concurrency', () => {
    const fn = resourceWhere(json, 'aws_lambda_function', 'function_name', 'phoney-prod-api');
    expect(fn).toMatchObject({
      package_type: 'Image',
      memory_size: 1024,
      timeout: 30,
      reserved_concurrent_executions: 1000,
      publish: true,
      environment: { variables: { PARAMETER_PATH: '/phoney/prod/', SECRET_PREFIX: 'phoney/prod/' } },
    });
    expect(fn.image_uri).toMatch(
      /terraform_remote_state\.cross-stack-reference-input-phoney-prod-registry.+repository_url\}:1\.0\.0$/,
    );
    expect(synth.dependencies['phoney-prod-app']).toContain('phoney-prod-registry');
  });

  test('an HTTP API routes everything to the function and GET /health to the health function', () => {
    const routes = Object.values(resources(json, 'aws_apigatewayv2_route')).map((r) => r.route_key);
    expect(routes.sort()).toEqual(['ANY /', 'ANY /{proxy+}', 'GET /health']);
    expect(Object.values(resources(json, 'aws_apigatewayv2_stage'))[0].default_route_settings).toMatchObject({
      throttling_rate_limit: 1000,
      throttling_burst_limit: 2000,
    });
    expect(Object.values(resources(json, 'aws_apigatewayv2_domain_name'))[0].domain_name).toBe(
      'api.phoney.example.com',
    );
    expect(json.output['api-url']).toBeDefined();
  });

  test('SSM parameters and the credentials secret; the function may read exactly those', () => {
    const names = Object.values(resources(json, 'aws_ssm_parameter')).map((p) => p.name);
    expect(names.sort()).toEqual([
      '/phoney/prod/API_USERNAME',
      '/phoney/prod/CORS_ORIGINS',
      '/phoney/prod/RATE_LIMIT_PER_MINUTE',
      '/phoney/prod/SECRET_KEY',
    ]);
    expect(resourceWhere(json, 'aws_secretsmanager_secret', 'name', 'phoney/prod/credentials')).toMatchObject({
      recovery_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    const statements = policyOf(json, 'phoney-prod-api-fn');
    const parameters = statements.find((s) => s.Sid === 'ReadOwnParameters');
    expect(parameters?.Resource).toHaveLength(4);
    expect((parameters?.Resource as string[]).every((r) => r.startsWith('${aws_ssm_parameter.'))).toBe(true);
    expect(statements.find((s) => s.Sid === 'ReadOwnSecrets')?.Resource).toMatch(/^\$\{aws_secretsmanager_secret\./);
    // The health function reads nothing.
    expect(policyOf(json, 'phoney-prod-health-fn').map((s) => s.Sid)).toEqual(['WriteOwnLogs', 'Tracing']);
  });

  test('CodeDeploy shifts each alias 10 % then 100 % and rolls back on its alarms; errors page', () => {
    const groups = Object.values(resources(json, 'aws_codedeploy_deployment_group'));
    expect(groups.map((g) => g.deployment_group_name).sort()).toEqual(['phoney-prod-api', 'phoney-prod-health']);
    for (const alias of Object.values(resources(json, 'aws_lambda_alias'))) {
      expect(alias.lifecycle).toEqual({ ignore_changes: ['function_version', 'routing_config'] });
    }
    expect(Object.values(resources(json, 'aws_codedeploy_deployment_config'))[0].deployment_config_name).toBe(
      'phoney-prod-canary-10pct-10min',
    );
    const errors = resourceWhere(json, 'aws_cloudwatch_metric_alarm', 'alarm_name', 'phoney-prod-api-errors');
    expect(errors.tags.Severity).toBe('critical');
    expect(errors.alarm_actions[0]).toMatch(/:sns:us-east-1:.*:phoney-prod-critical-alerts$/);
    expect(resourceWhere(json, 'aws_cloudwatch_metric_alarm', 'alarm_name', 'phoney-prod-api-latency').threshold).toBe(
      5000,
    );
  });
});

describe('AppStack for Concert (REST API, artifacts, VPC, layer, table, SageMaker)', () => {
  const synth = synthPreset({ preset: 'concert', environments: ['dev'] });
  const json = synth.json('concert-dev-app');

  test('five functions: four artifacts from the data layer deployment bucket, in the private subnets, with the layer', () => {
    const functions = Object.values(resources(json, 'aws_lambda_function'));
    expect(functions.map((f) => f.function_name).sort()).toEqual([
      'concert-dev-chatbot',
      'concert-dev-health',
      'concert-dev-recommendations',
      'concert-dev-ticket-prediction',
      'concert-dev-venue-popularity',
    ]);
    const chatbot = resourceWhere(json, 'aws_lambda_function', 'function_name', 'concert-dev-chatbot');
    expect(chatbot).toMatchObject({
      runtime: 'python3.12',
      handler: 'api_lambda_handlers.chatbot_handler',
      s3_key: 'functions/api-handlers/1.0.0.zip',
      layers: [expect.stringMatching(/^\$\{aws_lambda_layer_version\./)],
    });
    expect(chatbot.s3_bucket).toMatch(/cross-stack-reference-input-concert-dev-data/);
    expect(chatbot.vpc_config.subnet_ids).toHaveLength(3);
    expect(chatbot.vpc_config.security_group_ids[0]).toMatch(/cross-stack-reference-input-concert-dev-network/);
    expect(synth.dependencies['concert-dev-app']).toEqual(
      expect.arrayContaining(['concert-dev-network', 'concert-dev-data']),
    );
  });

  test('the conversation history table, and the chatbot may read and write it', () => {
    expect(resourceWhere(json, 'aws_dynamodb_table', 'name', 'concert-dev-conversation-history')).toMatchObject({
      hash_key: 'conversationId',
      range_key: 'timestamp',
      billing_mode: 'PAY_PER_REQUEST',
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: false,
    });
    const chatbot = resourceWhere(json, 'aws_lambda_function', 'function_name', 'concert-dev-chatbot');
    expect(chatbot.environment.variables.CONVERSATION_HISTORY_TABLE_NAME).toBe('concert-dev-conversation-history');
    const grant = policyOf(json, 'concert-dev-chatbot-fn').find((s) => s.Sid === 'TableConversationHistory');
    expect(grant?.Action).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    expect(policyOf(json, 'concert-dev-recommendations-fn').some((s) => s.Sid?.startsWith('Table'))).toBe(false);
  });

  test('a REST API with a resource per route, X-Ray on the stage and the environment as stage name', () => {
    const parts = Object.values(resources(json, 'aws_api_gateway_resource')).map((r) => r.path_part);
    expect(parts.sort()).toEqual(
      [
        'chat',
        'health',
        'popularity',
        'predictions',
        'recommendations',
        'tickets',
        'venues',
        '{userId}',
        '{venueId}',
      ].sort(),
    );
    expect(Object.values(resources(json, 'aws_api_gateway_stage'))[0]).toMatchObject({
      stage_name: 'dev',
      xray_tracing_enabled: true,
    });
  });

  test('the SageMaker role is scoped to the data layer model artifacts bucket', () => {
    const statements = policyOf(json, 'concert-dev-sagemaker');
    expect(statements.find((s) => s.Sid === 'ReadWriteModelArtifacts')?.Resource).toMatch(
      /cross-stack-reference-input-concert-dev-data.+\/\*$/,
    );
  });

  test('pins the addresses of its stateful resources (renaming destroys them)', () => {
    expect(Object.keys(resources(json, 'aws_dynamodb_table'))).toEqual(['table-conversation-history_table_AEA08CC4']);
    expect(Object.keys(resources(json, 'aws_ssm_parameter')).sort()).toEqual([
      'config_parameter-bedrock-agent-alias-id_677F563B',
      'config_parameter-bedrock-agent-id_8E573476',
    ]);
  });
});

describe('AppStack for SmartPack (artifact from the registry bucket, invoking a container)', () => {
  const synth = synthPreset({ preset: 'smartpack', environments: ['prod'] });
  const json = synth.json('smartpack-prod-app');

  test('the API artifact comes from the registry artifacts bucket and may invoke the AI function alias', () => {
    const api = resourceWhere(json, 'aws_lambda_function', 'function_name', 'smartpack-prod-api');
    expect(api.s3_bucket).toMatch(/cross-stack-reference-input-smartpack-prod-registry/);
    expect(api.environment.variables).toMatchObject({
      AI_FUNCTION_NAME: 'smartpack-prod-ai:live',
      NODE_ENV: 'production',
      SECRET_PREFIX: 'smartpack/prod/',
    });
    const invoke = policyOf(json, 'smartpack-prod-api-fn').find((s) => s.Sid === 'InvokeAi');
    expect(invoke).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Resource: expect.stringMatching(/aws_lambda_alias\./),
    });
    expect(resourceWhere(json, 'aws_lambda_function', 'function_name', 'smartpack-prod-ai')).toMatchObject({
      memory_size: 3008,
      timeout: 300,
    });
    expect(
      resourceWhere(json, 'aws_cloudwatch_metric_alarm', 'alarm_name', 'smartpack-prod-ai-latency').threshold,
    ).toBe(120000);
  });

  test('POST /generate and GET /health on the REST API, with a CORS preflight', () => {
    const methods = Object.values(resources(json, 'aws_api_gateway_method')).map((m) => m.http_method);
    expect(methods.sort()).toEqual(['GET', 'OPTIONS', 'OPTIONS', 'POST']);
  });
});

describe('AppStack fails when', () => {
  const config = validateConfig(
    computeInput({
      network: { enabled: true },
      app: { functions: { api: { code: { type: 'image', tag: '1' }, vpc: true } } },
    }),
  );
  const environment = { ...config.environments.dev, name: 'dev' };

  test('a function is placed in the VPC but no network handles are given', () => {
    expect(() => new AppStack(Testing.app(), { config, environment })).toThrow(
      'environments.dev.app.functions.api.vpc: the function is placed in the VPC, but no network layer was given',
    );
  });

  test('fails when a custom domain has no API to serve (a config error, before any stack is built)', () => {
    expect(problemsOf(computeInput({ app: { domain: { name: 'api.example.com', hostedZoneId: 'Z123' } } }))).toEqual([
      'environments.dev.app.domain: a custom domain needs app.api to serve, got {"name":"api.example.com","hostedZoneId":"Z123"}',
    ]);
  });

  test('an image function has no registry repository', () => {
    const noVpc = validateConfig(computeInput({ app: { functions: { api: { code: { type: 'image', tag: '1' } } } } }));
    expect(
      () => new AppStack(new App(), { config: noVpc, environment: { ...noVpc.environments.dev, name: 'dev' } }),
    ).toThrow('environments.dev.app.functions.api.code: the registry has no repository for api');
  });
});
