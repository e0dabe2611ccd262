/**
 * Baseline of the app and jobs layers: functions reachable only through what the platform builds (no function URLs,
 * no public or wildcard invoke permissions), ECR scanned, immutable and pruned, API stages logged, traced and
 * throttled, custom domains on TLS 1.2, DynamoDB recoverable and encrypted with KMS, secret values kept out of
 * configuration, CodeDeploy rolling back on alarms, and scheduled targets with retries and a dead-letter queue.
 */
import { blocks, Finding, PolicyRule, SynthResource } from '../engine';

export const lambdaNoFunctionUrl: PolicyRule = {
  id: 'lambda-no-function-url',
  description: 'No function URL: functions are reached through API Gateway, which logs, throttles and authorizes.',
  check: (stack) =>
    stack
      .resources('aws_lambda_function_url')
      .map((u) => ({ resource: u, message: 'function URL bypasses API Gateway (and is public with auth NONE)' })),
};

/**
 * A source ARN with a wildcard region or account, or a wildcard resource (`*`, `rule/*`), matches sources in other
 * accounts or every resource of a service. References (`${...}`) are concrete by construction.
 */
export function wildcardSource(arn: string): boolean {
  const parts = arn.split(':');
  if (parts.length < 6) return arn.includes('*');
  const [, , , region, account] = parts;
  const resource = parts.slice(5).join(':');
  return region === '*' || account === '*' || resource === '*' || /^[A-Za-z-]+\/\*$/.test(resource);
}

export const lambdaNoPublicInvoke: PolicyRule = {
  id: 'lambda-no-public-invoke',
  description:
    'Invoke permissions name one principal and a concrete source: no "*" principal, no wildcard region, account or resource in source_arn.',
  check: (stack) =>
    stack.resources('aws_lambda_permission').flatMap((p): Finding[] => {
      if (String(p.config.principal ?? '') === '*') {
        return [{ resource: p, message: 'permission lets anyone invoke the function (principal "*")' }];
      }
      const source = p.config.source_arn;
      if (typeof source === 'string' && !source.startsWith('${') && wildcardSource(source)) {
        return [{ resource: p, message: `source_arn ${source} has a wildcard region, account or resource` }];
      }
      if (p.config.function_url_auth_type === 'NONE') {
        return [{ resource: p, message: 'permission opens a function URL without authentication' }];
      }
      return [];
    }),
};

export const ecrScanOnPush: PolicyRule = {
  id: 'ecr-scan-on-push',
  description: 'Every ECR repository scans images on push.',
  check: (stack) =>
    stack
      .resources('aws_ecr_repository')
      .filter((r) => !blocks(r.config.image_scanning_configuration).some((c) => c.scan_on_push === true))
      .map((r) => ({
        resource: r,
        message: 'repository does not have image_scanning_configuration.scan_on_push = true',
      })),
};

export const ecrImmutableTags: PolicyRule = {
  id: 'ecr-immutable-tags',
  description: 'Every ECR repository has immutable tags, so a tag always names the same image.',
  check: (stack) =>
    stack
      .resources('aws_ecr_repository')
      .filter((r) => r.config.image_tag_mutability !== 'IMMUTABLE')
      .map((r) => ({ resource: r, message: 'repository does not have image_tag_mutability = "IMMUTABLE"' })),
};

export const ecrLifecyclePolicy: PolicyRule = {
  id: 'ecr-lifecycle-policy',
  description: 'Every ECR repository has a lifecycle policy, so old images expire.',
  check: (stack) =>
    stack
      .resources('aws_ecr_repository')
      .flatMap((r): Finding[] =>
        stack.referencing('aws_ecr_lifecycle_policy', 'repository', r, 'name').length > 0
          ? []
          : [{ resource: r, message: 'repository has no aws_ecr_lifecycle_policy in this stack' }],
      ),
};

function hasAccessLogs(stage: SynthResource): boolean {
  return blocks(stage.config.access_log_settings).some(
    (s) => typeof s.destination_arn === 'string' && typeof s.format === 'string',
  );
}

export const apiAccessLogs: PolicyRule = {
  id: 'apigateway-access-logs',
  description: 'Every API Gateway stage (REST and HTTP) writes access logs.',
  check: (stack) =>
    [...stack.resources('aws_api_gateway_stage'), ...stack.resources('aws_apigatewayv2_stage')]
      .filter((s) => !hasAccessLogs(s))
      .map((s) => ({ resource: s, message: 'stage has no access_log_settings with a destination and format' })),
};

export const apiRestTracing: PolicyRule = {
  id: 'apigateway-rest-tracing',
  description: 'Every REST API stage has X-Ray tracing.',
  check: (stack) =>
    stack
      .resources('aws_api_gateway_stage')
      .filter((s) => s.config.xray_tracing_enabled !== true)
      .map((s) => ({ resource: s, message: 'stage does not have xray_tracing_enabled = true' })),
};

const isNumber = (v: unknown) => typeof v === 'number' && v > 0;

export const apiThrottling: PolicyRule = {
  id: 'apigateway-throttling',
  description: 'Every API stage throttles: HTTP stages by default route settings, REST stages by method settings.',
  check: (stack) => [
    ...stack
      .resources('aws_apigatewayv2_stage')
      .filter(
        (s) =>
          !blocks(s.config.default_route_settings).some(
            (r) => isNumber(r.throttling_rate_limit) && isNumber(r.throttling_burst_limit),
          ),
      )
      .map((s) => ({ resource: s, message: 'stage has no default_route_settings throttling rate and burst' })),
    ...stack.resources('aws_api_gateway_stage').flatMap((s): Finding[] => {
      const throttled = stack
        .referencing('aws_api_gateway_method_settings', 'stage_name', s, 'stage_name')
        .some((m) =>
          blocks(m.config.settings).some(
            (r) => isNumber(r.throttling_rate_limit) && isNumber(r.throttling_burst_limit),
          ),
        );
      return throttled ? [] : [{ resource: s, message: 'stage has no method settings with throttling rate and burst' }];
    }),
  ],
};

