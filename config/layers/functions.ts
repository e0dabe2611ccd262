/**
 * Configuration of functions, shared by the `app` layer (config/layers/app.ts) and the `jobs` layer
 * (config/layers/jobs.ts): where a function's code comes from, its sizing, placement, variables and grants, the
 * tables a layer owns and the access a function gets to them, the shared Lambda layer, and the rules that check a
 * layer's functions against the rest of their environment.
 */
import { z } from 'zod';
import { COMPONENT_RULE, prefixedName, type NameKind } from '../../core/naming-rules';
import { DEFAULT_NODE_RUNTIME, ZIP_RUNTIMES, type ZipRuntime } from '../../core/runtimes';
import { intRange, oneOf } from '../rules';

export { COMPONENT_RULE };
export const componentName = (what: string) =>
  z
    .string({ invalid_type_error: `must be a ${what} name of lower-case words of a-z and 0-9 joined by single -` })
    .regex(COMPONENT_RULE, `must be a ${what} name of lower-case words of a-z and 0-9 joined by single -`);

/** The platform's own health function; every API serves `GET /health` from it. */
export const HEALTH_FUNCTION = 'health';

export { ZIP_RUNTIMES, type ZipRuntime };

/** Runtime of the handlers bundled from `lambdas/`. */
export const BUNDLED_RUNTIME: ZipRuntime = DEFAULT_NODE_RUNTIME;

/** Lambda's account-wide pool must keep this many executions unreserved. */
export const UNRESERVED_CONCURRENCY_FLOOR = 100;

// ---------------------------------------------------------------------------------------------------------------
// Function code

const bundledCode = z
  .object({
    type: z.literal('bundled'),
    /** Folder under `lambdas/` whose index.ts esbuild bundles at synth. */
    handler: z.string().regex(COMPONENT_RULE, 'must be the name of a folder under lambdas/'),
  })
  .strict();

const artifactCode = z
  .object({
    type: z.literal('artifact'),
    /**
     * S3 key of the zip the product's build publishes to the deployment bucket, for example
     * `functions/chatbot/<git sha>.zip`. A new key (or objectVersion) is what deploys new code. Required: a missing
     * key fails synth with the steps to publish the first one.
     */
    key: z
      .string()
      .regex(/^[A-Za-z0-9!_.*'()/-]+\.zip$/, 'must be an S3 key of a .zip file such as functions/api/1.0.0.zip')
      .optional(),
    /** S3 object version of the key, to pin the code when keys are reused. @default the latest version */
    objectVersion: z.string().min(1).optional(),
    runtime: oneOf(ZIP_RUNTIMES).default('nodejs22.x'),
    /** The handler, `<file>.<export>` for Node.js and Python. */
    handler: z.string().min(1).max(128).default('index.handler'),
  })
  .strict();

/** Docker tags: 128 characters of letters, digits, _, . and -, not starting with . or -. */
const IMAGE_TAG_RULE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const imageCode = z
  .object({
    type: z.literal('image'),
    /**
     * Tag of the image in the function's ECR repository (created by the registry stack). Tags are immutable, so a
     * new tag is what deploys new code. Required: a missing tag fails synth with the steps to publish the first one.
     */
    tag: z
      .string()
      .regex(IMAGE_TAG_RULE, 'must be a Docker image tag (letters, digits, _, . and -, at most 128)')
      .refine((t) => t !== 'latest', 'must not be latest: tags are immutable, publish each build under its own tag')
      .optional(),
    /** Overrides the image's CMD (for example the handler of a Python image). */
    command: z.array(z.string().min(1)).nonempty().optional(),
    entryPoint: z.array(z.string().min(1)).nonempty().optional(),
    workingDirectory: z.string().min(1).optional(),
  })
  .strict();

export const CODE_TYPES = ['bundled', 'artifact', 'image'] as const;
export const codeSchema = z.discriminatedUnion('type', [bundledCode, artifactCode, imageCode], {
  errorMap: (issue, ctx) =>
    issue.code === z.ZodIssueCode.invalid_union_discriminator
      ? { message: `type must be one of ${CODE_TYPES.join(', ')}` }
      : { message: ctx.defaultError },
});
export type CodeConfig = z.infer<typeof codeSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Tables and access to them

const keyAttribute = z
  .object({
    name: z.string().min(1).max(255),
    type: oneOf(['S', 'N', 'B'] as const),
  })
  .strict();

export const tableSchema = z
  .object({
    partitionKey: keyAttribute,
    sortKey: keyAttribute.optional(),
    /** Attribute holding an expiry time in epoch seconds; DynamoDB deletes expired items. @default no TTL */
    ttlAttribute: z.string().min(1).max(255).optional(),
    /** On-demand (pay per request) or provisioned capacity. */
    billingMode: oneOf(['on-demand', 'provisioned'] as const).default('on-demand'),
    readCapacity: intRange(1, 40000).optional(),
    writeCapacity: intRange(1, 40000).optional(),
  })
  .strict()
  .superRefine((table, ctx) => {
    for (const field of ['readCapacity', 'writeCapacity'] as const) {
      if (table.billingMode === 'provisioned' && table[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'is required when billingMode is provisioned' });
      }
      if (table.billingMode === 'on-demand' && table[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'must not be set when billingMode is on-demand (DynamoDB scales on-demand tables)',
        });
      }
    }
    if (table.sortKey && table.sortKey.name === table.partitionKey.name) {
      ctx.addIssue({ code: 'custom', path: ['sortKey', 'name'], message: 'must differ from the partition key' });
    }
  });
