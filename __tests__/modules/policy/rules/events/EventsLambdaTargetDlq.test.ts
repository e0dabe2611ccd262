import { EventsLambdaTargetDlq } from '../../../../../modules/policy/rules/events/EventsLambdaTargetDlq';
import { findingsOf } from '../../../../support/policy-rules';

describe('events-lambda-target-dlq: ' + EventsLambdaTargetDlq.description, () => {
  test('compliant: retries and a dead-letter queue', () => {
    expect(
      findingsOf(EventsLambdaTargetDlq, {
        resource: {
          aws_cloudwatch_event_target: {
            t: {
              rule: 'r',
              arn: '${aws_lambda_function.f.arn}',
              dead_letter_config: { arn: '${aws_sqs_queue.dlq.arn}' },
              retry_policy: { maximum_retry_attempts: 2 },
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no dead-letter queue', () => {
    expect(
      findingsOf(EventsLambdaTargetDlq, {
        resource: { aws_cloudwatch_event_target: { t: { rule: 'r', arn: '${aws_lambda_function.f.arn}' } } },
      }),
    ).toEqual(['aws_cloudwatch_event_target.t: function target has no dead_letter_config and retry_policy']);
  });
});
