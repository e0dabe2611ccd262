/**
 * A CloudFront distribution in front of one private S3 origin (the approach of terraform-aws-modules/cloudfront and
 * aws-cdk-lib's S3BucketOrigin.withOriginAccessControl): origin access control signs every origin request and the
 * origin bucket's policy admits the CloudFront service only for this distribution's ARN; viewers are redirected to
 * HTTPS, served over HTTP/2 and HTTP/3 with compression, with TLS 1.2 (2021 policy) on a custom domain. Managed
 * cache policies keep hashed assets for up to a year and never cache `index.html`; a response-headers policy adds
 * HSTS, content-type options, frame options, a referrer policy and the site's content security policy. Optionally:
 * SPA fallback (403/404 answered with `/index.html` and 200), extra path behaviours, standard access logging, a web
 * ACL, alias A and AAAA records, and the additional CloudWatch metrics (origin latency) that alarms need.
 */
import {
  CloudfrontDistribution,
  CloudfrontDistributionOrderedCacheBehavior,
} from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontMonitoringSubscription } from '@cdktf/provider-aws/lib/cloudfront-monitoring-subscription';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { DataAwsCloudfrontCachePolicy } from '@cdktf/provider-aws/lib/data-aws-cloudfront-cache-policy';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { CdnAccessLogBucket } from './cdn-access-log-bucket';
import { CLOUDFRONT_CERTIFICATE_REGION } from './cdn-certificate';
import type { SecureBucket } from './secure-bucket';

/** Viewer TLS policy on custom domains: TLS 1.2 with the 2021 cipher suites, or newer. */
export const MINIMUM_VIEWER_TLS = 'TLSv1.2_2021';

/** AWS managed cache policies, looked up by name. */
export const MANAGED_CACHE_POLICIES = {
  /** Min 1 s, default 1 day, max 1 year; compression-aware: hashed or versioned assets. */
  assets: 'Managed-CachingOptimized',
  /** Nothing cached: `index.html` and other documents that name the current assets. */
  html: 'Managed-CachingDisabled',
} as const;

export const ORIGIN_ID = 's3-origin';
/** How long CloudFront keeps an SPA fallback answer before asking the origin again. */
export const SPA_FALLBACK_CACHE_SECONDS = 10;

export interface CdnPathBehaviour {
  readonly pathPattern: string;
  readonly cache: keyof typeof MANAGED_CACHE_POLICIES;
}

export interface CdnDomain {
  readonly name: string;
  readonly hostedZoneId: string;
  /** An issued certificate in us-east-1 (a CdnCertificate's `certificateArn`, or an existing one). */
  readonly certificateArn: string;
}

export interface CdnDistributionProps {
  /** Physical name of the distribution's policies and origin access control, from the naming helper. */
  readonly name: string;
  readonly origin: SecureBucket;
  readonly priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  readonly contentSecurityPolicy: string;
  /** @default false */
  readonly spaFallback?: boolean;
  /** @default [] */
  readonly pathBehaviours?: readonly CdnPathBehaviour[];
  /** WAFv2 web ACL (scope CLOUDFRONT) ARN. @default no web ACL */
  readonly webAclArn?: string;
  /** Standard logging into this bucket under `prefix`. @default no access logs */
  readonly logging?: { readonly bucket: CdnAccessLogBucket; readonly prefix: string };
  /** @default the distribution's `*.cloudfront.net` name and certificate */
  readonly domain?: CdnDomain;
  /** Subscribe to CloudFront's additional metrics (origin latency, error rates by status). @default true */
  readonly additionalMetrics?: boolean;
  /** @default the name */
  readonly comment?: string;
}

export class CdnDistribution extends Construct {
  readonly distribution: CloudfrontDistribution;
  readonly originAccessControl: CloudfrontOriginAccessControl;
  readonly responseHeadersPolicy: CloudfrontResponseHeadersPolicy;
  readonly monitoringSubscription?: CloudfrontMonitoringSubscription;
  readonly aliasRecords: readonly Route53Record[];

