import { blocks, Finding, PolicyRule } from '../../engine';
import { isNumber } from '../../support/apigateway';

export const ApigatewayThrottling: PolicyRule = {
  id: 'apigateway-throttling',
  service: 'apigateway',
  level: 'error',
  description: 'Every API stage throttles: HTTP stages by default route settings, REST stages by method settings.',
  explanation: "An unthrottled stage lets one client exhaust the account's Lambda concurrency for every function.",
  references: { cdkNag: 'Serverless-APIGWDefaultThrottling' },
  check: (stack) => [
    ...stack
      .resources('aws_apigatewayv2_stage')
      .filter(
        (s) =>
          !blocks(s.config.default_route_settings).some(
            (r) => isNumber(r.throttling_rate_limit) && isNumber(r.throttling_burst_limit),
          ),
      )
      .map((s) => ({ resource: s, message: 'stage has no default_route_settings throttling rate and burst' })),
    ...stack.resources('aws_api_gateway_stage').flatMap((s): Finding[] => {
      const throttled = stack
        .referencing('aws_api_gateway_method_settings', 'stage_name', s, 'stage_name')
        .some((m) =>
          blocks(m.config.settings).some(
            (r) => isNumber(r.throttling_rate_limit) && isNumber(r.throttling_burst_limit),
          ),
        );
      return throttled ? [] : [{ resource: s, message: 'stage has no method settings with throttling rate and burst' }];
    }),
  ],
};
