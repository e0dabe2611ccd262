/**
 * Configuration of the per-environment `jobs` layer: scheduled functions (EventBridge rules) and the tables they own.
 * Functions take the app layer's function settings (code, sizing, grants) plus a schedule and retry settings; they
 * may use the app layer's tables, parameters, secrets and shared layer.
 */
import { z } from 'zod';
import { intRange } from '../rules';
import type { ComputeWiringEnvironment } from './app';
import {
  checkFunction,
  checkFunctionPlacementAndCode,
  checkFunctionReferences,
  COMPONENT_RULE,
  functionFields,
  HEALTH_FUNCTION,
  tableSchema,
  UNRESERVED_CONCURRENCY_FLOOR,
} from './functions';

/** `rate(1 day)`, `rate(5 minutes)` or a six-field `cron(...)`, as EventBridge accepts them. */
export const SCHEDULE_RULE =
  /^(rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)|cron\(\S+( \S+){5}\))$/;

export const scheduledFunctionSchema = z
  .object({
    ...functionFields,
    /** When the function runs: `rate(1 hour)`, `rate(1 day)`, `cron(0 3 * * ? *)` (UTC). */
    schedule: z
      .string()
      .regex(
        SCHEDULE_RULE,
        'must be rate(<n> <unit>) or cron(<6 fields>), for example rate(1 hour) or cron(0 3 * * ? *)',
      ),
    /** A disabled rule keeps the function but stops scheduling it. */
    scheduleEnabled: z.boolean().default(true),
    /** Constant JSON input instead of the scheduled event. @default the scheduled event */
    input: z.record(z.unknown()).optional(),
    /** Times EventBridge retries a delivery Lambda refused (throttled, unavailable). */
    eventRetryAttempts: intRange(0, 185).default(2),
    /** Age after which EventBridge stops retrying and sends the event to the failure queue. */
    maxEventAgeSeconds: intRange(60, 86400).default(3600),
    /** Times Lambda retries an invocation that failed with an error. */
    functionRetryAttempts: intRange(0, 2).default(2),
  })
  .strict()
  .superRefine(checkFunction);
export type ScheduledFunctionConfig = z.infer<typeof scheduledFunctionSchema>;

export const jobsLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Tables owned by the jobs layer (for example user preferences and session state). */
    tables: z
      .record(
        z.string().regex(COMPONENT_RULE, 'must be lower-case words of a-z and 0-9 joined by single -'),
        tableSchema,
      )
      .default({}),
    functions: z
      .record(
        z.string().regex(COMPONENT_RULE, 'must be lower-case words of a-z and 0-9 joined by single -'),
        scheduledFunctionSchema,
      )
      .default({}),
  })
  .strict();
export type JobsLayerConfig = z.infer<typeof jobsLayerSchema>;
/** What a preset writes for the jobs layer (defaults not yet applied). */
export type JobsLayerInput = z.input<typeof jobsLayerSchema>;

export interface JobsWiringInput {
  readonly service: string;
  readonly environments: Readonly<Record<string, ComputeWiringEnvironment & { readonly jobs: JobsLayerConfig }>>;
}

/**
 * Rules of the jobs layer against the rest of its environment: names distinct from the app layer's (they share the
 * `<service>-<env>-` prefix), references to the app layer's tables, parameters, secrets and shared layer, VPC
 * placement, first published code, and the concurrency both layers reserve.
 */
export function checkJobsWiring(config: JobsWiringInput, ctx: z.RefinementCtx): void {
  for (const [envName, env] of Object.entries(config.environments)) {
    const jobs = env.jobs;
    if (!jobs.enabled) continue;
    const path = ['environments', envName, 'jobs'];
    const app = env.app.enabled ? env.app : undefined;
    for (const name of Object.keys(jobs.functions)) {
      if (name === HEALTH_FUNCTION || app?.functions[name] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'functions', name],
          message: 'is also a function of the app layer; function names are unique in an environment',
        });
      }
    }
    for (const name of Object.keys(jobs.tables)) {
      if (app?.tables[name] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'tables', name],
          message: 'is also a table of the app layer; table names are unique in an environment',
        });
      }
    }
    const scope = app ?? { parameters: {}, secrets: {} };
    checkFunctionReferences(jobs.functions, scope, [...path, 'functions'], ctx, [
      ...Object.keys(jobs.tables),
      ...Object.keys(app?.tables ?? {}),
    ]);
    checkFunctionPlacementAndCode(config.service, envName, env, 'jobs', jobs.functions, ctx);
    const reserved = [...Object.values(jobs.functions), ...Object.values(app?.functions ?? {})].reduce(
      (sum, fn) => sum + (fn.reservedConcurrency ?? 0),
      0,
    );
    const quota = env.app.concurrencyQuota;
    if (reserved > quota - UNRESERVED_CONCURRENCY_FLOOR) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'functions'],
        message:
          `reserve, with the app layer, ${reserved} concurrent executions, more than app.concurrencyQuota (${quota}) ` +
          `minus the ${UNRESERVED_CONCURRENCY_FLOOR} Lambda keeps unreserved`,
      });
    }
  }
}
