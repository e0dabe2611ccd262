/** Which queues of a stack are work queues: those a Lambda event source consumes, and those with a redrive policy. */
import type { StackView, SynthResource } from '../engine';

/** The queue an event source mapping's `event_source_arn` points at, when it is in the same stack. */
export function consumedQueue(stack: StackView, mapping: SynthResource): SynthResource | undefined {
  const source = mapping.config.event_source_arn;
  if (typeof source !== 'string') return undefined;
  return stack
    .resources('aws_sqs_queue')
    .find((q) => source.includes(`\${${q.address}.arn}`) || source === q.config.arn);
}

export function workQueues(stack: StackView): SynthResource[] {
  const consumed = stack
    .resources('aws_lambda_event_source_mapping')
    .map((m) => consumedQueue(stack, m))
    .filter((q): q is SynthResource => q !== undefined);
  const redriven = stack.resources('aws_sqs_queue').filter((q) => q.config.redrive_policy !== undefined);
  return [...new Set([...consumed, ...redriven])];
}

/** The dead-letter queues the work queues' redrive policies name, when they are in the same stack. */
export function deadLetterQueues(stack: StackView): SynthResource[] {
  const policies = workQueues(stack).map((q) => String(q.config.redrive_policy ?? ''));
  return stack.resources('aws_sqs_queue').filter((q) => policies.some((p) => p.includes(`\${${q.address}.arn}`)));
}
