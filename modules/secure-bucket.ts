/**
 * An S3 bucket that meets the platform baseline by construction: all four public-access-block flags, owner-enforced
 * object ownership, default encryption, versioning with expiry of old versions, and a policy denying plain HTTP.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Lazy, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { denyInsecureTransport, policyDocument, PolicyStatement } from './iam-policy';

export interface SecureBucketProps {
  /** Physical name, from the naming helper. */
  readonly bucketName: string;
  /** KMS key ARN for SSE-KMS. @default SSE-S3 (AES256) */
  readonly kmsKeyArn?: string;
  /** Days a superseded object version is kept. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Further lifecycle rules (transitions, expiry), after the platform's own. @default [] */
  readonly lifecycleRules?: readonly S3BucketLifecycleConfigurationRule[];
  /** Protect the bucket from `terraform destroy` (prevent_destroy) and from deletion while it holds objects. @default false */
  readonly protect?: boolean;
  /** Server access logs go to this bucket under `<bucketName>/`. @default no access logging */
  readonly accessLogBucket?: SecureBucket;
  /** Provider of the bucket's region (a bucket lives in one region for good). @default the stack's default AWS provider */
  readonly provider?: TerraformProvider;
}

export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const protect = props.protect ?? false;
    this.bucket = new S3Bucket(this, 'bucket', {
      provider: props.provider,
      bucket: props.bucketName,
      forceDestroy: !protect,
      lifecycle: protect ? { preventDestroy: true } : undefined,
    });
    new S3BucketPublicAccessBlock(this, 'public-access', {
      provider: props.provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      provider: props.provider,
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider: props.provider,
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn
            ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }
            : { sseAlgorithm: 'AES256' },
          bucketKeyEnabled: props.kmsKeyArn !== undefined,
        },
      ],
    });
    new S3BucketVersioningA(this, 'versioning', {
      provider: props.provider,
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider: props.provider,
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? 90 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        ...(props.lifecycleRules ?? []),
      ],
    });
    if (props.accessLogBucket) {
      new S3BucketLoggingA(this, 'access-logs', {
        provider: props.provider,
        bucket: this.bucket.id,
        targetBucket: props.accessLogBucket.bucket.id,
        targetPrefix: `${props.bucketName}/`,
      });
    }
    this.statements.push(denyInsecureTransport('s3', [this.bucket.arn, `${this.bucket.arn}/*`]));
    new S3BucketPolicy(this, 'policy', {
      provider: props.provider,
      bucket: this.bucket.id,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });
  }

  /** Adds a statement to the bucket policy (for example CloudFront origin access). */
  addToResourcePolicy(statement: PolicyStatement): void {
    this.statements.push(statement);
  }

  get arn(): string {
    return this.bucket.arn;
  }

  /** ARN pattern of the objects under a key prefix. @default every object */
  objectsArn(prefix = ''): string {
    return `${this.bucket.arn}/${prefix}*`;
  }
}
