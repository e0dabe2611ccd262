/** callModel against a local HTTP server: backoff with full jitter, bounded attempts, the invocation's time left. */
import { createServer, type ServerResponse } from 'http';
import { callModel, PermanentGenerationError, RetryableGenerationError } from '../../../lambdas/codegen-worker';
import { close, listen, readBody } from './local-servers';

let replies: ((res: ServerResponse) => void)[] = [];
let bodies: unknown[] = [];
const server = createServer(async (req, res) => {
  bodies.push(JSON.parse(await readBody(req)));
  const reply = replies.shift() ?? ((r: ServerResponse) => r.writeHead(503).end());
  reply(res);
});
let endpoint = '';

beforeAll(async () => {
  endpoint = `http://127.0.0.1:${await listen(server)}/v1/chat/completions`;
});
afterAll(() => close(server));
beforeEach(() => {
  replies = [];
  bodies = [];
});

const ok = (res: ServerResponse) =>
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ choices: [{ message: { content: 'code' } }] }));

describe('callModel', () => {
  test('waits a random share of an exponentially growing, capped ceiling between attempts', async () => {
    const waits: number[] = [];
    const error = await callModel(
      { prompt: 'p', model: 'm' },
      {
        endpoint,
        apiKey: 'k',
        timeoutMs: 1000,
        maxAttempts: 4,
        retryBaseMs: 100,
        retryMaxMs: 250,
        random: () => 0.5,
        sleep: async (ms) => waits.push(ms),
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableGenerationError);
    expect((error as RetryableGenerationError).code).toBe('ModelHttp503');
    expect(bodies).toHaveLength(4);
    expect(bodies[0]).toEqual({ model: 'm', messages: [{ role: 'user', content: 'p' }] });
    // Ceilings 100, 200, then 400 capped at 250; half of each.
    expect(waits).toEqual([50, 100, 125]);
  });

  test('returns the answer and the attempt it took', async () => {
    replies = [(res) => res.writeHead(429).end(), ok];
    const answer = await callModel(
      { prompt: 'p' },
      { endpoint, apiKey: 'k', timeoutMs: 1000, maxAttempts: 3, retryBaseMs: 1 },
    );
    expect(answer).toEqual({ content: 'code', model: undefined, attempts: 2 });
  });

  test('starts no retry the invocation has no time left for', async () => {
    const answer = callModel(
      { prompt: 'p' },
      { endpoint, apiKey: 'k', timeoutMs: 1000, maxAttempts: 5, retryBaseMs: 1, remainingMs: () => 5500 },
    );
    await expect(answer).rejects.toBeInstanceOf(RetryableGenerationError);
    expect(bodies).toHaveLength(1);
  });

  test('a refusal (4xx) is permanent and not retried', async () => {
    replies = [(res) => res.writeHead(404).end('{"error":"no such model"}')];
    const answer = callModel(
      { prompt: 'p' },
      { endpoint, apiKey: 'k', timeoutMs: 1000, maxAttempts: 3, retryBaseMs: 1 },
    );
    await expect(answer).rejects.toThrow(PermanentGenerationError);
    expect(bodies).toHaveLength(1);
  });
});
