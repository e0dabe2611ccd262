/**
 * One call to the model endpoint, in the OpenAI chat-completions shape the seed's endpoint uses: POST
 * `{"model", "messages": [{"role": "system"}, {"role": "user"}]}`, answer `choices[0].message.content`. Each attempt
 * has its own timeout; timeouts, 429, 5xx, network errors and malformed answers are retried up to `maxAttempts`
 * with exponential backoff and full jitter, within the time the invocation has left. A 4xx other than 408 and 429 is
 * the endpoint refusing this request, which no retry changes.
 */
import { setTimeout as delay } from 'timers/promises';
import { PermanentGenerationError, RetryableGenerationError } from './errors';
import type { RenderedPrompt } from './template';

export interface ModelCallOptions {
  readonly endpoint: string;
  readonly apiKey: string;
  /** Timeout of one attempt. */
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  /** First backoff ceiling; attempt n waits a random time up to base × 2^(n-1). */
  readonly retryBaseMs: number;
  /** Upper bound of one backoff. @default 20000 */
  readonly retryMaxMs?: number;
  /** Milliseconds the invocation has left; no attempt starts that could not finish. @default unbounded */
  readonly remainingMs?: () => number;
  /** @default Math.random */
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<unknown>;
  /** Told about each failed attempt before the next. */
  readonly onRetry?: (attempt: number, error: Error, waitMs: number) => void;
}

export interface ModelAnswer {
  readonly content: string;
  readonly model?: string;
  readonly attempts: number;
}

/** Headroom kept after the last attempt, for writing the output and the tracking item. */
const FINISH_HEADROOM_MS = 5000;

export async function callModel(
  prompt: RenderedPrompt & { model?: string },
  options: ModelCallOptions,
): Promise<ModelAnswer> {
  const sleep = options.sleep ?? delay;
  const random = options.random ?? Math.random;
  const messages = [
    ...(prompt.system ? [{ role: 'system', content: prompt.system }] : []),
    { role: 'user', content: prompt.prompt },
  ];
  const body = JSON.stringify({ ...(prompt.model ? { model: prompt.model } : {}), messages });
  let lastError: RetryableGenerationError | undefined;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    const remaining = options.remainingMs?.() ?? Number.POSITIVE_INFINITY;
    if (remaining < options.timeoutMs + FINISH_HEADROOM_MS && attempt > 1) break;
    try {
      const content = await attemptOnce(options, body, Math.min(options.timeoutMs, remaining - FINISH_HEADROOM_MS));
      return { ...content, attempts: attempt };
    } catch (error) {
      if (!(error instanceof RetryableGenerationError)) throw error;
      lastError = error;
      if (attempt === options.maxAttempts) break;
      const ceiling = Math.min(options.retryMaxMs ?? 20_000, options.retryBaseMs * 2 ** (attempt - 1));
      const wait = Math.floor(random() * ceiling);
      options.onRetry?.(attempt, error, wait);
      await sleep(wait);
    }
  }
  throw lastError ?? new RetryableGenerationError('no time left for a model call', 'ModelTimeout');
}

async function attemptOnce(
  options: ModelCallOptions,
  body: string,
  timeoutMs: number,
): Promise<{ content: string; model?: string }> {
  let response: Response;
  try {
    response = await fetch(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
      body,
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
    });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new RetryableGenerationError(`model endpoint did not answer within ${timeoutMs} ms`, 'ModelTimeout');
    }
    throw new RetryableGenerationError(`model endpoint unreachable: ${(error as Error).message}`, 'ModelUnreachable');
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: string }).name;
    const code = name === 'TimeoutError' || name === 'AbortError' ? 'ModelTimeout' : 'ModelUnreachable';
    throw new RetryableGenerationError(`model answer was cut off: ${(error as Error).message}`, code);
  }
  if (response.status === 429 || response.status === 408 || response.status >= 500) {
    throw new RetryableGenerationError(`model endpoint answered ${response.status}`, `ModelHttp${response.status}`);
  }
  if (!response.ok) {
    // The answer of a refusal says why (bad model name, prompt too long); a short excerpt is enough.
    throw new PermanentGenerationError(
      `model endpoint refused the request with ${response.status}: ${text.slice(0, 300)}`,
      `ModelHttp${response.status}`,
    );
  }
  let answer: { choices?: { message?: { content?: unknown } }[]; model?: unknown };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new RetryableGenerationError('model answer is not JSON', 'ModelMalformedAnswer');
  }
  const content = answer?.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.length === 0) {
    throw new RetryableGenerationError('model answer has no choices[0].message.content', 'ModelMalformedAnswer');
  }
  return { content, model: typeof answer.model === 'string' ? answer.model : undefined };
}
