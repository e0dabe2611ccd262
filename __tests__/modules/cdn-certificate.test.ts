import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CdnCertificate } from '../../modules/cdn-certificate';
import { onlyResource, testStack } from '../support/stacks';

function certificate(region = 'us-east-1') {
  const stack = testStack();
  const globalProvider = new AwsProvider(stack, 'global', { alias: 'global', region });
  new CdnCertificate(stack, 'cert', { domainName: 'www.example.com', hostedZoneId: 'Z1234567890ABC', globalProvider });
  return stack;
}

describe('CdnCertificate', () => {
  const stack = certificate();

  test('DNS-validated in us-east-1, replaced before it is destroyed', () => {
    expect(onlyResource(stack, 'aws_acm_certificate')).toMatchObject({
      domain_name: 'www.example.com',
      validation_method: 'DNS',
      provider: 'aws.global',
      lifecycle: { create_before_destroy: true },
    });
  });

  test('one validation record per domain validation option, in the hosted zone, and a validation that waits for them', () => {
    const record = onlyResource(stack, 'aws_route53_record');
    expect(record).toMatchObject({
      zone_id: 'Z1234567890ABC',
      for_each: expect.stringContaining('domain_validation_options'),
      name: '${each.value.resource_record_name}',
      type: '${each.value.resource_record_type}',
      records: ['${each.value.resource_record_value}'],
      allow_overwrite: true,
    });
    expect(onlyResource(stack, 'aws_acm_certificate_validation')).toMatchObject({
      provider: 'aws.global',
      certificate_arn: expect.stringMatching(/^\$\{aws_acm_certificate\..+\.arn\}$/),
      validation_record_fqdns: expect.stringMatching(
        /^\$\{\[ for key, val in aws_route53_record\.cert_validation-record_[A-Z0-9]+: val\.fqdn\]\}$/,
      ),
    });
  });

  test('fails when the provider is not in us-east-1', () => {
    expect(() => certificate('eu-central-1')).toThrow(
      'CdnCertificate www.example.com: globalProvider must be in us-east-1 (CloudFront uses certificates only from there), got eu-central-1',
    );
  });
});
