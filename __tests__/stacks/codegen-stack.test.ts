import { Testing } from 'cdktf';
import { validateConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';
import { CodegenStack } from '../../stacks/codegen-stack';
import { synthPreset } from '../support/app';
import { resources, resourceWhere } from '../support/compute';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Longest chain of stacks, following dependencies from `stack`. */
function depth(dependencies: Readonly<Record<string, string[]>>, stack: string): number {
  return 1 + Math.max(0, ...(dependencies[stack] ?? []).map((d) => depth(dependencies, d)));
}

describe('CodegenStack for Frigg (seed 000)', () => {
  const synth = synthPreset({ preset: 'frigg' });
  const prod: Json = synth.json('frigg-prod-codegen');
  const dev: Json = synth.json('frigg-dev-codegen');

  test('the seed per-environment concurrency (5, 8, 20) on the event source, with partial batch failures', () => {
    for (const [env, concurrency] of [
      ['dev', 5],
      ['staging', 8],
      ['prod', 20],
    ] as const) {
      const mapping = resources(synth.json(`frigg-${env}-codegen`), 'aws_lambda_event_source_mapping')['worker-events'];
      expect(mapping).toMatchObject({
        event_source_arn: '${aws_sqs_queue.requests_queue_04FB249F.arn}',
        function_name: '${aws_lambda_function.worker_function_38E6FF8A.arn}',
        batch_size: 1,
        function_response_types: ['ReportBatchItemFailures'],
        scaling_config: { maximum_concurrency: concurrency },
      });
    }
  });

  test('the worker: 300 s timeout, tracing, in the private subnets with the function group, its configuration', () => {
    const fn = resourceWhere(prod, 'aws_lambda_function', 'function_name', 'frigg-prod-codegen-worker');
    expect(fn).toMatchObject({
      timeout: 300,
      memory_size: 512,
      tracing_config: { mode: 'Active' },
      vpc_config: {
        subnet_ids: [expect.stringContaining('private-1'), expect.stringContaining('private-2')],
        security_group_ids: [expect.stringContaining('security-groups_functions')],
      },
    });
    expect(fn.environment.variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'codegen-worker',
      POWERTOOLS_METRICS_NAMESPACE: 'frigg/prod',
      TRACKING_TABLE_NAME: 'frigg-prod-codegen-requests',
      IDEMPOTENCY_TABLE_NAME: 'frigg-prod-codegen-idempotency',
      MODEL_ENDPOINT_PARAMETER: '${aws_ssm_parameter.model-endpoint.name}',
      MODEL_API_KEY_SECRET_ARN: '${aws_secretsmanager_secret.model-api-key.arn}',
      MAX_RECEIVE_COUNT: '3',
      MODEL_TIMEOUT_MS: '90000',
      CACHE_TLS: 'true',
      CACHE_ENDPOINT: expect.stringContaining(
        'aws_elasticache_serverless_cache.template-cache_1DCFB776.endpoint[0].address',
      ),
    });
  });

  test('request queue: encrypted, long polling, visibility 6 × 300 s, redrive to the DLQ after 3 receives', () => {
    const queues = resources(prod, 'aws_sqs_queue');
    expect(queues.requests_queue_04FB249F).toMatchObject({
      name: 'frigg-prod-codegen-requests',
      sqs_managed_sse_enabled: true,
      receive_wait_time_seconds: 20,
      visibility_timeout_seconds: 1800,
    });
    expect(JSON.parse(queues.requests_queue_04FB249F.redrive_policy)).toEqual({
      deadLetterTargetArn: '${aws_sqs_queue.requests_dlq_48538B41.arn}',
      maxReceiveCount: 3,
    });
    expect(queues.requests_dlq_48538B41).toMatchObject({
      name: 'frigg-prod-codegen-requests-dlq',
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1_209_600,
    });
    const allow = Object.values(resources(prod, 'aws_sqs_queue_redrive_allow_policy'))[0] as Json;
    expect(JSON.parse(allow.redrive_allow_policy)).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: ['${aws_sqs_queue.requests_queue_04FB249F.arn}'],
    });
  });

  test('tracking table: request ID key, status index, TTL, PITR, encryption, protected in prod only', () => {
    const table = resources(prod, 'aws_dynamodb_table').tracking_table_A986F9DF;
    expect(table).toMatchObject({
      name: 'frigg-prod-codegen-requests',
      hash_key: 'requestId',
      ttl: { enabled: true, attribute_name: 'expiresAt' },
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
      global_secondary_index: [
        expect.objectContaining({ name: 'status-index', hash_key: 'status', range_key: 'updatedAt' }),
      ],
    });
    expect(resources(dev, 'aws_dynamodb_table').tracking_table_A986F9DF.deletion_protection_enabled).toBe(false);
    expect(resources(prod, 'aws_dynamodb_table').idempotency_table_83111827).toMatchObject({
      hash_key: 'id',
      ttl: { enabled: true, attribute_name: 'expiration' },
    });
  });

  test('buckets private, encrypted, versioned, TLS-only; generated outputs expire', () => {
    const buckets = resources(prod, 'aws_s3_bucket');
    expect(Object.keys(buckets).sort()).toEqual(['output_bucket_EA1A22F2', 'templates_bucket_B7422F93']);
    const lifecycle = resources(prod, 'aws_s3_bucket_lifecycle_configuration').output_lifecycle_CDB29CBE;
    expect(lifecycle.rule).toContainEqual(
      expect.objectContaining({
        id: 'expire-generated-code',
        filter: [{ prefix: 'generated/' }],
        expiration: [{ days: 30 }],
      }),
    );
    expect(Object.keys(resources(prod, 'aws_s3_bucket_public_access_block'))).toHaveLength(2);
    expect(Object.keys(resources(prod, 'aws_s3_bucket_policy'))).toHaveLength(2);
  });

  test('template cache: serverless Valkey in the private subnets behind the cache group', () => {
    expect(resources(prod, 'aws_elasticache_serverless_cache')['template-cache_1DCFB776']).toMatchObject({
      name: 'frigg-prod-codegen-templates',
      engine: 'valkey',
      subnet_ids: [expect.stringContaining('private-1'), expect.stringContaining('private-2')],
      security_group_ids: [expect.stringContaining('security-groups_cache')],
      cache_usage_limits: [{ data_storage: [{ maximum: 1, unit: 'GB' }] }],
    });
  });

  test('endpoint URL in an SSM parameter; the API key secret has no value in the configuration', () => {
    expect(resources(prod, 'aws_ssm_parameter')['model-endpoint']).toMatchObject({
      name: '/frigg/prod/codegen/model-endpoint',
      type: 'String',
      value: 'https://api.openai.com/v1/chat/completions',
    });
    expect(resources(prod, 'aws_secretsmanager_secret')['model-api-key'].name).toBe('frigg/prod/codegen/model-api-key');
    expect(resources(prod, 'aws_secretsmanager_secret_version')).toEqual({});
  });

  test('the worker policy grants each dependency on its own resource, outputs under generated/ only', () => {
    const policy = JSON.parse(Object.values(resources(prod, 'aws_iam_role_policy'))[0].policy as string);
    const sids = policy.Statement.map((s: Json) => s.Sid);
    expect(sids).toEqual(
      expect.arrayContaining([
        'ConsumeRequests',
        'TrackRequests',
        'IdempotencyRecords',
        'ReadTemplates',
        'WriteOutputs',
        'ReadModelEndpoint',
        'ReadModelApiKey',
      ]),
    );
    const write = policy.Statement.find((s: Json) => s.Sid === 'WriteOutputs');
    expect(write.Resource).toBe('${aws_s3_bucket.output_bucket_EA1A22F2.arn}/generated/*');
  });

  test('alarms through the alarm model, routed to the alerting topics, exposed on the handles', () => {
    const stack = synth.stacks.environments.prod.codegen!;
    expect(stack.createdAlarms.map((a) => a.alarmName).sort()).toEqual([
      'frigg-prod-codegen-cache-memory',
      'frigg-prod-codegen-cache-throttled',
      'frigg-prod-codegen-generations-failures',
      'frigg-prod-codegen-requests-age',
      'frigg-prod-codegen-requests-dlq-messages',
      'frigg-prod-codegen-worker-duration',
      'frigg-prod-codegen-worker-errors',
      'frigg-prod-codegen-worker-throttles',
      'frigg-prod-idempotency-table-system-errors',
      'frigg-prod-idempotency-table-throttled',
      'frigg-prod-tracking-table-system-errors',
      'frigg-prod-tracking-table-throttled',
    ]);
    expect(stack.watchedResources.map((r) => [r.kind, r.area])).toEqual([
      ['table', 'codegen'],
      ['table', 'codegen'],
      ['queue', 'codegen'],
      ['deadLetterQueue', 'codegen'],
      ['function', 'codegen'],
      ['custom', 'codegen'],
      ['cache', 'codegen'],
    ]);
    for (const alarm of Object.values(resources(prod, 'aws_cloudwatch_metric_alarm')) as Json[]) {
      // The alert topic of the alarm's severity, reached by name (severityTopicArns).
      expect(alarm.alarm_actions).toEqual([
        expect.stringMatching(new RegExp(`:sns:us-east-1:.*:frigg-prod-${alarm.tags.Severity}-alerts$`)),
      ]);
    }
    const duration = resourceWhere(
      prod,
      'aws_cloudwatch_metric_alarm',
      'alarm_name',
      'frigg-prod-codegen-worker-duration',
    );
    expect(duration.threshold).toBe(240_000);
  });

  test('outputs for producers, each described', () => {
    const own = Object.entries(prod.output).filter(([id]) => !id.startsWith('cross-stack-output-'));
    expect(own.map(([id]) => id).sort()).toEqual([
      'cache-endpoint',
      'dead-letter-queue-url',
      'model-api-key-secret-arn',
      'output-bucket',
      'queue-arn',
      'queue-url',
      'templates-bucket',
      'tracking-table-name',
    ]);
    for (const [, output] of own as [string, Json][]) expect(output.description).toEqual(expect.any(String));
  });

  test('depends on the network only (alarms reach the alert topics by name); chains stay within 4 stacks', () => {
    expect(synth.dependencies['frigg-prod-codegen'].sort()).toEqual(['frigg-prod-network']);
    for (const stack of Object.keys(synth.dependencies))
      expect(depth(synth.dependencies, stack)).toBeLessThanOrEqual(4);
  });
});

