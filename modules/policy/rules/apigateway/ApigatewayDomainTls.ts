import { blocks, PolicyRule } from '../../engine';

export const ApigatewayDomainTls: PolicyRule = {
  id: 'apigateway-domain-tls',
  service: 'apigateway',
  level: 'error',
  description: 'Custom API domains accept TLS 1.2 or newer only.',
  explanation: 'TLS 1.0 and 1.1 have known weaknesses; custom domains must negotiate 1.2 or newer.',
  references: { checkov: 'CKV_AWS_206' },
  check: (stack) => [
    ...stack
      .resources('aws_api_gateway_domain_name')
      .filter((d) => d.config.security_policy === undefined || d.config.security_policy === 'TLS_1_0')
      .map((d) => ({ resource: d, message: 'domain does not set security_policy to TLS_1_2 or newer' })),
    ...stack
      .resources('aws_apigatewayv2_domain_name')
      .filter((d) => blocks(d.config.domain_name_configuration).some((c) => c.security_policy === 'TLS_1_0'))
      .map((d) => ({ resource: d, message: 'domain allows TLS 1.0' })),
  ],
};
