/**
 * A custom domain for an HTTP or REST API: a regional endpoint with TLS 1.2, mapped to the API's stage. The
 * certificate is either given (it must live in the API's region, as regional endpoints require) or issued by ACM
 * and validated through DNS records in the given hosted zone; with a hosted zone, A and AAAA alias records point the
 * name at the endpoint.
 */
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { Apigatewayv2ApiMapping } from '@cdktf/provider-aws/lib/apigatewayv2-api-mapping';
import { Apigatewayv2DomainName } from '@cdktf/provider-aws/lib/apigatewayv2-domain-name';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';

export const API_TLS_POLICY = 'TLS_1_2';

export interface ApiDomainProps {
  readonly domainName: string;
  /** Which kind of API the domain serves. */
  readonly apiKind: 'http' | 'rest';
  readonly apiId: string;
  /** Stage the domain maps to (`$default` for HTTP APIs). */
  readonly stageName: string;
  /** Region of the API; a given certificate must be in it. */
  readonly region: string;
  /** Existing ACM certificate. @default a new DNS-validated certificate (needs hostedZoneId) */
  readonly certificateArn?: string;
  /** Route 53 zone for certificate validation and the alias records. @default no DNS records are managed */
  readonly hostedZoneId?: string;
}

export class ApiDomain extends Construct {
  readonly certificateArn: string;
  /** The endpoint the domain's DNS name must point at. */
  readonly targetDomainName: string;

  constructor(scope: Construct, id: string, props: ApiDomainProps) {
    super(scope, id);
    if (props.certificateArn === undefined && props.hostedZoneId === undefined) {
      throw new Error(`domain ${props.domainName}: needs certificateArn or hostedZoneId to get a certificate`);
    }
    if (props.certificateArn !== undefined) {
      const certificateRegion = props.certificateArn.split(':')[3];
      if (certificateRegion !== props.region) {
        throw new Error(
          `domain ${props.domainName}: certificateArn is in ${certificateRegion}, but a regional API endpoint needs a certificate in ${props.region}`,
        );
      }
    }
    this.certificateArn = props.certificateArn ?? this.issueCertificate(props.domainName, props.hostedZoneId as string);

    let zoneId: string;
    if (props.apiKind === 'rest') {
      const domain = new ApiGatewayDomainName(this, 'domain', {
        domainName: props.domainName,
        regionalCertificateArn: this.certificateArn,
        endpointConfiguration: { types: ['REGIONAL'] },
        securityPolicy: API_TLS_POLICY,
      });
      new ApiGatewayBasePathMapping(this, 'mapping', {
        apiId: props.apiId,
        stageName: props.stageName,
        domainName: domain.domainName,
      });
      this.targetDomainName = domain.regionalDomainName;
      zoneId = domain.regionalZoneId;
    } else {
      const domain = new Apigatewayv2DomainName(this, 'domain', {
        domainName: props.domainName,
        domainNameConfiguration: {
          certificateArn: this.certificateArn,
          endpointType: 'REGIONAL',
          securityPolicy: API_TLS_POLICY,
        },
      });
      new Apigatewayv2ApiMapping(this, 'mapping', {
        apiId: props.apiId,
        stage: props.stageName,
        domainName: domain.domainName,
      });
      this.targetDomainName = domain.domainNameConfiguration.targetDomainName;
      zoneId = domain.domainNameConfiguration.hostedZoneId;
    }

    if (props.hostedZoneId !== undefined) {
      for (const type of ['A', 'AAAA']) {
        new Route53Record(this, `alias-${type.toLowerCase()}`, {
          zoneId: props.hostedZoneId,
          name: props.domainName,
          type,
          alias: { name: this.targetDomainName, zoneId, evaluateTargetHealth: false },
        });
      }
    }
  }

  private issueCertificate(domainName: string, hostedZoneId: string): string {
    const certificate = new AcmCertificate(this, 'certificate', {
      domainName,
      validationMethod: 'DNS',
      lifecycle: { createBeforeDestroy: true },
    });
    const option = certificate.domainValidationOptions.get(0);
    const record = new Route53Record(this, 'validation', {
      zoneId: hostedZoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    });
    return new AcmCertificateValidation(this, 'validation-wait', {
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    }).certificateArn;
  }
}
