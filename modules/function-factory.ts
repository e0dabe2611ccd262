/**
 * Builds the functions and tables of a compute layer from their configuration (config/layers/functions.ts), for
 * the app and jobs layers alike: each function's code (bundled, S3 artifact or container image), sizing, VPC
 * placement, shared layer, variables and grants on tables, parameters, secrets and the functions it invokes.
 */
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Construct } from 'constructs';
import { FunctionConfig, tableActions, tableEnvironmentVariable } from '../config/layers/functions';
import type { Environment, PlatformConfig } from '../config/schema';
import type { AppParameters } from './app-parameters';
import { DynamoTable, GrantableTable } from './dynamodb-table';
import type { EcrRepository } from './ecr-repository';
import { LambdaAsset } from './lambda-asset';
import type { LambdaLayer } from './lambda-layer';
import type { Naming } from './naming';
import { FunctionCode, NodeFunction, NodeFunctionProps } from './node-function';
import type { SecureBucket } from './secure-bucket';

/** The alias every function is published behind; APIs and schedules invoke it. */
export const LIVE_ALIAS = 'live';

/** What a layer's functions are built from: the environment and the resources they may be granted. */
export interface FunctionContext {
  readonly scope: Construct;
  readonly naming: Naming;
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** The layer whose configuration the functions come from, for messages. */
  readonly layer: 'app' | 'jobs';
  /** Private subnets and the function security group, for functions with `vpc: true`. @default no VPC placement */
  readonly network?: { readonly privateSubnets: readonly Subnet[]; readonly functionSecurityGroup: SecurityGroup };
  /** The data layer's deployment bucket, for artifact functions. @default the registry's artifacts bucket */
  readonly data?: { readonly deploymentBucket: SecureBucket };
  /** Repositories of image functions, and the artifacts bucket without the data layer. @default none */
  readonly registry?: {
    readonly repositories: Readonly<Record<string, EcrRepository>>;
    readonly artifactsBucket?: SecureBucket;
  };
  readonly sharedLayer?: LambdaLayer;
  /** Tables the functions may be granted, by configured name. */
  readonly tables: Readonly<Record<string, GrantableTable>>;
  /** The environment's parameters and secrets. @default none: functions may not name any */
  readonly parameters?: AppParameters;
}

/** The layer's tables, named `<service>-<env>-<name>`, with the platform defaults. */
export function buildTables(
  scope: Construct,
  naming: Naming,
  tables: Environment['app']['tables'],
  protect: boolean,
): Record<string, DynamoTable> {
  return Object.fromEntries(
    Object.entries(tables).map(([name, table]) => [
      name,
      new DynamoTable(scope, `table-${name}`, {
        tableName: naming.name(name, 'dynamodbTable'),
        partitionKey: table.partitionKey,
        sortKey: table.sortKey,
        ttlAttribute: table.ttlAttribute,
        billing:
          table.billingMode === 'provisioned'
            ? { mode: 'provisioned', read: table.readCapacity ?? 1, write: table.writeCapacity ?? 1 }
            : { mode: 'on-demand' },
        protect,
      }),
    ]),
  );
}

/**
 * Builds configured functions with their code, sizing, placement, variables and grants, then lets each invoke the
 * functions it names (granted on their alias, passed as `<NAME>_FUNCTION_NAME`).
 */
export function buildFunctions<T extends FunctionConfig>(
  context: FunctionContext,
  configs: Readonly<Record<string, T>>,
  extra: (name: string, fn: T) => Partial<NodeFunctionProps>,
): Record<string, NodeFunction> {
  const functions: Record<string, NodeFunction> = {};
  for (const [name, fn] of Object.entries(configs)) {
    functions[name] = buildFunction(context, name, fn, extra(name, fn));
  }
  for (const [name, fn] of Object.entries(configs)) {
    for (const target of fn.invokes) {
      const callee = functions[target];
      if (!callee) throw new Error(`${context.layer}.functions.${name}.invokes names unknown function ${target}`);
      functions[name].addToRolePolicy({
        sid: `Invoke${pascal(target)}`,
        actions: ['lambda:InvokeFunction'],
        resources: [callee.targetArn],
      });
    }
  }
  return functions;
}

