/**
 * Work queues (consumed by a Lambda event source, or with a redrive policy) and their dead-letter queues deny any
 * request not made over TLS, through a queue policy in the same stack.
 */
import { Finding, PolicyRule, StackView, SynthResource } from '../../engine';
import { parsePolicy, statementsOf } from '../policy-json';
import { deadLetterQueues, workQueues } from './work-queues';

function deniesPlainHttp(stack: StackView, queue: SynthResource): boolean {
  return stack
    .referencing('aws_sqs_queue_policy', 'queue_url', queue, 'url')
    .some((p) =>
      statementsOf(parsePolicy(p.config.policy)).some(
        (s) => s.Effect === 'Deny' && String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false',
      ),
    );
}

export const sqsTlsOnly: PolicyRule = {
  id: 'sqs-tls-only',
  description: 'Work queues and their dead-letter queues have a policy denying requests without TLS.',
  check: (stack) =>
    [...new Set([...workQueues(stack), ...deadLetterQueues(stack)])]
      .filter((q) => !deniesPlainHttp(stack, q))
      .map(
        (q): Finding => ({
          resource: q,
          message: 'no aws_sqs_queue_policy of this queue denies requests with aws:SecureTransport = false',
        }),
      ),
};
