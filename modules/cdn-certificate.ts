/**
 * A DNS-validated ACM certificate for a CloudFront alias: issued in us-east-1 (the only region CloudFront takes
 * viewer certificates from) through the stack's aliased provider, its validation records in the site's Route 53
 * zone, and a validation resource that waits until ACM has issued it, so the distribution never references a
 * certificate that is still pending.
 */
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';

export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

export interface CdnCertificateProps {
  readonly domainName: string;
  /** Route 53 zone the validation records go into. */
  readonly hostedZoneId: string;
  /** The AWS provider in us-east-1 (BaseStack.awsGlobal). */
  readonly globalProvider: AwsProvider;
}

export class CdnCertificate extends Construct {
  readonly certificate: AcmCertificate;
  readonly validation: AcmCertificateValidation;

  constructor(scope: Construct, id: string, props: CdnCertificateProps) {
    super(scope, id);
    if (props.globalProvider.region !== CLOUDFRONT_CERTIFICATE_REGION) {
      throw new Error(
        `CdnCertificate ${props.domainName}: globalProvider must be in ${CLOUDFRONT_CERTIFICATE_REGION} (CloudFront uses certificates only from there), got ${props.globalProvider.region}`,
      );
    }
    this.certificate = new AcmCertificate(this, 'certificate', {
      provider: props.globalProvider,
      domainName: props.domainName,
      validationMethod: 'DNS',
      keyAlgorithm: 'RSA_2048',
      // The distribution moves to the replacement before the old certificate goes.
      lifecycle: { createBeforeDestroy: true },
    });
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, 'domain_name');
    const records = new Route53Record(this, 'validation-record', {
      forEach: options,
      zoneId: props.hostedZoneId,
      name: options.getString('resource_record_name'),
      type: options.getString('resource_record_type'),
      records: [options.getString('resource_record_value')],
      ttl: 60,
      allowOverwrite: true,
    });
    this.validation = new AcmCertificateValidation(this, 'validation', {
      provider: props.globalProvider,
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty('fqdn')),
    });
  }

  /** The ARN to put on the distribution: available only once the certificate is issued. */
  get certificateArn(): string {
    return this.validation.certificateArn;
  }
}
