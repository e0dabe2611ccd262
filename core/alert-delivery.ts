/**
 * Limits of alert delivery that the alert processor (lambdas/alert-processor) applies and the alerting config
 * sizes the processor's timeout by, so both read one value.
 */

/** Longest wait a Slack Retry-After may impose: Retry-After may ask for minutes, which would outlast the timeout. */
export const MAX_RETRY_AFTER_MS = 5000;