export type TableConfig = z.infer<typeof tableSchema>;

/** Item-level DynamoDB actions a function may be granted. */
export const DYNAMODB_ACTIONS = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'ConditionCheckItem',
  'DescribeTable',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
] as const;
export type DynamodbAction = (typeof DYNAMODB_ACTIONS)[number];

export const TABLE_ACCESS_LEVELS: Readonly<Record<'read' | 'write' | 'read-write', readonly DynamodbAction[]>> = {
  read: ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'ConditionCheckItem', 'DescribeTable'],
  write: ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'DescribeTable'],
  'read-write': DYNAMODB_ACTIONS,
};

const ENV_VAR_RULE = /^[A-Za-z][A-Za-z0-9_]*$/;
const envVarName = z
  .string()
  .regex(ENV_VAR_RULE, 'must be an environment variable name (a letter, then letters, digits and _)')
  .refine(
    (n) => !/^AWS_/i.test(n) && !['LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR'].includes(n),
    'is reserved by Lambda (AWS_*, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR)',
  );

const tableAccess = z
  .object({
    /** A level (`read`, `write`, `read-write`) ... */
    access: oneOf(['read', 'write', 'read-write'] as const).optional(),
    /** ... or exactly these actions, for least privilege (for example Scan and BatchWriteItem). */
    actions: z.array(oneOf(DYNAMODB_ACTIONS)).nonempty().optional(),
    /** Variable that carries the table name. @default `<TABLE_NAME>_TABLE_NAME` (upper snake case) */
    environmentVariable: envVarName.optional(),
  })
  .strict()
  .refine((a) => (a.access === undefined) !== (a.actions === undefined), {
    message: 'needs exactly one of access (read, write, read-write) or actions',
  });
export type TableAccessConfig = z.infer<typeof tableAccess>;

/** The actions a table access grants. */
export function tableActions(access: TableAccessConfig): readonly DynamodbAction[] {
  return access.actions ?? TABLE_ACCESS_LEVELS[access.access ?? 'read'];
}

/** `conversation-history` → `CONVERSATION_HISTORY_TABLE_NAME`. */
export function tableEnvironmentVariable(table: string, access: TableAccessConfig): string {
  return access.environmentVariable ?? `${table.replace(/-/g, '_').toUpperCase()}_TABLE_NAME`;
}

// ---------------------------------------------------------------------------------------------------------------
// Functions (shared with the jobs layer)

const PARAMETER_NAME_RULE = /^[A-Za-z0-9_.-]{1,200}$/;
export const parameterName = z
  .string()
  .regex(PARAMETER_NAME_RULE, 'must be a parameter name of letters, digits, _, . and - (at most 200)');

/** Variables the platform sets on every function; config may not override them. */
export const PLATFORM_VARIABLES = [
  'SERVICE',
  'ENVIRONMENT',
  'PARAMETER_PATH',
  'SECRET_PREFIX',
  'NODE_OPTIONS',
] as const;

