import { ApigatewayRouteAuthorization } from '../../../../../modules/policy/rules/apigateway/ApigatewayRouteAuthorization';
import { findingsOf } from '../../../../support/policy-rules';

describe('apigateway-route-authorization: ' + ApigatewayRouteAuthorization.description, () => {
  test('compliant: IAM and JWT routes, a public GET /health, a preflight, and REST health', () => {
    const json = {
      resource: {
        aws_apigatewayv2_route: {
          admin: { route_key: 'ANY /admin', authorization_type: 'AWS_IAM' },
          orders: { route_key: 'GET /orders', authorization_type: 'JWT', authorizer_id: 'a' },
          health: { route_key: 'GET /health' },
          preflight: { route_key: 'OPTIONS /orders' },
        },
        aws_api_gateway_resource: {
          health: { path_part: 'health', parent_id: '${aws_api_gateway_rest_api.api.root_resource_id}' },
        },
        aws_api_gateway_method: {
          health: { http_method: 'GET', authorization: 'NONE', resource_id: '${aws_api_gateway_resource.health.id}' },
        },
      },
    };
    expect(findingsOf(ApigatewayRouteAuthorization, json)).toEqual([]);
  });

  test('non-compliant: a public HTTP route and a public REST method', () => {
    const json = {
      resource: {
        aws_apigatewayv2_route: { proxy: { route_key: 'ANY /{proxy+}', authorization_type: 'NONE' } },
        aws_api_gateway_resource: { orders: { path_part: 'orders', parent_id: 'root' } },
        aws_api_gateway_method: {
          orders: { http_method: 'POST', authorization: 'NONE', resource_id: '${aws_api_gateway_resource.orders.id}' },
        },
      },
    };
    expect(findingsOf(ApigatewayRouteAuthorization, json)).toEqual([
      'aws_apigatewayv2_route.proxy: route ANY /{proxy+} is public (authorization_type NONE)',
      'aws_api_gateway_method.orders: POST method is public (authorization NONE)',
    ]);
  });
});
