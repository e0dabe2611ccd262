/**
 * What the codegen stack and its worker (lambdas/codegen-worker) must agree on: the tracking table's key, index and
 * TTL attribute, the object prefixes of the two buckets, and the worker's Powertools service name and custom
 * metrics, which the stack's alarms watch. Kept here, the one folder both may import, so neither side can drift.
 */
export const CODEGEN_CONTRACT = {
  /** Partition key of the tracking table. */
  trackingKey: 'requestId',
  /** Global secondary index of the tracking table: `status` partition, `updatedAt` (ISO 8601) sort key. */
  statusIndex: 'status-index',
  /** Epoch seconds after which DynamoDB deletes a finished tracking item. */
  trackingTtlAttribute: 'expiresAt',
  /** Templates live at `templates/<name>.json` in the templates bucket. */
  templatesPrefix: 'templates/',
  /** Results land at `generated/<requestId>.json` in the output bucket (the prefix the lifecycle expiry covers). */
  generatedPrefix: 'generated/',
  /** POWERTOOLS_SERVICE_NAME of the worker: the `service` dimension of its metrics. */
  serviceName: 'codegen-worker',
  metrics: {
    succeeded: 'GenerationSucceeded',
    failed: 'GenerationFailed',
    retried: 'GenerationRetried',
    duration: 'GenerationDuration',
  },
} as const;
