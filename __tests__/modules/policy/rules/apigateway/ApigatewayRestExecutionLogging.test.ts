import { ApigatewayRestExecutionLogging } from '../../../../../modules/policy/rules/apigateway/ApigatewayRestExecutionLogging';
import { findingsOf } from '../../../../support/policy-rules';

const stageWith = (settings: Record<string, unknown>) => ({
  resource: {
    aws_api_gateway_stage: { s: { stage_name: 'live' } },
    aws_api_gateway_method_settings: {
      m: { stage_name: '${aws_api_gateway_stage.s.stage_name}', method_path: '*/*', settings },
    },
  },
});

describe('apigateway-rest-execution-logging: ' + ApigatewayRestExecutionLogging.description, () => {
  test('compliant: logging level ERROR', () => {
    expect(findingsOf(ApigatewayRestExecutionLogging, stageWith({ logging_level: 'ERROR' }))).toEqual([]);
  });

  test('non-compliant: logging OFF', () => {
    expect(findingsOf(ApigatewayRestExecutionLogging, stageWith({ logging_level: 'OFF' }))).toEqual([
      'aws_api_gateway_stage.s: stage has no method settings with logging_level ERROR or INFO',
    ]);
  });
});
