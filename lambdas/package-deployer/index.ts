/**
 * Publishes a UI package to the CDN: `POST /packages` (IAM-authorized HTTP API, payload 2.0) with
 * `{ framework, version, stagingPrefix, files: [...] }` or `{ framework, version, stagingPrefix, archive }` (a
 * `.tar.gz` under the staging prefix). See publish.ts for the order of operations that makes a retry safe.
 *
 * Answers 200 with the result, 400 for a bad request (unknown framework, invalid version, unsafe path, file not
 * staged), 409 for a version already published, 413 for a package over the size or file-count limit, and 500 when
 * S3 or CloudFront fails (nothing published; the same request may be retried).
 *
 * Environment: STAGING_BUCKET, ORIGIN_BUCKET, DISTRIBUTION_ID and FRAMEWORKS (comma-separated) are required;
 * MAX_FILES (1000), MAX_BYTES (100 MiB) and COPY_CONCURRENCY (8) are optional; POWERTOOLS_SERVICE_NAME and
 * POWERTOOLS_METRICS_NAMESPACE name the logs and metrics.
 *
 * IAM: s3:GetObject on the staging bucket; s3:GetObject and s3:PutObject on the origin's `packages/*`;
 * cloudfront:CreateInvalidation on the distribution.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { publishPackage, type PublishClients, type PublishTarget } from './publish';
import { parseRequest, RequestError } from './request';

export * from './publish';
export * from './request';
export * from './tar';

export interface DeployerSettings extends PublishTarget {
  readonly frameworks: readonly string[];
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`environment variable ${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): DeployerSettings {
  return {
    stagingBucket: required(env, 'STAGING_BUCKET'),
    originBucket: required(env, 'ORIGIN_BUCKET'),
    distributionId: required(env, 'DISTRIBUTION_ID'),
    frameworks: required(env, 'FRAMEWORKS')
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f.length > 0),
    limits: { maxFiles: positive(env, 'MAX_FILES', 1000), maxBytes: positive(env, 'MAX_BYTES', 100 * 1024 * 1024) },
    concurrency: positive(env, 'COPY_CONCURRENCY', 8),
  };
}

export interface DeployerDeps {
  readonly settings: DeployerSettings;
  readonly clients: PublishClients;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly tracer?: Tracer;
}

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function createHandler(deps: DeployerDeps) {
  const logger = deps.logger ?? new Logger();
  const metrics = deps.metrics ?? new Metrics();
  const tracer = deps.tracer ?? new Tracer();
  return async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    if (context) logger.addContext(context);
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment('## publishPackage');
    if (segment) tracer.setSegment(segment);
    try {
      // HTTP APIs pass bodies of non-text content types base64-encoded.
      const body =
        event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      const request = parseRequest(body, deps.settings.frameworks, deps.settings.limits);
      logger.appendKeys({ framework: request.framework, version: request.version });
      tracer.putAnnotation('framework', request.framework);
      const result = await publishPackage(deps.clients, deps.settings, request);
      metrics.addMetric('PackagesPublished', MetricUnit.Count, 1);
      metrics.addMetric('PackageFiles', MetricUnit.Count, result.files);
      metrics.addMetric('PackageBytes', MetricUnit.Bytes, result.bytes);
      logger.info('package published', { result });
      return json(200, result);
    } catch (error) {
      if (error instanceof RequestError) {
        metrics.addMetric('PackagesRejected', MetricUnit.Count, 1);
        logger.warn('package rejected', { statusCode: error.statusCode, reason: error.message });
        return json(error.statusCode, { message: error.message });
      }
      metrics.addMetric('PackagePublishFailures', MetricUnit.Count, 1);
      logger.error('package publish failed; nothing was published and the request may be retried', error as Error);
      segment?.addError(error as Error);
      return json(500, { message: 'publishing failed before the latest pointer moved; retry the same request' });
    } finally {
      segment?.close();
      if (parent) tracer.setSegment(parent);
      logger.removeKeys(['framework', 'version']);
      metrics.publishStoredMetrics();
    }
  };
}

let lambdaHandler: ReturnType<typeof createHandler> | undefined;

/** The Lambda entry point: clients traced by X-Ray, settings from the environment, built on first use. */
export const handler = (event: APIGatewayProxyEventV2, context: Context) => {
  if (!lambdaHandler) {
    const tracer = new Tracer();
    lambdaHandler = createHandler({
      settings: settingsFromEnv(),
      clients: {
        s3: tracer.captureAWSv3Client(new S3Client({})),
        cloudfront: tracer.captureAWSv3Client(new CloudFrontClient({})),
      },
      tracer,
    });
  }
  return lambdaHandler(event, context);
};
