/**
 * Delivery to a Slack incoming webhook with a timeout per attempt and bounded retries. Slack answers 429 (with
 * Retry-After) while rate limiting and 5xx while degraded, and both pass; any other 4xx means the payload or the webhook
 * is wrong, and repeating the request would only delay the failure.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SlackPayload } from './format';
import { MAX_RETRY_AFTER_MS } from '../../core/alert-delivery';

export interface SlackDeliveryOptions {
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  /** First backoff; it doubles with each further attempt. */
  readonly retryBaseMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: Logger;
}

export { MAX_RETRY_AFTER_MS };

export class SlackDeliveryError extends Error {
  override name = 'SlackDeliveryError';
}

/** Slack sends Retry-After as whole seconds. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Math.min(Number(header) * 1000, MAX_RETRY_AFTER_MS);
}

function describe(error: unknown): string {
  // fetch reports every network failure as "fetch failed"; the cause says which one (ECONNREFUSED, ECONNRESET...).
  // Duck-typed, because undici may create the cause in another realm, where instanceof Error is false.
  const cause = (error as { cause?: { message?: unknown } } | null | undefined)?.cause?.message;
  return typeof cause === 'string' ? `${String(error)} (${cause})` : String(error);
}

/** Resolves with the number of attempts it took; rejects with SlackDeliveryError once retrying is pointless. */
export async function postToSlack(url: string, payload: SlackPayload, options: SlackDeliveryOptions): Promise<number> {
  const body = JSON.stringify(payload);
  for (let attempt = 1; ; attempt++) {
    let failure: string;
    let retryable = true;
    let delayMs = options.retryBaseMs * 2 ** (attempt - 1);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await response.text();
      if (response.ok) return attempt;
      failure = `HTTP ${response.status}: ${text.slice(0, 200)}`;
      retryable = response.status === 429 || response.status >= 500;
      if (response.status === 429) delayMs = retryAfterMs(response.headers.get('retry-after')) ?? delayMs;
    } catch (error) {
      // A network error or a timeout: either way the request may not have arrived, so it is worth another attempt.
      failure = describe(error);
    }
    if (!retryable || attempt >= options.maxAttempts) {
      throw new SlackDeliveryError(`${failure}; gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}`);
    }
    options.logger.warn('Slack delivery attempt failed, retrying', { attempt, delayMs, error: failure });
    await options.sleep(delayMs);
  }
}