export const apiDomainTls: PolicyRule = {
  id: 'apigateway-domain-tls',
  description: 'Custom API domains accept TLS 1.2 or newer only.',
  check: (stack) => [
    ...stack
      .resources('aws_api_gateway_domain_name')
      .filter((d) => d.config.security_policy === undefined || d.config.security_policy === 'TLS_1_0')
      .map((d) => ({ resource: d, message: 'domain does not set security_policy to TLS_1_2 or newer' })),
    ...stack
      .resources('aws_apigatewayv2_domain_name')
      .filter((d) => blocks(d.config.domain_name_configuration).some((c) => c.security_policy === 'TLS_1_0'))
      .map((d) => ({ resource: d, message: 'domain allows TLS 1.0' })),
  ],
};

export const dynamodbPointInTimeRecovery: PolicyRule = {
  id: 'dynamodb-pitr',
  description: 'Every DynamoDB table has point-in-time recovery.',
  check: (stack) =>
    stack
      .resources('aws_dynamodb_table')
      .filter((t) => !blocks(t.config.point_in_time_recovery).some((p) => p.enabled === true))
      .map((t) => ({ resource: t, message: 'table does not have point_in_time_recovery.enabled = true' })),
};

export const dynamodbEncryption: PolicyRule = {
  id: 'dynamodb-encryption',
  description:
    'Every DynamoDB table is encrypted with a KMS key (AWS managed or customer managed), not an AWS owned key.',
  check: (stack) =>
    stack
      .resources('aws_dynamodb_table')
      .filter((t) => !blocks(t.config.server_side_encryption).some((s) => s.enabled === true))
      .map((t) => ({ resource: t, message: 'table does not have server_side_encryption.enabled = true' })),
};

function ignoresValue(resource: SynthResource): boolean {
  const ignored: unknown = resource.config.lifecycle?.ignore_changes;
  return ignored === 'all' || (Array.isArray(ignored) && ignored.includes('value'));
}

export const ssmSecureStringOutOfBand: PolicyRule = {
  id: 'ssm-securestring-out-of-band',
  description: 'SecureString parameters get their value out of band: Terraform creates them and ignores the value.',
  check: (stack) =>
    stack
      .resources('aws_ssm_parameter')
      .filter((p) => p.config.type === 'SecureString' && !ignoresValue(p))
      .map((p) => ({
        resource: p,
        message: 'SecureString parameter does not ignore changes to value (its value belongs out of band)',
      })),
};

export const secretsNoLiteralValue: PolicyRule = {
  id: 'secrets-no-literal-value',
  description: 'No secret value is written in configuration: secret versions take values only from references.',
  check: (stack) =>
    stack.resources('aws_secretsmanager_secret_version').flatMap((v): Finding[] =>
      ['secret_string', 'secret_binary'].flatMap((field): Finding[] => {
        const value = v.config[field];
        return typeof value === 'string' && !value.startsWith('${')
          ? [{ resource: v, message: `${field} is a literal value` }]
          : [];
      }),
    ),
};

export const codedeployRollbackOnAlarm: PolicyRule = {
  id: 'codedeploy-rollback-on-alarm',
  description: 'Every deployment group rolls back automatically on failure and when its alarms fire.',
  check: (stack) =>
    stack.resources('aws_codedeploy_deployment_group').flatMap((g): Finding[] => {
      const rollback = blocks(g.config.auto_rollback_configuration)[0];
      const events: unknown[] = rollback?.events ?? [];
      const alarms = blocks(g.config.alarm_configuration)[0];
      const alarmNames: unknown[] = alarms?.alarms ?? [];
      if (
        rollback?.enabled !== true ||
        !events.includes('DEPLOYMENT_STOP_ON_ALARM') ||
        !events.includes('DEPLOYMENT_FAILURE')
      ) {
        return [
          { resource: g, message: 'group does not roll back on DEPLOYMENT_FAILURE and DEPLOYMENT_STOP_ON_ALARM' },
        ];
      }
      if (alarms?.enabled !== true || alarmNames.length === 0) {
        return [{ resource: g, message: 'group has no enabled alarm configuration to roll back on' }];
      }
      return [];
    }),
};

export const eventTargetRetries: PolicyRule = {
  id: 'events-lambda-target-dlq',
  description: 'EventBridge targets that invoke functions have a retry policy and a dead-letter queue.',
  check: (stack) =>
    stack
      .resources('aws_cloudwatch_event_target')
      .filter((t) => /\$\{aws_lambda_(alias|function)\.|:lambda:/.test(String(t.config.arn ?? '')))
      .filter(
        (t) =>
          !blocks(t.config.dead_letter_config).some((d) => typeof d.arn === 'string') ||
          blocks(t.config.retry_policy).length === 0,
      )
      .map((t) => ({ resource: t, message: 'function target has no dead_letter_config and retry_policy' })),
};

export const COMPUTE_API_RULES: readonly PolicyRule[] = [
  lambdaNoFunctionUrl,
  lambdaNoPublicInvoke,
  ecrScanOnPush,
  ecrImmutableTags,
  ecrLifecyclePolicy,
  apiAccessLogs,
  apiRestTracing,
  apiThrottling,
  apiDomainTls,
  dynamodbPointInTimeRecovery,
  dynamodbEncryption,
  ssmSecureStringOutOfBand,
  secretsNoLiteralValue,
  codedeployRollbackOnAlarm,
  eventTargetRetries,
];
