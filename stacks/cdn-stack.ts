/**
 * cdn (per environment, optional): static sites and UI packages behind CloudFront.
 *
 * Provisions: per configured site, a private, encrypted, versioned origin bucket readable only by its distribution
 *   through origin access control, and the distribution (HTTPS only, TLS 1.2 2021 on custom domains, HTTP/2 and 3,
 *   managed cache policies, security headers, optional SPA fallback and path behaviours, the additional metrics
 *   subscription) with, when a domain is set, an ACM certificate in us-east-1 validated in the site's hosted zone
 *   (or the configured existing one) and alias A/AAAA records; one WAF web ACL (scope CLOUDFRONT, us-east-1) shared
 *   by the sites, with its log group; the access log bucket when logging is on; the package-deployment API (staging
 *   bucket, function, IAM-authorized HTTP API) when configured; and the layer's alarms: CloudFront 5xx rate and
 *   origin latency and WAF spikes in us-east-1, package-deployer errors in the stack's region.
 * Consumes: the environment's cdn settings; the alerting layer's topics (regional and us-east-1) for alarm actions,
 *   and nothing else.
 * Exposes: CdnHandles (distributions and origin buckets by site, the package API URL) and MonitoringHandles, and
 *   described outputs for the delivery workflows.
 */
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { wafModeOf } from '../config/layers/cdn';
import type { Environment, PlatformConfig } from '../config/schema';
import { isProduction } from '../core/environment';
import { CdnAccessLogBucket } from '../modules/cdn-access-log-bucket';
import { CdnCertificate } from '../modules/cdn-certificate';
import { CdnDistribution } from '../modules/cdn-distribution';
import { CdnWebAcl } from '../modules/cdn-web-acl';
import { HTTP_API_STAGE } from '../modules/http-api';
import { apiMonitoring } from '../modules/monitoring/api-monitoring';
import { distributionMonitoring } from '../modules/monitoring/distribution-monitoring';
import { functionMonitoring } from '../modules/monitoring/function-monitoring';
import { webAclMonitoring } from '../modules/monitoring/web-acl-monitoring';
import { PACKAGE_DEPLOYER_TIMEOUT_SECONDS, PackageDeployApi } from '../modules/package-deploy-api';
import { CloudfrontAccessLogging } from '../modules/policy/rules/cloudfront/CloudfrontAccessLogging';
import { CloudfrontWafAttached } from '../modules/policy/rules/cloudfront/CloudfrontWafAttached';
import { suppressPolicy } from '../modules/policy';
import { SecureBucket } from '../modules/secure-bucket';
import type { AlertingHandles, CdnHandles } from './layer-handles';
import { MonitoredStack } from './monitored-stack';

export interface CdnStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** Topics the alarms notify by severity. @default alarms without actions */
  readonly alerting?: AlertingHandles;
}

export interface CdnSite {
  readonly originBucket: SecureBucket;
  readonly distribution: CdnDistribution;
  /** The certificate issued for the site's domain, when it has a domain and no existing certificate. */
  readonly certificate?: CdnCertificate;
}

const AREA = 'cdn';

export class CdnStack extends MonitoredStack implements CdnHandles {
  readonly sites: Readonly<Record<string, CdnSite>>;
  readonly webAcl?: CdnWebAcl;
  readonly accessLogBucket?: CdnAccessLogBucket;
  readonly packageApi?: PackageDeployApi;
  readonly packageApiUrl?: string;

