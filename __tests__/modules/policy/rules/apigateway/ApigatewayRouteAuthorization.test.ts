import { reportStack, StackView } from '../../../../../modules/policy';
import { ApigatewayRouteAuthorization } from '../../../../../modules/policy/rules/apigateway/ApigatewayRouteAuthorization';
import { findingsOf } from '../../../../support/policy-rules';

describe('apigateway-route-authorization: ' + ApigatewayRouteAuthorization.description, () => {
  test('compliant: IAM, JWT and Lambda-authorized routes, REST methods with an authorizer or an API key, preflights', () => {
    const json = {
      resource: {
        aws_apigatewayv2_route: {
          admin: { route_key: 'ANY /admin', authorization_type: 'AWS_IAM' },
          orders: { route_key: 'GET /orders', authorization_type: 'JWT', authorizer_id: 'a' },
          session: { route_key: 'ANY /{proxy+}', authorization_type: 'CUSTOM', authorizer_id: 'b' },
          preflight: { route_key: 'OPTIONS /orders' },
        },
        aws_api_gateway_method: {
          custom: { http_method: 'GET', authorization: 'CUSTOM', authorizer_id: 'c' },
          keyed: { http_method: 'POST', authorization: 'NONE', api_key_required: true },
          preflight: { http_method: 'OPTIONS', authorization: 'NONE' },
        },
      },
    };
    expect(findingsOf(ApigatewayRouteAuthorization, json)).toEqual([]);
  });

  test('non-compliant: public HTTP routes (GET /health too: its reason is a suppression) and a public REST method', () => {
    const json = {
      resource: {
        aws_apigatewayv2_route: {
          proxy: { route_key: 'ANY /{proxy+}', authorization_type: 'NONE' },
          health: { route_key: 'GET /health' },
        },
        aws_api_gateway_method: { orders: { http_method: 'POST', authorization: 'NONE' } },
      },
    };
    expect(findingsOf(ApigatewayRouteAuthorization, json)).toEqual([
      'aws_apigatewayv2_route.proxy: route ANY /{proxy+} is public (authorization_type NONE)',
      'aws_apigatewayv2_route.health: route GET /health is public (authorization_type NONE)',
      'aws_api_gateway_method.orders: POST method is public (authorization NONE)',
    ]);
  });

  test('a public route with its written reason is a reported suppression, not a violation', () => {
    const reason = 'The app authenticates requests itself.';
    const json = {
      resource: {
        aws_apigatewayv2_route: {
          proxy: {
            route_key: 'ANY /{proxy+}',
            authorization_type: 'NONE',
            '//': { suppressions: { [ApigatewayRouteAuthorization.id]: reason } },
          },
        },
      },
    };
    const report = reportStack(new StackView('test', json), [ApigatewayRouteAuthorization]);
    expect(report.violations).toEqual([]);
    expect(report.suppressions).toEqual([
      { rule: ApigatewayRouteAuthorization.id, stack: 'test', resource: 'aws_apigatewayv2_route.proxy', reason },
    ]);
  });
});
