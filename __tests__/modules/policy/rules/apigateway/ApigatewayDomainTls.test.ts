import { ApigatewayDomainTls } from '../../../../../modules/policy/rules/apigateway/ApigatewayDomainTls';
import { findingsOf } from '../../../../support/policy-rules';

describe('apigateway-domain-tls: ' + ApigatewayDomainTls.description, () => {
  test('compliant: TLS 1.2', () => {
    expect(
      findingsOf(ApigatewayDomainTls, {
        resource: {
          aws_api_gateway_domain_name: { d: { domain_name: 'api.example.com', security_policy: 'TLS_1_2' } },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: TLS 1.0', () => {
    expect(
      findingsOf(ApigatewayDomainTls, {
        resource: {
          aws_apigatewayv2_domain_name: {
            d: { domain_name: 'api.example.com', domain_name_configuration: { security_policy: 'TLS_1_0' } },
          },
        },
      }),
    ).toEqual(['aws_apigatewayv2_domain_name.d: domain allows TLS 1.0']);
  });
});
