/**
 * Configuration of the per-environment `observability` layer: the log metric filters and their alarms, X-Ray
 * sampling, the error processor's deduplication window, and optional KMS encryption of the layer's log groups.
 * Defaults are those of the seeds: errors above 10 in 300 s for 2 periods (SmartPack's high error rate alarm),
 * latency above 5 s in production and 10 s elsewhere (Phoney), everything traced outside production and a small
 * fixed rate with a reservoir in production.
 */
import { z } from 'zod';
import { SEVERITIES } from '../../core/severity';
import { intRange, oneOf } from '../rules';
import { isProduction, type ProductionMarker } from '../../core/environment';

const period = z
  .number()
  .int()
  .refine((p) => [10, 30].includes(p) || (p >= 60 && p % 60 === 0), 'must be 10, 30 or a multiple of 60 seconds');

/** Statistics of the latency alarm (duration values published by the metric filter support percentiles). */
export const LATENCY_STATISTICS = ['Average', 'Maximum', 'p50', 'p90', 'p95', 'p99', 'p99.9'] as const;

const logAlarmFields = {
  periodSeconds: period.default(300),
  evaluationPeriods: intRange(1, 100).default(2),
  severity: oneOf(SEVERITIES).default('warning'),
};

export const observabilityLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Error lines (Powertools ERROR/CRITICAL, runtime errors, timeouts) summed over every function log group. */
    errorAlarm: z
      .object({ threshold: intRange(0, 1_000_000).default(10), ...logAlarmFields })
      .strict()
      .default({}),
    /** Invocation duration from the Lambda REPORT lines. */
    latencyAlarm: z
      .object({
        /** @default 5000 in production, 10000 elsewhere */
        thresholdMs: intRange(1, 900_000).optional(),
        statistic: oneOf(LATENCY_STATISTICS).default('p99'),
        ...logAlarmFields,
      })
      .strict()
      .default({}),
    /** Lines a handler logs with a `data_quality_issue` field (the platform's data-quality convention). */
    dataQualityAlarm: z
      .object({
        threshold: intRange(0, 1_000_000).default(0),
        ...logAlarmFields,
        severity: oneOf(SEVERITIES).default('info'),
      })
      .strict()
      .default({}),
    tracing: z
      .object({
        /** Fraction of requests traced beyond the reservoir. @default 1 (everything) outside production, 0.05 in production */
        fixedRate: z.number().min(0).max(1).optional(),
        /** Requests per second traced before the fixed rate applies. @default 1 */
        reservoirSize: intRange(0, 1000).default(1),
      })
      .strict()
      .default({}),
    errorProcessor: z
      .object({
        enabled: z.boolean().default(true),
        /** Seconds within which one distinct error is forwarded once. */
        dedupWindowSeconds: intRange(60, 86_400).default(900),
      })
      .strict()
      .default({}),
    /** Encrypt the layer's log groups with a customer-managed KMS key. */
    encryptLogs: z.boolean().default(false),
  })
  .strict();
export type ObservabilityLayerConfig = z.infer<typeof observabilityLayerSchema>;

export interface ObservabilityDefaults {
  readonly latencyThresholdMs: number;
  readonly samplingFixedRate: number;
}

/** The defaults that depend on the environment. */
export function observabilityDefaults(
  config: ObservabilityLayerConfig,
  environment: ProductionMarker,
): ObservabilityDefaults {
  const production = isProduction(environment);
  return {
    latencyThresholdMs: config.latencyAlarm.thresholdMs ?? (production ? 5000 : 10_000),
    samplingFixedRate: config.tracing.fixedRate ?? (production ? 0.05 : 1),
  };
}