  constructor(scope: Construct, props: CdnStackProps) {
    super(scope, {
      config: props.config,
      environment: props.environment,
      layer: 'cdn',
      runbookSection: 'cdn-layer',
      alerting: props.alerting,
    });
    const env = props.environment;
    const cdn = env.cdn;
    if (!cdn.enabled) throw new Error(`CdnStack: environments.${env.name}.cdn.enabled is false`);
    const protect = env.protectStatefulResources;
    const thresholds = this.alarmThresholds;

    if (cdn.waf.enabled) {
      const mode = wafModeOf(cdn, isProduction(env));
      this.webAcl = new CdnWebAcl(this, 'web-acl', {
        name: this.naming.name('cdn'),
        mode,
        rateLimit: cdn.waf.rateLimit,
        logRetentionDays: env.logRetentionDays,
        globalProvider: this.awsGlobal,
      });
      const watched = webAclMonitoring({
        name: 'cdn-waf',
        webAclName: this.webAcl.name,
        mode,
        area: AREA,
        thresholds: thresholds.webAcl,
      });
      this.alarms.watch(watched.resource, watched.alarms, { global: true });
    }
    if (cdn.logging.enabled) {
      this.accessLogBucket = new CdnAccessLogBucket(this, 'access-logs', {
        bucketName: this.naming.name('cdn-logs', 's3Bucket'),
        retentionDays: cdn.logging.retentionDays,
        protect,
      });
    }

    const sites: Record<string, CdnSite> = {};
    for (const [name, site] of Object.entries(cdn.sites)) {
      const originBucket = new SecureBucket(this, `${name}-origin`, {
        bucketName: this.naming.name(`${name}-origin`, 's3Bucket'),
        protect,
      });
      const domain = site.domain;
      const certificate =
        domain && domain.certificateArn === undefined
          ? new CdnCertificate(this, `${name}-certificate`, {
              domainName: domain.name,
              hostedZoneId: domain.hostedZoneId,
              globalProvider: this.awsGlobal,
            })
          : undefined;
      const distribution = new CdnDistribution(this, name, {
        name: this.naming.name(name),
        origin: originBucket,
        priceClass: cdn.priceClass,
        contentSecurityPolicy: site.contentSecurityPolicy,
        spaFallback: site.spaFallback,
        pathBehaviours: site.pathBehaviours,
        webAclArn: this.webAcl?.webAcl.arn,
        logging: this.accessLogBucket ? { bucket: this.accessLogBucket, prefix: `${name}/` } : undefined,
        domain: domain
          ? {
              name: domain.name,
              hostedZoneId: domain.hostedZoneId,
              certificateArn: domain.certificateArn ?? certificate!.certificateArn,
            }
          : undefined,
        comment: site.comment,
      });
      sites[name] = { originBucket, distribution, certificate };
      const field = `environments.${env.name}.cdn`;
      if (!this.accessLogBucket) {
        suppressPolicy(
          distribution.distribution,
          CloudfrontAccessLogging.id,
          `${field}.logging.reason: ${cdn.logging.reason ?? ''}`,
        );
      }
      if (!this.webAcl) {
        suppressPolicy(
          distribution.distribution,
          CloudfrontWafAttached.id,
          `${field}.waf.reason: ${cdn.waf.reason ?? ''}`,
        );
      }
      const watched = distributionMonitoring({
        name: `${name}-cdn`,
        distributionId: distribution.distributionId,
        title: domain ? `${domain.name} (${name})` : `${this.naming.name(name)} distribution`,
        area: AREA,
        thresholds: thresholds.distribution,
        additionalMetrics: distribution.monitoringSubscription !== undefined,
      });
      this.alarms.watch(watched.resource, watched.alarms, { global: true });
      this.siteOutputs(name, sites[name]);
    }
    this.sites = sites;

    if (cdn.packages) {
      const target = sites[cdn.packages.site];
      this.packageApi = new PackageDeployApi(this, 'package-api', {
        naming: this.naming,
        origin: target.originBucket,
        distribution: target.distribution,
        frameworks: cdn.packages.frameworks,
        maxFiles: cdn.packages.maxFiles,
        maxPackageMb: cdn.packages.maxPackageMb,
        throttling: cdn.packages.throttling,
        logRetentionDays: env.logRetentionDays,
        protect,
      });
      this.packageApiUrl = this.packageApi.url;
      const fn = this.packageApi.function;
      const watched = functionMonitoring({
        name: 'package-deployer',
        functionName: fn.functionName,
        timeoutSeconds: PACKAGE_DEPLOYER_TIMEOUT_SECONDS,
        area: AREA,
        thresholds: thresholds.function,
      });
      this.alarms.watch(watched.resource, watched.alarms);
      this.alarms.watchAll([
        apiMonitoring({
          name: 'package-api',
          kind: 'http',
          apiIdOrName: this.packageApi.api.api.id,
          stageName: HTTP_API_STAGE,
          title: this.packageApi.api.apiName,
          area: AREA,
          thresholds: thresholds.api,
        }),
      ]);
      new TerraformOutput(this, 'package-api-url', {
        value: this.packageApi.url,
        description: `Base URL of the IAM-authorized package API: POST <url>/packages publishes into ${cdn.packages.site}`,
      });
      new TerraformOutput(this, 'package-staging-bucket', {
        value: this.packageApi.stagingBucket.bucket.bucket,
        description: 'Bucket package builds upload to before calling the package API (objects expire after 7 days)',
      });
    }
    this.composeHealth();
  }

  private siteOutputs(name: string, site: CdnSite): void {
    new TerraformOutput(this, `${name}-distribution-id`, {
      value: site.distribution.distributionId,
      description: `CloudFront distribution ID of site ${name} (for create-invalidation)`,
    });
    new TerraformOutput(this, `${name}-distribution-domain`, {
      value: site.distribution.domainName,
      description: `*.cloudfront.net domain of site ${name} (the alias records point at it)`,
    });
    new TerraformOutput(this, `${name}-distribution-arn`, {
      value: site.distribution.arn,
      description: `CloudFront distribution ARN of site ${name}`,
    });
    new TerraformOutput(this, `${name}-origin-bucket`, {
      value: site.originBucket.bucket.bucket,
      description: `Private origin bucket of site ${name} (aws s3 sync the build here)`,
    });
  }
}
