/**
 * The two ways a generation can fail. A permanent failure (a malformed request, a template that is missing or does
 * not render, a model that refuses the request) ends the job `failed` at once: no redelivery can fix it. Anything
 * else (the model timing out, answering 5xx or garbage, a dependency being unreachable) is retried by SQS, and the
 * message ends in the dead-letter queue after the queue's receive limit.
 */
export class PermanentGenerationError extends Error {
  override name = 'PermanentGenerationError';

  constructor(
    message: string,
    /** Short machine-readable reason recorded on the tracking item. */
    readonly code: string,
  ) {
    super(message);
  }
}

export class RetryableGenerationError extends Error {
  override name = 'RetryableGenerationError';

  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
