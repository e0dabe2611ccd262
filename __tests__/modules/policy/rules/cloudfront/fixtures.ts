/** A compliant CDN stack (default provider outside us-east-1, the aliased one inside) for the CloudFront rules. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CdnAccessLogBucket } from '../../../../../modules/cdn-access-log-bucket';
import { CdnCertificate } from '../../../../../modules/cdn-certificate';
import { CdnDistribution, CdnDistributionProps } from '../../../../../modules/cdn-distribution';
import { CdnWebAcl } from '../../../../../modules/cdn-web-acl';
import { SecureBucket } from '../../../../../modules/secure-bucket';

export interface CdnFixture {
  readonly stack: TerraformStack;
  readonly global: AwsProvider;
  readonly regional: AwsProvider;
  readonly distribution: CdnDistribution;
  readonly webAcl: CdnWebAcl;
  readonly logs: CdnAccessLogBucket;
  readonly certificate: CdnCertificate;
}

export function cdnFixture(overrides: Partial<CdnDistributionProps> = {}): CdnFixture {
  const stack = new TerraformStack(Testing.app(), 'cdn');
  const regional = new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const global = new AwsProvider(stack, 'aws-global', { alias: 'global', region: 'us-east-1' });
  const origin = new SecureBucket(stack, 'origin', { bucketName: 'svc-dev-web-origin' });
  const logs = new CdnAccessLogBucket(stack, 'logs', { bucketName: 'svc-dev-cdn-logs', retentionDays: 30 });
  const webAcl = new CdnWebAcl(stack, 'waf', {
    name: 'svc-dev-cdn',
    mode: 'block',
    rateLimit: 2000,
    logRetentionDays: 7,
    globalProvider: global,
  });
  const certificate = new CdnCertificate(stack, 'certificate', {
    domainName: 'www.example.com',
    hostedZoneId: 'Z1234567890ABC',
    globalProvider: global,
  });
  const distribution = new CdnDistribution(stack, 'web', {
    name: 'svc-dev-web',
    origin,
    priceClass: 'PriceClass_100',
    contentSecurityPolicy: "default-src 'self'",
    spaFallback: true,
    webAclArn: webAcl.webAcl.arn,
    logging: { bucket: logs, prefix: 'web/' },
    domain: { name: 'www.example.com', hostedZoneId: 'Z1234567890ABC', certificateArn: certificate.certificateArn },
    ...overrides,
  });
  return { stack, global, regional, distribution, webAcl, logs, certificate };
}