export const functionFields = {
  description: z.string().max(256).optional(),
  code: codeSchema,
  /** @default the layer's memoryMb */
  memoryMb: intRange(128, 10240).optional(),
  /** @default the layer's timeoutSeconds */
  timeoutSeconds: intRange(1, 900).optional(),
  /** Executions reserved for (and capping) this function. @default none: it shares the account's unreserved pool */
  reservedConcurrency: intRange(1, 100000).optional(),
  /** Pre-initialized executions on the `live` alias (billed while idle). @default none */
  provisionedConcurrency: intRange(1, 100000).optional(),
  /** Plain-text variables; secrets belong in `secrets`. */
  environment: z
    .record(envVarName, z.string().max(4096))
    .default({})
    .superRefine((vars, ctx) => {
      for (const name of Object.keys(vars)) {
        if ((PLATFORM_VARIABLES as readonly string[]).includes(name)) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'is set by the platform' });
        }
      }
    }),
  /** Place the function in the network layer's private subnets. */
  vpc: z.boolean().default(false),
  /** Attach the shared layer (`app.layer`). */
  sharedLayer: z.boolean().default(false),
  /** SSM parameters (names under `app.parameters`) the function may read. */
  parameters: z.array(parameterName).default([]),
  /** Secrets (names under `app.secrets`) the function may read. */
  secrets: z.array(componentName('secret')).default([]),
  /** Tables (of the app layer, or of the jobs layer for jobs) the function may use, with the access it gets. */
  tables: z.record(componentName('table'), tableAccess).default({}),
  /** Functions of the same layer this one may invoke (it gets `<NAME>_FUNCTION_NAME`, qualified with `live`). */
  invokes: z.array(componentName('function')).default([]),
  /** Alarm thresholds of this function, overriding the layer's `alarms`. */
  alarms: z
    .object({
      errorRatePercent: z.number().gt(0).max(100).optional(),
      latencyThresholdMs: intRange(10, 900000).optional(),
    })
    .strict()
    .default({}),
};

type FunctionFields = z.infer<z.ZodObject<typeof functionFields>>;

/** Rules of a single function that need no other part of the configuration. */
export function checkFunction(fn: FunctionFields, ctx: z.RefinementCtx): void {
  if (
    fn.provisionedConcurrency !== undefined &&
    fn.reservedConcurrency !== undefined &&
    fn.provisionedConcurrency > fn.reservedConcurrency
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['provisionedConcurrency'],
      message: `must not exceed reservedConcurrency (${fn.reservedConcurrency})`,
    });
  }
  if (fn.code.type === 'image' && fn.sharedLayer) {
    ctx.addIssue({
      code: 'custom',
      path: ['sharedLayer'],
      message: 'must be false for a container image function (Lambda attaches no layers to images; copy it in)',
    });
  }
  const names = fn.parameters.filter((p, i) => fn.parameters.indexOf(p) !== i);
  if (names.length > 0) ctx.addIssue({ code: 'custom', path: ['parameters'], message: `lists ${names[0]} twice` });
}

export const functionSchema = z.object(functionFields).strict().superRefine(checkFunction);
export type FunctionConfig = z.infer<typeof functionSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The shared Lambda layer

export const layerSchema = z
  .object({
    /** Folder whose content becomes the layer (`nodejs/...`, `python/...`), relative to the repository root. */
    path: z
      .string()
      .regex(/^[A-Za-z0-9_./-]+$/, 'must be a relative folder path')
      .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'must stay inside the repository')
      .default('lambdas/layers/shared'),
    compatibleRuntimes: z.array(oneOf(ZIP_RUNTIMES)).nonempty().default(['nodejs22.x', 'python3.12', 'python3.13']),
  })
  .strict();
export type SharedLayerConfig = z.infer<typeof layerSchema>;

// ---------------------------------------------------------------------------------------------------------------
// References and placement of a layer's functions

/** What a layer's functions may refer to: parameters, secrets and the shared layer of the app layer. */
export interface FunctionReferenceScope {
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly secrets: Readonly<Record<string, unknown>>;
  readonly layer?: SharedLayerConfig;
}

/**
 * References of a layer's functions: parameters, secrets, tables, invoked functions and the shared layer must exist
 * and fit (the layer's runtimes). Used by the app layer here and by the jobs layer with the app layer's scope.
 */
