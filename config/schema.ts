/**
 * The platform configuration: one typed object per preset, validated before any stack is built.
 *
 * Global settings (service, region, repository, state backend, the global layers) sit at the top; everything that
 * varies by environment sits under `environments.<name>`, one switch and sizing block per layer.
 */
import { z } from 'zod';
import { alarmThresholdsSchema } from './layers/alarms';
import { checkReservedConcurrencyPerAccount, checkSingleAccount } from './accounts';
import { checkDeploySessions } from './deploy-session';
import { alertingLayerSchema, checkAlertingWiring } from './layers/alerting';
import { appLayerSchema, checkAppWiring } from './layers/app';
import { codegenLayerSchema, codegenNetworkProblems } from './layers/codegen';
import { cdnLayerSchema } from './layers/cdn';
import { dataLayerNetworkProblems, dataLayerSchema } from './layers/data';
import { checkGithubWiring, githubLayerSchema } from './layers/github';
import { checkJobsWiring, jobsLayerSchema } from './layers/jobs';
import { monitoringLayerSchema } from './layers/monitoring';
import { networkLayerSchema, withNetworkDefaults } from './layers/network';
import { observabilityLayerSchema } from './layers/observability';
import { oncallLayerSchema } from './layers/oncall';
import { checkPipelineWiring, pipelineLayerSchema } from './layers/pipeline';
import { awsAccountId, awsRegion, logRetentionDays, nonEmptyString, tags } from './rules';

/** A layer whose only setting so far is its switch; a layer grows its own schema file when it is built. */
export const layerSwitchSchema = z.object({ enabled: z.boolean().default(false) }).strict();

export const SERVICE_NAME_RULE = /^[a-z][a-z0-9-]{1,18}[a-z0-9]$/;
export const ENVIRONMENT_NAME_RULE = /^[a-z][a-z0-9]{1,9}$/;

export const serviceNameSchema = z
  .string({ required_error: 'is required' })
  .regex(
    SERVICE_NAME_RULE,
    'must be 3 to 20 characters of a-z, 0-9 and -, start with a letter and not end with - (it starts every bucket name)',
  );

export const environmentSchema = z
  .object({
    /**
     * The AWS account this environment deploys to; the provider refuses any other (allowed_account_ids). Every
     * environment that sets it must name the same account: the bootstrap stack lives in one (config/accounts.ts).
     */
    account: awsAccountId.optional(),
    /** Region of this environment, when it differs from the platform's. */
    region: awsRegion.optional(),
    /** Retention of every log group of the environment. */
    logRetentionDays: logRetentionDays.default(7),
    /** Deletion protection and prevent_destroy on stateful resources (prod). */
    protectStatefulResources: z.boolean().default(false),
    network: networkLayerSchema.default({}),
    data: dataLayerSchema.default({}),
    app: appLayerSchema.default({}),
    jobs: jobsLayerSchema.default({}),
    cdn: cdnLayerSchema.default({}),
    codegen: codegenLayerSchema.default({}),
    alerting: alertingLayerSchema.default({}),
    monitoring: monitoringLayerSchema.default({}),
    observability: observabilityLayerSchema.default({}),
    /** Overrides of the alarm thresholds (core/alarm-thresholds.ts), per resource kind. @default the platform's */
    alarms: alarmThresholdsSchema,
  })
  .strict()
  .superRefine((env, ctx) => {
    for (const p of dataLayerNetworkProblems(env)) ctx.addIssue({ code: z.ZodIssueCode.custom, ...p });
    for (const p of codegenNetworkProblems(env)) ctx.addIssue({ code: z.ZodIssueCode.custom, ...p });
  })
  .transform(withNetworkDefaults);

const localState = z.object({ backend: z.literal('local') }).strict();
const s3State = z
  .object({
    backend: z.literal('s3'),
    /** State bucket; defaults to the one the bootstrap stack creates (`<service>-tfstate`). */
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
      .optional(),
    /** Region of the state bucket; defaults to the platform region. */
    region: awsRegion.optional(),
  })
  .strict();
const cloudState = z
  .object({
    backend: z.literal('cloud'),
    organization: nonEmptyString('a Terraform Cloud organization name'),
    hostname: z.string().default('app.terraform.io'),
    /** Terraform Cloud project that holds the workspaces. */
    project: z.string().optional(),
  })
  .strict();

export const stateSchema = z.discriminatedUnion('backend', [localState, s3State, cloudState], {
  errorMap: () => ({ message: 'backend must be one of local, s3, cloud' }),
});

export const platformSchema = z
  .object({
    service: serviceNameSchema,
    region: awsRegion,
    /** Extra tags on every resource, beside Service, Environment, Stack, ManagedBy and Repository. */
    tags: tags.default({}),
    repository: z
      .object({
        owner: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'must be a GitHub user or organization name'),
        name: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a GitHub repository name'),
        defaultBranch: z.string().min(1).default('main'),
      })
      .strict(),
    state: stateSchema.default({ backend: 'local' }),
    bootstrap: z
      .object({
        enabled: z.boolean().default(true),
        /**
         * An account holds one OIDC provider per issuer URL: set false when another stack already created the
         * GitHub provider, and the roles trust the existing one.
         */
        createGithubOidcProvider: z.boolean().default(true),
        /** Days a superseded state version is kept. */
        stateVersionRetentionDays: z.number().int().min(1).max(3650).default(90),
      })
      .strict()
      .default({}),
    oncall: oncallLayerSchema.default({ enabled: false }),
    github: githubLayerSchema.default({}),
    pipeline: pipelineLayerSchema.default({}),
    environments: z
      .record(
        z.string().regex(ENVIRONMENT_NAME_RULE, 'environment names must be 2 to 10 characters of a-z and 0-9'),
        environmentSchema,
      )
      .refine((envs) => Object.keys(envs).length > 0, 'must define at least one environment'),
  })
  .strict()
  .superRefine(checkAlertingWiring)
  .superRefine(checkAppWiring)
  .superRefine(checkJobsWiring)
  // Rules over environment names only once the names themselves are valid, so that one bad name is one problem.
  .superRefine((config, ctx) => {
    const names = Object.keys(config.environments);
    if (names.length === 0 || !names.every((n) => ENVIRONMENT_NAME_RULE.test(n))) return;
    checkGithubWiring(config, ctx);
    checkPipelineWiring(config, ctx);
  })
  .superRefine(checkSingleAccount)
  .superRefine(checkReservedConcurrencyPerAccount)
  .superRefine(checkDeploySessions);

export type PlatformConfigInput = z.input<typeof platformSchema>;
export type PlatformConfig = z.infer<typeof platformSchema>;
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type StateConfig = z.infer<typeof stateSchema>;

/** An environment's settings together with its name, as stacks receive them. */
export interface Environment extends EnvironmentConfig {
  readonly name: string;
}
