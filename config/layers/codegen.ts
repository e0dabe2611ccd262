/**
 * Configuration of the per-environment `codegen` layer (Frigg's code-generation infrastructure): the request queue
 * and its dead-letter queue, the worker's concurrency and timeout, the model endpoint, the optional template cache,
 * and how long outputs and finished tracking items are kept.
 *
 * The seed's parameters map to ModelEndpoint -> `modelEndpoint`, MaxConcurrentGenerations ->
 * `maxConcurrentGenerations`, GenerationTimeout -> `generationTimeoutSeconds`, EnableTemplateCache ->
 * `templateCache.enabled`. The model API key is never configuration: it lives in a Secrets Manager secret whose value
 * is set out of band.
 */
import { z } from 'zod';
import { intRange } from '../rules';

/**
 * AWS recommends a queue visibility timeout of at least six times the timeout of the Lambda function consuming it,
 * so that a message is not handed to a second worker while throttled or retried invocations still hold it.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** SQS accepts visibility timeouts up to 12 hours. */
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

const templateCacheSchema = z
  .object({
    /** ElastiCache Serverless (Valkey) in front of the templates bucket. @default true where protectStatefulResources is on (prod), false elsewhere */
    enabled: z.boolean().optional(),
    /** Upper bound of the cache's data storage, in GB (also the reference of its memory alarm). */
    maxDataStorageGb: intRange(1, 5000).default(1),
    /** Seconds a cached template is served before it is read from the bucket again. */
    templateTtlSeconds: intRange(60, 86_400).default(3600),
  })
  .strict();

export const codegenLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The model endpoint URL (HTTPS), kept in an SSM parameter the worker reads at run time. Required when enabled. */
    modelEndpoint: z
      .string()
      .url('must be an https:// URL')
      .refine((url) => url.startsWith('https://'), 'must be an https:// URL')
      .optional(),
    /** Generations running at once: the maximum concurrency of the queue's event source (Lambda allows 2 to 1000). */
    maxConcurrentGenerations: intRange(2, 1000).default(10),
    /** Timeout of the worker function: one generation, model retries included. */
    generationTimeoutSeconds: intRange(1, 900).default(300),
    /** Timeout of one call to the model endpoint. */
    modelRequestTimeoutSeconds: intRange(1, 900).default(90),
    /** Calls to the model endpoint per delivery (the first and its retries with backoff and jitter). */
    modelMaxAttempts: intRange(1, 10).default(3),
    /** Messages per worker invocation; 1 keeps maxConcurrentGenerations exact (one generation per invocation). */
    batchSize: intRange(1, 10).default(1),
    /** Deliveries of a message before SQS moves it to the dead-letter queue. */
    maxReceiveCount: intRange(1, 1000).default(3),
    /** @default 6 × generationTimeoutSeconds */
    visibilityTimeoutSeconds: intRange(0, MAX_VISIBILITY_TIMEOUT_SECONDS).optional(),
    /** How long an unprocessed request stays in the queue (SQS allows 60 s to 14 days). */
    messageRetentionSeconds: intRange(60, 1_209_600).default(345_600),
    /** Memory of the worker function. */
    memoryMb: intRange(128, 10_240).default(512),
    /** Days a generated output is kept in the output bucket. */
    outputExpiryDays: intRange(1, 3650).default(30),
    /** Days a finished (succeeded or failed) tracking item is kept before DynamoDB's TTL removes it. */
    trackingRetentionDays: intRange(1, 3650).default(30),
    templateCache: templateCacheSchema.default({}),
  })
  .strict()
  .superRefine((layer, ctx) => {
    if (!layer.enabled) return;
    if (layer.modelEndpoint === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['modelEndpoint'],
        message: 'is required when the codegen layer is enabled',
      });
    }
    const minimum = VISIBILITY_TIMEOUT_FACTOR * layer.generationTimeoutSeconds;
    if (minimum > MAX_VISIBILITY_TIMEOUT_SECONDS) return;
    if (layer.visibilityTimeoutSeconds !== undefined && layer.visibilityTimeoutSeconds < minimum) {
      ctx.addIssue({
        code: 'custom',
        path: ['visibilityTimeoutSeconds'],
        message:
          `must be at least ${VISIBILITY_TIMEOUT_FACTOR} × generationTimeoutSeconds ` +
          `(${VISIBILITY_TIMEOUT_FACTOR} × ${layer.generationTimeoutSeconds} = ${minimum})`,
      });
    }
    const modelBudget = layer.modelMaxAttempts * layer.modelRequestTimeoutSeconds;
    if (modelBudget >= layer.generationTimeoutSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['modelRequestTimeoutSeconds'],
        message:
          `modelMaxAttempts × modelRequestTimeoutSeconds (${layer.modelMaxAttempts} × ${layer.modelRequestTimeoutSeconds} = ${modelBudget} s) ` +
          `must be less than generationTimeoutSeconds (${layer.generationTimeoutSeconds} s), so a delivery ends before the worker times out`,
      });
    }
  });
export type CodegenLayerConfig = z.infer<typeof codegenLayerSchema>;
/** What a preset writes for the codegen layer (defaults not yet applied). */
export type CodegenLayerInput = z.input<typeof codegenLayerSchema>;

/** The queue's visibility timeout: the configured one, or six times the worker timeout. */
export function visibilityTimeoutOf(layer: CodegenLayerConfig): number {
  return layer.visibilityTimeoutSeconds ?? VISIBILITY_TIMEOUT_FACTOR * layer.generationTimeoutSeconds;
}

/** Whether the environment runs the template cache: on by default in production (protectStatefulResources). */
export function templateCacheEnabled(env: {
  readonly protectStatefulResources: boolean;
  readonly codegen: CodegenLayerConfig;
}): boolean {
  return env.codegen.templateCache.enabled ?? env.protectStatefulResources;
}

/**
 * With the template cache, the worker runs in the network's private subnets (the cache has no public endpoint), and
 * it still calls the model endpoint on the internet, which needs a NAT gateway. Paths are relative to the environment.
 */
export function codegenNetworkProblems(env: {
  readonly protectStatefulResources: boolean;
  readonly codegen: CodegenLayerConfig;
  readonly network: { readonly enabled: boolean; readonly natGateways?: string };
}): { path: string[]; message: string }[] {
  if (!env.codegen.enabled || !templateCacheEnabled(env)) return [];
  if (!env.network.enabled) {
    return [
      {
        path: ['network', 'enabled'],
        message:
          'must be true when the codegen template cache is on (the cache and the worker run in the private subnets)',
      },
    ];
  }
  if (env.network.natGateways === 'none') {
    return [
      {
        path: ['network', 'natGateways'],
        message:
          'must not be none when the codegen template cache is on (the worker in the private subnets calls the model endpoint)',
      },
    ];
  }
  return [];
}