export function checkFunctionReferences(
  functions: Readonly<Record<string, FunctionConfig>>,
  scope: FunctionReferenceScope,
  path: readonly (string | number)[],
  ctx: z.RefinementCtx,
  tables: readonly string[],
): void {
  for (const [name, fn] of Object.entries(functions)) {
    const at = (...rest: (string | number)[]) => [...path, name, ...rest];
    fn.parameters.forEach((p, i) => {
      if (scope.parameters[p] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: at('parameters', i),
          message: 'must name a parameter of app.parameters',
        });
      }
    });
    fn.secrets.forEach((s, i) => {
      if (scope.secrets[s] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: at('secrets', i),
          message: 'must name a secret of app.secrets',
        });
      }
    });
    for (const table of Object.keys(fn.tables)) {
      if (!tables.includes(table)) {
        ctx.addIssue({
          code: 'custom',
          path: at('tables', table),
          message: `must name a table of this layer (${tables.join(', ') || 'none defined'})`,
        });
      }
    }
    fn.invokes.forEach((target, i) => {
      if (functions[target] === undefined || target === name) {
        ctx.addIssue({
          code: 'custom',
          path: at('invokes', i),
          message: 'must name another function of this layer',
        });
      }
    });
    if (fn.sharedLayer) {
      const runtime = fn.code.type === 'artifact' ? fn.code.runtime : BUNDLED_RUNTIME;
      if (scope.layer === undefined) {
        ctx.addIssue({ code: 'custom', path: at('sharedLayer'), message: 'needs app.layer to be configured' });
      } else if (fn.code.type !== 'image' && !scope.layer.compatibleRuntimes.includes(runtime)) {
        ctx.addIssue({
          code: 'custom',
          path: at('sharedLayer'),
          message: `needs runtime ${runtime} in app.layer.compatibleRuntimes (${scope.layer.compatibleRuntimes.join(', ')})`,
        });
      }
    }
  }
}

/** The parts of an environment that the placement and code rules read. */
export interface FunctionPlacementEnvironment {
  readonly network: { readonly enabled: boolean };
  readonly data: { readonly enabled: boolean };
}

/**
 * Rules of a layer's functions that depend on the rest of the environment: VPC placement needs the network layer,
 * and container and artifact functions need their first image or zip published, because Lambda cannot create a
 * function without code. The message says how to publish it.
 */
export function checkFunctionPlacementAndCode(
  service: string,
  envName: string,
  env: FunctionPlacementEnvironment,
  layer: 'app' | 'jobs',
  functions: Readonly<Record<string, FunctionConfig>>,
  ctx: z.RefinementCtx,
): void {
  const path = ['environments', envName, layer, 'functions'];
  const name = (component: string, kind: NameKind) => nameForMessage(service, envName, component, kind);
  const stack = (layerName: string) => name(layerName, 'stack');
  for (const [fnName, fn] of Object.entries(functions)) {
    if (fn.vpc && !env.network.enabled) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, fnName, 'vpc'],
        message: `places the function in the VPC, but environments.${envName}.network.enabled is false; enable the network layer or set vpc: false`,
      });
    }
    const app = stack(layer);
    if (fn.code.type === 'image' && fn.code.tag === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, fnName, 'code', 'tag'],
        message:
          'is required: choose the tag of the first image (for example the git commit SHA) and set it here, then ' +
          `npm run cdktf -- deploy ${stack('registry')}, push the image to ECR repository ` +
          `${name(fnName, 'ecrRepository')} (README, "Publishing the first image or artifact"), and deploy ${app}`,
      });
    }
    if (fn.code.type === 'artifact' && fn.code.key === undefined) {
      const bucket = env.data.enabled
        ? `the data layer's deployment bucket (npm run cdktf -- deploy ${stack('data')})`
        : `${name('artifacts', 's3Bucket')} (npm run cdktf -- deploy ${stack('registry')})`;
      ctx.addIssue({
        code: 'custom',
        path: [...path, fnName, 'code', 'key'],
        message:
          `is required: upload the function's zip to ${bucket} under a new key such as functions/${fnName}/<git sha>.zip ` +
          `(README, "Publishing the first image or artifact"), set that key here, and deploy ${app}`,
      });
    }
  }
}

/**
 * A physical name for a message. The names themselves are checked where the resources are built, and an invalid
 * service or environment name has its own rule, so a message here never fails on one.
 */
function nameForMessage(service: string, env: string, component: string, kind: NameKind): string {
  try {
    return prefixedName(`${service}-${env}`, component, kind);
  } catch {
    return `${service}-${env}-${component}`;
  }
}
