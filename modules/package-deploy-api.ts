/**
 * The UI package deployment API: a staging bucket that builds upload to (objects expire after a week), the
 * package-deployer function (lambdas/package-deployer) and an HTTP API whose only route, `POST /packages`, requires
 * IAM authorization (SigV4; callers need execute-api:Invoke), with throttling and access logs. The function may
 * read the staging bucket, write only under the origin's `packages/`, and invalidate only this distribution.
 */
import { Construct } from 'constructs';
import { HttpApi } from './http-api';
import { LambdaAsset } from './lambda-asset';
import type { Naming } from './naming';
import { NodeFunction } from './node-function';
import { SecureBucket } from './secure-bucket';

export const PACKAGES_PREFIX = 'packages/';
export const PACKAGE_ROUTE = 'POST /packages';
/** Days a staged upload is kept: long enough to retry a failed publish, short enough not to pile up. */
export const STAGING_RETENTION_DAYS = 7;
/**
 * The copy may outlast API Gateway's 30 s wait: the function keeps going, and a caller that timed out sends the same
 * request again and gets 200 (it finished the job) or 409 (the version is already published).
 */
export const PACKAGE_DEPLOYER_TIMEOUT_SECONDS = 300;

export interface PackageDeployApiProps {
  readonly naming: Naming;
  /** The bucket the packages are published into (a site's origin). */
  readonly origin: SecureBucket;
  /** The distribution in front of the origin: its ID for invalidations, its ARN for the grant. */
  readonly distribution: { readonly distributionId: string; readonly arn: string };
  readonly frameworks: readonly string[];
  readonly maxFiles: number;
  readonly maxPackageMb: number;
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetentionDays: number;
  /** prevent_destroy on the staging bucket. @default false */
  readonly protect?: boolean;
}

export class PackageDeployApi extends Construct {
  readonly stagingBucket: SecureBucket;
  readonly function: NodeFunction;
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: PackageDeployApiProps) {
    super(scope, id);
    if (props.frameworks.length === 0) throw new Error('PackageDeployApi: frameworks must name at least one framework');
    this.stagingBucket = new SecureBucket(this, 'staging', {
      bucketName: props.naming.name('packages-staging', 's3Bucket'),
      noncurrentVersionExpirationDays: 1,
      lifecycleRules: [
        {
          id: 'expire-staged-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: STAGING_RETENTION_DAYS }],
        },
      ],
      protect: props.protect,
    });
    const origin = props.origin;
    this.function = new NodeFunction(this, 'deployer', {
      naming: props.naming,
      name: 'package-deployer',
      description: 'Publishes UI packages under packages/<framework>/<version>/ and moves latest',
      code: new LambdaAsset(this, 'code', { handler: 'package-deployer' }),
      logRetentionDays: props.logRetentionDays,
      memoryMb: 1024,
      timeoutSeconds: PACKAGE_DEPLOYER_TIMEOUT_SECONDS,
      environment: {
        STAGING_BUCKET: this.stagingBucket.bucket.bucket,
        ORIGIN_BUCKET: origin.bucket.bucket,
        DISTRIBUTION_ID: props.distribution.distributionId,
        FRAMEWORKS: props.frameworks.join(','),
        MAX_FILES: String(props.maxFiles),
        MAX_BYTES: String(props.maxPackageMb * 1024 * 1024),
        POWERTOOLS_SERVICE_NAME: 'package-deployer',
        POWERTOOLS_METRICS_NAMESPACE: `${props.naming.service}/${props.naming.environment ?? 'global'}/cdn`,
      },
      policyStatements: [
        { sid: 'ReadStagedUploads', actions: ['s3:GetObject'], resources: [this.stagingBucket.objectsArn()] },
        {
          // Without ListBucket, S3 answers a missing key with 403 instead of 404, and "not staged" or "not yet
          // published" would look like a permission error.
          sid: 'TellMissingKeys',
          actions: ['s3:ListBucket'],
          resources: [this.stagingBucket.arn, origin.arn],
        },
        {
          sid: 'PublishPackages',
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: [origin.objectsArn(PACKAGES_PREFIX)],
        },
        { sid: 'InvalidatePackages', actions: ['cloudfront:CreateInvalidation'], resources: [props.distribution.arn] },
      ],
    });
    this.api = new HttpApi(this, 'api', {
      naming: props.naming,
      name: 'packages',
      description: 'UI package deployment (IAM-authorized)',
      routes: [{ method: 'POST', path: '/packages', target: this.function, authorization: 'iam' }],
      throttling: props.throttling,
      logRetentionDays: props.logRetentionDays,
    });
  }

  /** Base URL of the API; publish with `POST <url>/packages`. */
  get url(): string {
    return this.api.url;
  }
}
