/** What a synthesized app's dashboards draw, and the metrics among them that belong to nothing of the app. */

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = Record<string, any>;

/** Dimension name to the resource type and attribute whose value it must be. */
export const DIMENSION_OWNERS: Record<string, [type: string, attribute: string][]> = {
  FunctionName: [['aws_lambda_function', 'function_name']],
  QueueName: [['aws_sqs_queue', 'name']],
  TableName: [['aws_dynamodb_table', 'name']],
  StreamName: [['aws_kinesis_stream', 'name']],
  TopicName: [['aws_sns_topic', 'name']],
  ApiName: [['aws_api_gateway_rest_api', 'name']],
  BucketName: [['aws_s3_bucket', 'bucket']],
  ApiId: [['aws_apigatewayv2_api', 'id']],
  Stage: [
    ['aws_api_gateway_stage', 'stage_name'],
    ['aws_apigatewayv2_stage', 'name'],
  ],
  NatGatewayId: [['aws_nat_gateway', 'id']],
  DistributionId: [['aws_cloudfront_distribution', 'id']],
  WebACL: [['aws_wafv2_web_acl', 'name']],
  clusterId: [['aws_elasticache_serverless_cache', 'name']],
  Workgroup: [['aws_redshiftserverless_workgroup', 'workgroup_name']],
  DatabaseName: [['aws_redshiftserverless_namespace', 'db_name']],
};

/** Dimensions whose value is fixed by the service rather than naming a resource. */
const FIXED_DIMENSIONS: Record<string, string[]> = { Region: ['Global'], Rule: ['ALL'] };

const REMOTE = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\.([^.}]+)\}$/;
const REFERENCE = /^\$\{([a-z0-9_]+)\.([^.]+)\.([a-z0-9_]+)\}$/;

/** Whether a dimension value is (a reference to) the attribute of a resource of one of the owner types. */
function ownedBy(stacks: Record<string, Json>, stack: string, value: string, owners: [string, string][]): boolean {
  const remote = REMOTE.exec(value);
  if (remote) {
    const produced = stacks[remote[1]]?.output?.[remote[2]]?.value;
    return typeof produced === 'string' && ownedBy(stacks, remote[1], produced, owners);
  }
  const reference = REFERENCE.exec(value);
  if (reference) {
    const [, type, id, attribute] = reference;
    return (
      owners.some(([t, a]) => t === type && (a === attribute || attribute === 'id' || attribute === 'name')) &&
      stacks[stack]?.resource?.[type]?.[id] !== undefined
    );
  }
  return owners.some(([type, attribute]) =>
    Object.values(stacks).some((j) =>
      Object.values((j.resource?.[type] ?? {}) as Record<string, Json>).some((r) => r[attribute] === value),
    ),
  );
}

/** Problems as `<dashboard>: <metric> ...`: custom namespaces nothing publishes, dimensions naming no resource. */
export function foreignDashboardMetrics(stacks: Record<string, Json>): string[] {
  const resources = (type: string): Json[] =>
    Object.values(stacks).flatMap((j) => Object.values((j.resource?.[type] ?? {}) as Record<string, Json>));
  const customNamespaces = new Set<string>([
    ...resources('aws_cloudwatch_log_metric_filter').map((f) => `${f.metric_transformation.namespace}`),
    ...resources('aws_lambda_function').flatMap((f) => f.environment?.variables?.METRIC_NAMESPACE ?? []),
  ]);
  const problems: string[] = [];
  const metrics = dashboardMetrics(stacks);
  const stackOf: Record<string, string> = {};
  for (const [stack, json] of Object.entries(stacks)) {
    for (const d of Object.values((json.resource?.aws_cloudwatch_dashboard ?? {}) as Record<string, Json>)) {
      stackOf[d.dashboard_name] = stack;
    }
  }
  for (const { dashboard, row } of metrics) {
    const [namespace, metricName, ...rest] = row as string[];
    const dims = rest.filter((x) => typeof x === 'string');
    if (!namespace.startsWith('AWS/')) {
      if (!customNamespaces.has(namespace))
        problems.push(`${dashboard}: ${namespace} ${metricName} is published by nothing of the app`);
      continue;
    }
    for (let i = 0; i < dims.length; i += 2) {
      const [name, value] = [dims[i], dims[i + 1]];
      if (name === 'Resource') continue; // `<function>:<alias>`, with the FunctionName beside it.
      if (FIXED_DIMENSIONS[name]?.includes(value)) continue;
      const owners = DIMENSION_OWNERS[name];
      if (!owners) {
        problems.push(
          `${dashboard}: ${namespace} ${metricName} has dimension ${name}, which the test cannot attribute`,
        );
        continue;
      }
      const found = ownedBy(stacks, stackOf[dashboard], value, owners);
      if (!found) problems.push(`${dashboard}: ${namespace} ${metricName} ${name}=${value} is no resource of the app`);
    }
  }
  return problems;
}

/** Every `[namespace, metric, dim, value, ..., {options}]` row of every dashboard, with its dashboard. */
export function dashboardMetrics(stacks: Record<string, Json>): { dashboard: string; row: (string | Json)[] }[] {
  return Object.values(stacks).flatMap((json) =>
    Object.values((json.resource?.aws_cloudwatch_dashboard ?? {}) as Record<string, Json>).flatMap((d) =>
      (JSON.parse(d.dashboard_body).widgets as Json[])
        .filter((w) => w.type === 'metric')
        .flatMap((w) => (w.properties.metrics as unknown[][]).filter((row) => typeof row[0] === 'string'))
        .map((row) => ({ dashboard: d.dashboard_name as string, row: row as (string | Json)[] })),
    ),
  );
}
