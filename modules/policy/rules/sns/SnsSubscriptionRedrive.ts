import { Finding, PolicyRule } from '../../engine';
import { parsePolicy } from '../../support/policy-json';

/** Protocols whose deliveries SNS retries and then drops unless a redrive policy catches them. */
const REDRIVEN_PROTOCOLS = ['lambda', 'https', 'http', 'sqs', 'firehose'];

export const SnsSubscriptionRedrive: PolicyRule = {
  id: 'sns-subscription-redrive',
  service: 'sns',
  level: 'error',
  description:
    'Subscriptions to functions and HTTPS endpoints have a redrive policy to a dead-letter queue, and that queue is encrypted.',
  explanation:
    'After its retries SNS drops an undeliverable message; for alerts that means a page or a Slack message silently lost.',
  references: { cdkNag: 'Serverless-SNSRedrivePolicy' },
  check: (stack) =>
    stack
      .resources('aws_sns_topic_subscription')
      .filter((s) => REDRIVEN_PROTOCOLS.includes(String(s.config.protocol ?? '').toLowerCase()))
      .flatMap((s): Finding[] => {
        const target = (parsePolicy(s.config.redrive_policy) as { deadLetterTargetArn?: unknown } | undefined)
          ?.deadLetterTargetArn;
        if (typeof target !== 'string' || target.length === 0) {
          return [
            { resource: s, message: `${s.config.protocol} subscription has no redrive_policy deadLetterTargetArn` },
          ];
        }
        const queue = stack.resources('aws_sqs_queue').find((q) => target.startsWith(`\${${q.address}.`));
        if (
          queue &&
          queue.config.sqs_managed_sse_enabled !== true &&
          typeof queue.config.kms_master_key_id !== 'string'
        ) {
          return [{ resource: s, message: `dead-letter queue ${queue.address} is not encrypted` }];
        }
        return [];
      }),
};
