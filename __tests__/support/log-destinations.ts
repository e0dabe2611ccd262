/**
 * The log groups the resources of a synthesized app write to, derived per resource type from their configuration,
 * and the ones the app does not create. AWS creates a missing group itself, without retention or encryption, which
 * is what the platform must never let happen.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = Record<string, any>;

export interface LogDestination {
  readonly stack: string;
  /** Terraform address of the resource that writes. */
  readonly writer: string;
  /** The log group: a name, or a reference to a log group's ARN (`${aws_cloudwatch_log_group.<id>.arn}`). */
  readonly logGroup: string;
}

const first = (value: unknown): Json | undefined => (Array.isArray(value) ? value[0] : (value as Json | undefined));
/** A log group of the same stack, by reference to its name. */
const GROUP_NAME_REF = /^\$\{aws_cloudwatch_log_group\.([^.]+)\.name\}$/;
const GROUP_ARN_REF = /^\$\{aws_cloudwatch_log_group\.([\w-]+)\.arn\}(:\*)?$/;
const REMOTE_GROUP_REF =
  /^\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.cross-stack-output-aws_cloudwatch_log_group[\w-]*arn\}(:\*)?$/;
/** A literal CloudWatch Logs ARN: `arn:<partition>:logs:<region>:<account>:log-group:<name>[:*]`. */
const GROUP_ARN = /^arn:[\w-]+:logs:[^:]*:[^:]*:log-group:([^:]+)(:\*)?$/;

/** Where each resource type writes, when it does. */
const WRITERS: Record<string, (config: Json) => string[]> = {
  aws_lambda_function: (c) => [first(c.logging_config)?.log_group ?? `/aws/lambda/${c.function_name}`],
  aws_api_gateway_stage: (c) => {
    const arn = first(c.access_log_settings)?.destination_arn;
    return arn ? [arn] : [];
  },
  aws_apigatewayv2_stage: (c) => {
    const arn = first(c.access_log_settings)?.destination_arn;
    return arn ? [arn] : [];
  },
  // Glue writes driver output and errors to the account's shared groups, and continuous logs to the job's own.
  aws_glue_job: (c) => {
    const args: Json = c.default_arguments ?? {};
    const groups = ['/aws-glue/jobs/output', '/aws-glue/jobs/error'];
    if (args['--enable-continuous-cloudwatch-log'] === 'true') {
      groups.push(args['--continuous-log-logGroup'] ?? '/aws-glue/jobs/logs-v2');
    }
    return groups;
  },
  aws_wafv2_web_acl_logging_configuration: (c) => [...(c.log_destination_configs ?? [])],
  // Redshift Serverless exports each audit log type to a group of its namespace.
  aws_redshiftserverless_namespace: (c) =>
    (c.log_exports ?? []).map((type: string) => `/aws/redshift/${c.namespace_name}/${type}`),
  aws_redshift_logging: (c) =>
    c.log_destination_type === 'cloudwatch'
      ? (c.log_exports ?? []).map((type: string) => `/aws/redshift/cluster/${c.cluster_identifier}/${type}`)
      : [],
  aws_codebuild_project: (c) => {
    const logs = first(first(c.logs_config)?.cloudwatch_logs);
    if (logs?.status === 'DISABLED') return [];
    return [logs?.group_name ?? `/aws/codebuild/${c.name}`];
  },
  aws_flow_log: (c) =>
    (c.log_destination_type ?? 'cloud-watch-logs') === 'cloud-watch-logs' && c.log_destination
      ? [c.log_destination]
      : [],
};

/** Resource types whose log groups the check knows how to derive. */
export const LOG_WRITING_TYPES = Object.keys(WRITERS);

export function logDestinations(stacks: Readonly<Record<string, Json>>): LogDestination[] {
  return Object.entries(stacks).flatMap(([stack, json]) =>
    Object.entries(WRITERS).flatMap(([type, derive]) =>
      Object.entries((json.resource?.[type] ?? {}) as Record<string, Json>).flatMap(([name, config]) =>
        derive(config).map((logGroup) => ({ stack, writer: `${type}.${name}`, logGroup })),
      ),
    ),
  );
}

/** The destinations whose log group the app does not create, as `<stack> <writer> -> <log group>`. */
export function missingLogGroups(stacks: Readonly<Record<string, Json>>): string[] {
  const created = new Set<string>();
  for (const json of Object.values(stacks)) {
    for (const group of Object.values((json.resource?.aws_cloudwatch_log_group ?? {}) as Record<string, Json>)) {
      created.add(String(group.name));
    }
  }
  return logDestinations(stacks)
    .filter(({ stack, logGroup }) => {
      const ref = GROUP_ARN_REF.exec(logGroup) ?? GROUP_NAME_REF.exec(logGroup);
      if (ref) return stacks[stack].resource?.aws_cloudwatch_log_group?.[ref[1]] === undefined;
      // A log group of another stack, handed over by object: cdktf only makes such outputs for existing resources.
      if (REMOTE_GROUP_REF.test(logGroup)) return false;
      const literal = GROUP_ARN.exec(logGroup);
      return !created.has(literal ? literal[1] : logGroup);
    })
    .map((d) => `${d.stack} ${d.writer} -> ${d.logGroup}`);
}