  constructor(scope: Construct, id: string, props: CdnDistributionProps) {
    super(scope, id);
    const certificateArn = props.domain?.certificateArn;
    if (certificateArn !== undefined && !Token.isUnresolved(certificateArn)) {
      const region = certificateArn.split(':')[3];
      if (region !== CLOUDFRONT_CERTIFICATE_REGION) {
        throw new Error(
          `CdnDistribution ${props.name}: domain.certificateArn must be in ${CLOUDFRONT_CERTIFICATE_REGION} (CloudFront uses certificates only from there), got ${JSON.stringify(region)} in ${certificateArn}`,
        );
      }
    }
    const behaviours = props.pathBehaviours ?? [];
    const patterns = new Set<string>(['/index.html']);
    for (const b of behaviours) {
      if (patterns.has(b.pathPattern)) {
        throw new Error(
          `CdnDistribution ${props.name}: pathBehaviours: ${JSON.stringify(b.pathPattern)} is given twice or is /index.html`,
        );
      }
      patterns.add(b.pathPattern);
    }

    this.originAccessControl = new CloudfrontOriginAccessControl(this, 'origin-access', {
      name: props.name,
      description: `Signs ${props.name}'s requests to its S3 origin`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const cachePolicies = {
      assets: new DataAwsCloudfrontCachePolicy(this, 'cache-assets', { name: MANAGED_CACHE_POLICIES.assets }),
      html: new DataAwsCloudfrontCachePolicy(this, 'cache-html', { name: MANAGED_CACHE_POLICIES.html }),
    };
    this.responseHeadersPolicy = new CloudfrontResponseHeadersPolicy(this, 'security-headers', {
      name: props.name,
      comment: 'Security headers of the platform',
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: 63072000,
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
        contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy, override: true },
      },
    });
    const behaviour = (cache: CdnPathBehaviour['cache']) => ({
      targetOriginId: ORIGIN_ID,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
      cachedMethods: ['GET', 'HEAD'],
      compress: true,
      cachePolicyId: Token.asString(cachePolicies[cache].id),
      responseHeadersPolicyId: this.responseHeadersPolicy.id,
    });
    const ordered: CloudfrontDistributionOrderedCacheBehavior[] = [
      { pathPattern: '/index.html', ...behaviour('html') },
      ...behaviours.map((b) => ({ pathPattern: b.pathPattern, ...behaviour(b.cache) })),
    ];
    const spa = props.spaFallback ?? false;

    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: props.comment ?? props.name,
      aliases: props.domain ? [props.domain.name] : undefined,
      defaultRootObject: 'index.html',
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass: props.priceClass,
      webAclId: props.webAclArn,
      origin: [
        {
          originId: ORIGIN_ID,
          domainName: props.origin.bucket.bucketRegionalDomainName,
          originAccessControlId: this.originAccessControl.id,
        },
      ],
      defaultCacheBehavior: behaviour('assets'),
      orderedCacheBehavior: ordered,
      customErrorResponse: spa
        ? [403, 404].map((errorCode) => ({
            errorCode,
            responseCode: 200,
            responsePagePath: '/index.html',
            errorCachingMinTtl: SPA_FALLBACK_CACHE_SECONDS,
          }))
        : undefined,
      loggingConfig: props.logging
        ? { bucket: props.logging.bucket.bucket.bucketDomainName, prefix: props.logging.prefix, includeCookies: false }
        : undefined,
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: props.domain
        ? {
            acmCertificateArn: props.domain.certificateArn,
            sslSupportMethod: 'sni-only',
            minimumProtocolVersion: MINIMUM_VIEWER_TLS,
          }
        : { cloudfrontDefaultCertificate: true },
      dependsOn: props.logging ? [props.logging.bucket.acl] : undefined,
    });

    // Only this distribution may read the origin: the CloudFront service principal, conditioned on its ARN.
    props.origin.addToResourcePolicy({
      sid: 'AllowCloudFrontOriginAccessControl',
      principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
      actions: ['s3:GetObject'],
      resources: [props.origin.objectsArn()],
      conditions: [{ test: 'StringEquals', variable: 'AWS:SourceArn', values: [this.distribution.arn] }],
    });

    if (props.additionalMetrics ?? true) {
      this.monitoringSubscription = new CloudfrontMonitoringSubscription(this, 'additional-metrics', {
        distributionId: this.distribution.id,
        monitoringSubscription: { realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: 'Enabled' } },
      });
    }

    this.aliasRecords = props.domain
      ? (['A', 'AAAA'] as const).map(
          (type) =>
            new Route53Record(this, `alias-${type.toLowerCase()}`, {
              zoneId: props.domain!.hostedZoneId,
              name: props.domain!.name,
              type,
              alias: {
                name: this.distribution.domainName,
                zoneId: this.distribution.hostedZoneId,
                evaluateTargetHealth: false,
              },
            }),
        )
      : [];
  }

  get distributionId(): string {
    return this.distribution.id;
  }

  get arn(): string {
    return this.distribution.arn;
  }

  get domainName(): string {
    return this.distribution.domainName;
  }
}
