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
};

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
      const owners = DIMENSION_OWNERS[name];
      if (!owners) {
        problems.push(
          `${dashboard}: ${namespace} ${metricName} has dimension ${name}, which the test cannot attribute`,
        );
        continue;
      }
      const found = owners.some(([type, attribute]) => resources(type).some((r) => r[attribute] === value));
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