describe('CodegenStack for the platform preset', () => {
  const synth = synthPreset({ preset: 'platform' });

  test('dev runs without the cache and outside the VPC; prod with the cache', () => {
    const dev: Json = synth.json('platform-dev-codegen');
    expect(resources(dev, 'aws_elasticache_serverless_cache')).toEqual({});
    const fn = resourceWhere(dev, 'aws_lambda_function', 'function_name', 'platform-dev-codegen-worker');
    expect(fn.vpc_config).toBeUndefined();
    expect(fn.environment.variables.CACHE_ENDPOINT).toBeUndefined();
    expect(
      Object.keys(resources(synth.json('platform-prod-codegen'), 'aws_elasticache_serverless_cache')),
    ).toHaveLength(1);
    expect(dev.output['cache-endpoint']).toBeUndefined();
  });

  test('the longest dependency chain stays within 4 stacks', () => {
    for (const stack of Object.keys(synth.dependencies))
      expect(depth(synth.dependencies, stack)).toBeLessThanOrEqual(4);
  });
});

describe('CodegenStack guards', () => {
  const config = validateConfig(PRESETS.frigg);
  const environment = { ...config.environments.prod, name: 'prod' };

  test('fails when the template cache is on and no network handles are given', () => {
    expect(() => new CodegenStack(Testing.app(), { config, environment })).toThrow(
      "environments.prod.codegen.templateCache: the cache needs the network layer's private subnets",
    );
  });

  test('fails when there is no model endpoint', () => {
    const noEndpoint = {
      ...environment,
      codegen: {
        ...environment.codegen,
        modelEndpoint: undefined,
        templateCache: { ...environment.codegen.templateCache, enabled: false },
      },
    };
    expect(() => new CodegenStack(Testing.app(), { config, environment: noEndpoint })).toThrow(
      'environments.prod.codegen.modelEndpoint: is required when the codegen layer is enabled',
    );
  });
});
