/**
 * The bucket CloudFront standard logging writes to. CloudFront delivers those logs with an object ACL (as the
 * awslogsdelivery account), so unlike every other platform bucket this one keeps ACLs enabled: object ownership
 * BucketOwnerPreferred (the bucket owner still owns what is delivered) and a bucket ACL that grants the log delivery
 * account, which CloudFront would otherwise add itself and Terraform would then remove again. Public access stays
 * fully blocked, objects are encrypted with SSE-S3 (standard logging cannot write SSE-KMS), versioned, TLS-only,
 * and expire after the configured retention.
 */
import { DataAwsCanonicalUserId } from '@cdktf/provider-aws/lib/data-aws-canonical-user-id';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy';

/** Canonical user ID of the awslogsdelivery account that writes CloudFront standard logs (AWS documentation). */
export const CLOUDFRONT_LOG_DELIVERY_CANONICAL_ID = 'c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0';

export interface CdnAccessLogBucketProps {
  /** Physical name, from the naming helper. */
  readonly bucketName: string;
  /** Days a log object is kept. */
  readonly retentionDays: number;
  /** prevent_destroy, and no force_destroy. @default false */
  readonly protect?: boolean;
}

export class CdnAccessLogBucket extends Construct {
  readonly bucket: S3Bucket;
  /** CloudFront's logging_config needs the ACL in place before the first delivery. */
  readonly acl: S3BucketAcl;

  constructor(scope: Construct, id: string, props: CdnAccessLogBucketProps) {
    super(scope, id);
    const protect = props.protect ?? false;
    if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1) {
      throw new Error(
        `CdnAccessLogBucket ${props.bucketName}: retentionDays must be a whole number of at least 1, got ${props.retentionDays}`,
      );
    }
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: !protect,
      lifecycle: protect ? { preventDestroy: true } : undefined,
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerPreferred' },
    });
    const owner = new DataAwsCanonicalUserId(this, 'owner', {});
    this.acl = new S3BucketAcl(this, 'acl', {
      bucket: this.bucket.id,
      accessControlPolicy: {
        owner: { id: owner.id },
        grant: [
          { grantee: { id: owner.id, type: 'CanonicalUser' }, permission: 'FULL_CONTROL' },
          { grantee: { id: CLOUDFRONT_LOG_DELIVERY_CANONICAL_ID, type: 'CanonicalUser' }, permission: 'FULL_CONTROL' },
        ],
      },
      // An ACL is refused while ownership is still BucketOwnerEnforced, and a grant while public ACLs are unblocked.
      dependsOn: [ownership, publicAccess],
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: props.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument([
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ]),
      dependsOn: [publicAccess],
    });
  }
}
