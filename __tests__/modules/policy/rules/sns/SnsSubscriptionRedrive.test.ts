import { SnsSubscriptionRedrive } from '../../../../../modules/policy/rules/sns/SnsSubscriptionRedrive';
import { findingsOf } from '../../../../support/policy-rules';

const redrive = JSON.stringify({ deadLetterTargetArn: '${aws_sqs_queue.dlq.arn}' });

describe('sns-subscription-redrive: ' + SnsSubscriptionRedrive.description, () => {
  test('compliant: a function subscription redriven to an encrypted queue; email needs none', () => {
    const json = {
      resource: {
        aws_sqs_queue: { dlq: { sqs_managed_sse_enabled: true } },
        aws_sns_topic_subscription: {
          fn: { protocol: 'lambda', endpoint: 'f', redrive_policy: redrive },
          mail: { protocol: 'email', endpoint: 'ops@example.com' },
        },
      },
    };
    expect(findingsOf(SnsSubscriptionRedrive, json)).toEqual([]);
  });

  test('non-compliant: an HTTPS subscription without redrive, and one redriven to an unencrypted queue', () => {
    const json = {
      resource: {
        aws_sqs_queue: { dlq: { name: 'plain' } },
        aws_sns_topic_subscription: {
          page: { protocol: 'https', endpoint: 'https://events.example.com' },
          fn: { protocol: 'lambda', endpoint: 'f', redrive_policy: redrive },
        },
      },
    };
    expect(findingsOf(SnsSubscriptionRedrive, json)).toEqual([
      'aws_sns_topic_subscription.page: https subscription has no redrive_policy deadLetterTargetArn',
      'aws_sns_topic_subscription.fn: dead-letter queue aws_sqs_queue.dlq is not encrypted',
    ]);
  });
});
