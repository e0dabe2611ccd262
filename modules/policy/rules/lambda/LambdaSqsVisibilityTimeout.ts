/**
 * A queue consumed by a Lambda function keeps messages invisible for at least six times the function's timeout
 * (AWS's advice), or SQS hands a message to another invocation while the first, throttled or retried, still works
 * on it. Checked where the queue and the function are in the same stack.
 */
import { Finding, PolicyRule } from '../../engine';
import { consumedQueue } from '../../support/sqs';

const VISIBILITY_TIMEOUT_FACTOR = 6;
/** SQS's and Lambda's defaults, when the attribute is not set. */
const DEFAULT_VISIBILITY_TIMEOUT = 30;
const DEFAULT_FUNCTION_TIMEOUT = 3;

export const LambdaSqsVisibilityTimeout: PolicyRule = {
  id: 'lambda-sqs-visibility-timeout',
  service: 'lambda',
  level: 'error',
  description: 'A queue consumed by a function has a visibility timeout of at least six times the function timeout.',
  explanation:
    'With a shorter visibility timeout, SQS hands a message to a second invocation while the first still works on it, so messages are processed twice.',
  references: {},
  check: (stack) =>
    stack.resources('aws_lambda_event_source_mapping').flatMap((m): Finding[] => {
      const queue = consumedQueue(stack, m);
      const target = String(m.config.function_name ?? '');
      const fn = stack
        .resources('aws_lambda_function')
        .find((f) => target.includes(`\${${f.address}.`) || target === f.config.function_name);
      if (queue === undefined || fn === undefined) return [];
      const visibility = Number(queue.config.visibility_timeout_seconds ?? DEFAULT_VISIBILITY_TIMEOUT);
      const timeout = Number(fn.config.timeout ?? DEFAULT_FUNCTION_TIMEOUT);
      const minimum = VISIBILITY_TIMEOUT_FACTOR * timeout;
      return visibility >= minimum
        ? []
        : [
            {
              resource: queue,
              message: `visibility_timeout_seconds must be at least ${VISIBILITY_TIMEOUT_FACTOR} × the timeout of ${fn.address} (${VISIBILITY_TIMEOUT_FACTOR} × ${timeout} = ${minimum}), got ${visibility}`,
            },
          ];
    }),
};
