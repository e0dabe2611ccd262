import { Finding, PolicyRule, StackView, SynthResource } from '../../engine';

/** Whether a REST method sits on the platform's `/health` resource directly below the API root. */
function isHealthMethod(stack: StackView, method: SynthResource): boolean {
  const resource = stack
    .resources('aws_api_gateway_resource')
    .find((r) => String(method.config.resource_id ?? '').startsWith(`\${${r.address}.`));
  return (
    method.config.http_method === 'GET' &&
    resource?.config.path_part === 'health' &&
    String(resource.config.parent_id ?? '').includes('.root_resource_id}')
  );
}

export const ApigatewayRouteAuthorization: PolicyRule = {
  id: 'apigateway-route-authorization',
  service: 'apigateway',
  level: 'warning',
  description:
    'Every API route and method has an authorizer (IAM, JWT, Lambda or Cognito); only GET /health and CORS preflights are public by default.',
  explanation:
    'A route without authorization lets anyone on the internet call the function behind it; public routes must be a visible decision, not a default.',
  references: { fsbp: 'APIGateway.8', cdkNag: 'AwsSolutions-APIG4', checkov: 'CKV_AWS_59, CKV_AWS_309' },
  check: (stack) => [
    ...stack
      .resources('aws_apigatewayv2_route')
      .filter((r) => (r.config.authorization_type ?? 'NONE') === 'NONE')
      .filter((r) => !['GET /health'].includes(String(r.config.route_key)))
      .filter((r) => !String(r.config.route_key).startsWith('OPTIONS '))
      .map(
        (r): Finding => ({ resource: r, message: `route ${r.config.route_key} is public (authorization_type NONE)` }),
      ),
    ...stack
      .resources('aws_api_gateway_method')
      .filter((m) => m.config.authorization === 'NONE' && m.config.http_method !== 'OPTIONS')
      .filter((m) => m.config.api_key_required !== true && !isHealthMethod(stack, m))
      .map((m): Finding => ({ resource: m, message: `${m.config.http_method} method is public (authorization NONE)` })),
  ],
};
