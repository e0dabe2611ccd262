/**
 * Alarm thresholds per resource kind, as keyed data with the platform's defaults (the approach of
 * cdk-monitoring-constructs). An environment overrides any of them in config (`environments.<env>.alarms`); the
 * builders in modules/monitoring/ read the merged result, so no layer carries a threshold of its own.
 */
import type { Severity } from './severity';

export interface AlarmThresholds {
  readonly function: {
    /** Errors as a percentage of invocations. */
    readonly errorRatePercent: number;
    /** Throttled invocations per period above which the alarm fires. */
    readonly throttles: number;
    /** Maximum duration as a percentage of the function's timeout. */
    readonly durationPercentOfTimeout: number;
    readonly severity: Severity;
  };
  readonly api: {
    /** 5xx responses as a percentage of requests. */
    readonly serverErrorRatePercent: number;
    /** 4xx responses as a percentage of requests. */
    readonly clientErrorRatePercent: number;
    /** p99 latency in milliseconds. */
    readonly latencyMs: number;
    readonly severity: Severity;
  };
  readonly queue: {
    /** Age of the oldest message, in seconds. */
    readonly ageOfOldestMessageSeconds: number;
    readonly severity: Severity;
  };
  readonly deadLetterQueue: {
    /** Visible messages above which the alarm fires: 0 means any message. */
    readonly visibleMessages: number;
    readonly severity: Severity;
  };
  readonly stream: {
    /** Age of the oldest record a consumer has not read, in milliseconds. */
    readonly iteratorAgeMs: number;
    /** Throughput-exceeded events (read or write) per period. */
    readonly throughputExceeded: number;
    readonly severity: Severity;
  };
  readonly table: {
    readonly throttledRequests: number;
    readonly systemErrors: number;
    readonly severity: Severity;
  };
  readonly natGateway: {
    readonly portAllocationErrors: number;
    readonly packetsDropped: number;
    readonly severity: Severity;
  };
  readonly redshift: {
    /** Queries failed per period. */
    readonly queriesFailed: number;
    readonly severity: Severity;
  };
  readonly distribution: {
    /** 5xx responses as a percentage of requests. */
    readonly serverErrorRatePercent: number;
    /** Origin latency (p90) in milliseconds. */
    readonly originLatencyMs: number;
    readonly severity: Severity;
  };
  readonly webAcl: {
    /** Blocked requests per 5 minutes: a spike means an attack or a rule blocking real users. */
    readonly blockedRequests: number;
    readonly severity: Severity;
  };
  readonly cache: {
    /** Cache throttled or errored commands per period. */
    readonly errors: number;
    /** Memory used as a percentage of the configured limit (ElastiCache serverless BytesUsedForCache). */
    readonly memoryPercent: number;
    readonly severity: Severity;
  };
  /** A job pipeline's own success and failure counts (custom metrics, for example code generations). */
  readonly generation: {
    /** Failed jobs as a percentage of finished ones. */
    readonly failureRatePercent: number;
    readonly severity: Severity;
  };
}

export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  function: { errorRatePercent: 5, throttles: 0, durationPercentOfTimeout: 80, severity: 'warning' },
  api: { serverErrorRatePercent: 1, clientErrorRatePercent: 10, latencyMs: 5000, severity: 'warning' },
  queue: { ageOfOldestMessageSeconds: 900, severity: 'warning' },
  deadLetterQueue: { visibleMessages: 0, severity: 'warning' },
  stream: { iteratorAgeMs: 60_000, throughputExceeded: 0, severity: 'warning' },
  table: { throttledRequests: 0, systemErrors: 0, severity: 'warning' },
  natGateway: { portAllocationErrors: 0, packetsDropped: 100, severity: 'warning' },
  redshift: { queriesFailed: 0, severity: 'warning' },
  distribution: { serverErrorRatePercent: 5, originLatencyMs: 3000, severity: 'warning' },
  webAcl: { blockedRequests: 1000, severity: 'warning' },
  cache: { errors: 0, memoryPercent: 80, severity: 'warning' },
  generation: { failureRatePercent: 10, severity: 'warning' },
};

export type AlarmThresholdOverrides = { readonly [K in keyof AlarmThresholds]?: Partial<AlarmThresholds[K]> };

/** The defaults with an environment's overrides applied, kind by kind. */
export function mergeAlarmThresholds(overrides: AlarmThresholdOverrides = {}): AlarmThresholds {
  const merged: Record<string, unknown> = {};
  for (const kind of Object.keys(DEFAULT_ALARM_THRESHOLDS) as (keyof AlarmThresholds)[]) {
    merged[kind] = { ...DEFAULT_ALARM_THRESHOLDS[kind], ...overrides[kind] };
  }
  return merged as unknown as AlarmThresholds;
}
