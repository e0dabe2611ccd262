import { Finding, PolicyRule } from '../../engine';

export const ApigatewayRouteAuthorization: PolicyRule = {
  id: 'apigateway-route-authorization',
  service: 'apigateway',
  level: 'error',
  description:
    'Every API route and method is authorized (IAM, JWT, a Lambda authorizer or a REST API key); a public one carries its written reason as a suppression. CORS preflights (OPTIONS) are exempt.',
  explanation:
    "A route without authorization lets anyone on the internet call the function behind it, so public routes must be a visible decision (the configuration's public.reason, the platform's for GET /health), not a default. Browsers send CORS preflights without credentials, so OPTIONS cannot be authorized.",
  references: { fsbp: 'APIGateway.8', cdkNag: 'AwsSolutions-APIG4', checkov: 'CKV_AWS_59, CKV_AWS_309' },
  check: (stack) => [
    ...stack
      .resources('aws_apigatewayv2_route')
      .filter((r) => (r.config.authorization_type ?? 'NONE') === 'NONE')
      .filter((r) => !String(r.config.route_key).startsWith('OPTIONS '))
      .map(
        (r): Finding => ({ resource: r, message: `route ${r.config.route_key} is public (authorization_type NONE)` }),
      ),
    ...stack
      .resources('aws_api_gateway_method')
      .filter((m) => (m.config.authorization ?? 'NONE') === 'NONE' && m.config.http_method !== 'OPTIONS')
      .filter((m) => m.config.api_key_required !== true)
      .map((m): Finding => ({ resource: m, message: `${m.config.http_method} method is public (authorization NONE)` })),
  ],
};
