/**
 * Powertools for AWS Lambda wired the same way in every handler of the platform: Logger (structured JSON with the
 * Lambda context, so every line carries the request ID, plus a correlation ID taken from the event), Metrics
 * (embedded metric format, flushed at the end of each invocation) and, where a handler calls AWS, Tracer (the
 * handler as an X-Ray subsegment; each handler captures its own SDK clients with `tracer.captureAWSv3Client`).
 *
 * Middy is not a dependency, so the handler is wrapped the way the packages document manual instrumentation; this
 * file only orders those documented calls once instead of in every handler.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';

export { MetricUnit } from '@aws-lambda-powertools/metrics';

export interface Powertools {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Absent in handlers that call no AWS API: Lambda's active tracing already records their invocation. */
  readonly tracer?: Tracer;
}

export interface PowertoolsOptions {
  /** `service` of every log line and metric. @default POWERTOOLS_SERVICE_NAME, then SERVICE */
  readonly serviceName?: string;
  /** CloudWatch namespace of the metrics. @default POWERTOOLS_METRICS_NAMESPACE, then METRIC_NAMESPACE */
  readonly namespace?: string;
  readonly tracer?: Tracer;
}

export function createPowertools(options: PowertoolsOptions = {}, env: NodeJS.ProcessEnv = process.env): Powertools {
  const serviceName = options.serviceName ?? (env.POWERTOOLS_SERVICE_NAME || env.SERVICE || undefined);
  const namespace = options.namespace ?? (env.POWERTOOLS_METRICS_NAMESPACE || env.METRIC_NAMESPACE || undefined);
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ serviceName, namespace }),
    tracer: options.tracer,
  };
}

export interface InstrumentOptions<E> {
  /**
   * The correlation ID of an event (the API's request ID, the SNS message ID, the scheduled event's ID), set on the
   * logger with `setCorrelationId`. A typed accessor rather than Powertools' JMESPath search, which would add the
   * JMESPath engine (about 23 kB) to every bundle. @default none: lines carry the Lambda request ID only
   */
  readonly correlationId?: (event: E) => string | undefined;
}

/** The Lambda context a handler receives; tests and local runs may pass none. */
export type LambdaContext = Context | undefined;

/**
 * Wraps a handler: context and correlation ID on the logger, cold start on metrics and trace, the handler as a
 * subsegment with its error as metadata, and the metrics flushed whatever the outcome.
 */
export function instrument<E, R>(
  tools: Powertools,
  handler: (event: E, context: LambdaContext) => Promise<R>,
  options: InstrumentOptions<E> = {},
): (event: E, context?: Context) => Promise<R> {
  const { logger, metrics, tracer } = tools;
  return async (event, context) => {
    if (context) logger.addContext(context);
    const correlationId = options.correlationId?.(event);
    if (correlationId) logger.setCorrelationId(correlationId);
    // Emits only on the first invocation of an on-demand execution environment.
    metrics.captureColdStartMetric(context?.functionName);
    const segment = tracer?.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
    if (tracer && subsegment) {
      tracer.setSegment(subsegment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await handler(event, context);
    } catch (error) {
      tracer?.addErrorAsMetadata(error as Error);
      logger.error('invocation failed', error as Error);
      throw error;
    } finally {
      subsegment?.close();
      if (tracer && segment) tracer.setSegment(segment);
      // Powertools warns on every flush without metrics; a handler that recorded none has nothing to say.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}

/** Reads a required environment variable, failing with its name so a misconfigured function says what is missing. */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`environment variable ${name} is required`);
  return value;
}
