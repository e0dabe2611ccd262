import { PolicyRule } from '../../engine';
import { parsePolicy, statementsOf } from '../../support/policy-json';

export const SqsTlsOnly: PolicyRule = {
  id: 'sqs-tls-only',
  service: 'sqs',
  level: 'error',
  description:
    'Every queue, failure queues and dead-letter queues included, has a policy denying requests that do not use TLS.',
  explanation:
    'Failed events carry the same payloads as the live path; without the deny, a client can send or read them in plain text.',
  references: { cdkNag: 'AwsSolutions-SQS4' },
  check: (stack) =>
    stack.resources('aws_sqs_queue').flatMap((queue) => {
      const denies = stack
        .referencing('aws_sqs_queue_policy', 'queue_url', queue, 'url')
        .some((p) =>
          statementsOf(parsePolicy(p.config.policy)).some(
            (s) => s.Effect === 'Deny' && String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false',
          ),
        );
      return denies ? [] : [{ resource: queue, message: 'queue has no policy denying aws:SecureTransport = false' }];
    }),
};
