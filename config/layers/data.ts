/**
 * Configuration of the per-environment `data` layer: the data lake buckets, Kinesis streams, the Glue catalog and
 * Redshift Serverless. The Redshift admin password is not configuration: AWS generates it and keeps it in Secrets
 * Manager.
 */
import { z } from 'zod';
import { COMPONENT_RULE } from '../../core/naming-rules';
import { intRange, oneOf } from '../rules';

/** The admin user names AWS and its examples use by default. */
export const DEFAULT_REDSHIFT_ADMIN_NAMES: readonly string[] = ['admin', 'awsuser'];

export const STREAM_MODES = ['on-demand', 'provisioned'] as const;
export type StreamMode = (typeof STREAM_MODES)[number];

/** Redshift Serverless workgroups need subnets in at least this many availability zones. */
export const REDSHIFT_MIN_AVAILABILITY_ZONES = 3;

/**
 * Base capacities Redshift Serverless accepts: 4, multiples of 8 up to 512, then multiples of 32 up to 1024 (above
 * 512 only in some regions, which AWS checks).
 */
export function isRedshiftBaseCapacity(rpus: number): boolean {
  if (!Number.isInteger(rpus)) return false;
  if (rpus === 4) return true;
  if (rpus >= 8 && rpus <= 512) return rpus % 8 === 0;
  return rpus > 512 && rpus <= 1024 && rpus % 32 === 0;
}

const streamSchema = z
  .object({
    /** Component of the physical name: the stream is `<service>-<env>-<name>`. */
    name: z
      .string({ invalid_type_error: 'must be lower-case words of a-z and 0-9 joined by single -' })
      .regex(COMPONENT_RULE, 'must be lower-case words of a-z and 0-9 joined by single -'),
    /** On-demand streams scale by themselves; provisioned ones have `shards`. */
    mode: oneOf(STREAM_MODES).default('on-demand'),
    /** Shards of a provisioned stream. */
    shards: intRange(1, 10000).optional(),
    /** Hours a record stays readable, 24 to 8760 (365 days). */
    retentionHours: intRange(24, 8760).default(24),
  })
  .strict()
  .superRefine((stream, ctx) => {
    if (stream.mode === 'provisioned' && stream.shards === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['shards'], message: 'is required when mode is provisioned' });
    }
    if (stream.mode === 'on-demand' && stream.shards !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['shards'],
        message: 'must not be set when mode is on-demand (AWS scales on-demand streams)',
      });
    }
  });

export type StreamConfig = z.infer<typeof streamSchema>;

const rawDataSchema = z
  .object({
    /** Days before raw objects move to Standard-IA; S3 allows no earlier than 30. */
    infrequentAccessAfterDays: intRange(30, 36500).default(30),
    /** Days before raw objects move to Glacier Flexible Retrieval. */
    glacierAfterDays: intRange(1, 36500).default(90),
    /** Days before raw objects are deleted. */
    expireAfterDays: intRange(1, 36500).default(365),
  })
  .strict()
  .superRefine((raw, ctx) => {
    // S3 rejects a lifecycle whose Glacier transition comes less than 30 days after the Standard-IA one, and an
    // expiry that is not after the last transition.
    if (raw.glacierAfterDays < raw.infrequentAccessAfterDays + 30) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['glacierAfterDays'],
        message: `must be at least 30 days after infrequentAccessAfterDays (${raw.infrequentAccessAfterDays})`,
      });
    }
    if (raw.expireAfterDays <= raw.glacierAfterDays) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['expireAfterDays'],
        message: `must be after glacierAfterDays (${raw.glacierAfterDays})`,
      });
    }
  });

const redshiftSchema = z
  .object({
    /** Base capacity of the workgroup in RPUs: 4, 8 to 512 in steps of 8, or 544 to 1024 in steps of 32. */
    baseCapacityRpus: z
      .number({ invalid_type_error: 'must be a number of RPUs' })
      .refine(isRedshiftBaseCapacity, {
        message: 'must be 4, a multiple of 8 from 8 to 512, or a multiple of 32 from 544 to 1024',
      })
      .default(8),
    /**
     * Admin user; its password is generated and kept in Secrets Manager by AWS. Not a default name (admin,
     * awsuser), which is the first one an attacker tries.
     */
    adminUsername: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,127}$/, 'must start with a letter and contain only a-z, 0-9 and _ (at most 128)')
      .refine((v) => !DEFAULT_REDSHIFT_ADMIN_NAMES.includes(v), {
        message: 'must not be a default admin user name (admin, awsuser)',
      })
      .default('platform_admin'),
    /** The database created in the namespace. */
    databaseName: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must start with a letter and contain only a-z, 0-9 and _ (at most 64)')
      .default('analytics'),
  })
  .strict();

export const dataLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Lifecycle of the raw data bucket. */
    rawData: rawDataSchema.default({}),
    /** Days the S3 server access logs of the data buckets are kept. */
    accessLogRetentionDays: intRange(1, 3650).default(365),
    /** Kinesis data streams, KMS-encrypted with the layer's key. */
    streams: z
      .array(streamSchema)
      .default([])
      .superRefine((streams, ctx) => {
        streams.forEach((stream, i) => {
          if (streams.findIndex((s) => s.name === stream.name) < i) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'name'], message: 'must be unique among streams' });
          }
        });
      }),
    redshift: redshiftSchema.default({}),
  })
  .strict();

export type DataLayerConfig = z.infer<typeof dataLayerSchema>;

interface EnvironmentLayers {
  readonly network: { readonly enabled: boolean; readonly availabilityZones: number };
  readonly data: { readonly enabled: boolean };
}

/**
 * The data layer places Redshift Serverless in the network's private subnets, and AWS requires a workgroup's subnets
 * to span three availability zones, which `terraform plan` does not check. Paths are relative to the environment.
 */
export function dataLayerNetworkProblems(env: EnvironmentLayers): { path: string[]; message: string }[] {
  if (!env.data.enabled) return [];
  if (!env.network.enabled) {
    return [
      {
        path: ['network', 'enabled'],
        message: 'must be true when the data layer is on (Redshift Serverless runs in the private subnets)',
      },
    ];
  }
  if (env.network.availabilityZones < REDSHIFT_MIN_AVAILABILITY_ZONES) {
    return [
      {
        path: ['network', 'availabilityZones'],
        message: `must be ${REDSHIFT_MIN_AVAILABILITY_ZONES} when the data layer is on (a Redshift Serverless workgroup needs private subnets in ${REDSHIFT_MIN_AVAILABILITY_ZONES} availability zones)`,
      },
    ];
  }
  return [];
}