function buildFunction(
  context: FunctionContext,
  name: string,
  fn: FunctionConfig,
  extra: Partial<NodeFunctionProps>,
): NodeFunction {
  const { scope, naming, environment: env } = context;
  const field = `environments.${env.name}.${context.layer}.functions.${name}`;
  const variables: Record<string, string> = {
    ...fn.environment,
    SERVICE: context.config.service,
    ENVIRONMENT: env.name,
  };
  const statements = [];
  for (const [table, access] of Object.entries(fn.tables)) {
    const resource = context.tables[table];
    if (!resource) throw new Error(`${field}.tables names unknown table ${table}`);
    variables[tableEnvironmentVariable(table, access)] = resource.tableName;
    statements.push(resource.grant(tableActions(access), `Table${pascal(table)}`));
  }
  if (fn.parameters.length > 0 || fn.secrets.length > 0) {
    if (!context.parameters) throw new Error(`${field}: reads parameters or secrets, but the app layer is not given`);
    if (fn.parameters.length > 0) variables.PARAMETER_PATH = context.parameters.parameterPath;
    if (fn.secrets.length > 0) variables.SECRET_PREFIX = context.parameters.secretPrefix;
    statements.push(...context.parameters.readStatements(fn.parameters, fn.secrets));
  }
  for (const target of fn.invokes) {
    variables[`${target.replace(/-/g, '_').toUpperCase()}_FUNCTION_NAME`] =
      `${naming.name(target, 'lambdaFunction')}:${LIVE_ALIAS}`;
  }

  let vpc: NodeFunctionProps['vpc'];
  if (fn.vpc) {
    if (!context.network) {
      throw new Error(`${field}.vpc: the function is placed in the VPC, but no network layer was given`);
    }
    vpc = {
      subnetIds: context.network.privateSubnets.map((s) => s.id),
      securityGroupIds: [context.network.functionSecurityGroup.id],
    };
  }
  let layers: string[] | undefined;
  if (fn.sharedLayer) {
    if (!context.sharedLayer) throw new Error(`${field}.sharedLayer: the app layer has no shared layer`);
    layers = [context.sharedLayer.arn];
  }

  const code = functionCode(context, name, fn, field);
  return new NodeFunction(scope, `function-${name}`, {
    naming,
    name,
    description: fn.description,
    code,
    ...(fn.code.type === 'artifact' ? { runtime: fn.code.runtime, handler: fn.code.handler } : {}),
    memoryMb: fn.memoryMb ?? env.app.memoryMb,
    timeoutSeconds: fn.timeoutSeconds ?? env.app.timeoutSeconds,
    logRetentionDays: env.logRetentionDays,
    reservedConcurrency: fn.reservedConcurrency,
    environment: variables,
    policyStatements: statements,
    vpc,
    layers,
    ...extra,
    alias: extra.alias ? { ...extra.alias, provisionedConcurrency: fn.provisionedConcurrency } : undefined,
  });
}

function functionCode(context: FunctionContext, name: string, fn: FunctionConfig, field: string): FunctionCode {
  const code = fn.code;
  switch (code.type) {
    case 'bundled':
      return new LambdaAsset(context.scope, `function-${name}-code`, { handler: code.handler });
    case 'artifact': {
      const bucket = context.data?.deploymentBucket ?? context.registry?.artifactsBucket;
      if (!bucket) throw new Error(`${field}.code: no deployment bucket (data layer) or artifacts bucket (registry)`);
      if (code.key === undefined) throw new Error(`${field}.code.key is required`);
      return { kind: 's3', bucket: bucket.bucket.bucket, key: code.key, objectVersion: code.objectVersion };
    }
    case 'image': {
      const repository = context.registry?.repositories[name];
      if (!repository) throw new Error(`${field}.code: the registry has no repository for ${name}`);
      if (code.tag === undefined) throw new Error(`${field}.code.tag is required`);
      return {
        kind: 'image',
        imageUri: repository.imageUri(code.tag),
        command: code.command,
        entryPoint: code.entryPoint,
        workingDirectory: code.workingDirectory,
      };
    }
  }
}

function pascal(name: string): string {
  return name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
