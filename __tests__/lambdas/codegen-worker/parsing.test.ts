import {
  apiKeyFromSecret,
  configFromEnv,
  MalformedRequestError,
  parseRequest,
  parseTemplate,
  PermanentGenerationError,
  renderTemplate,
} from '../../../lambdas/codegen-worker';

describe('parseRequest', () => {
  test('accepts the documented shape', () => {
    expect(
      parseRequest('{"requestId":"acme-1","template":"api/endpoint","parameters":{"name":"Acme","n":2,"on":true}}'),
    ).toEqual({ requestId: 'acme-1', template: 'api/endpoint', parameters: { name: 'Acme', n: 2, on: true } });
  });

  test.each([
    ['not json', 'body is not JSON', undefined],
    ['[1]', 'body must be a JSON object', undefined],
    ['{"template":"x"}', 'requestId:', undefined],
    ['{"requestId":"r-1","template":"../x"}', 'template:', 'r-1'],
    [
      '{"requestId":"r-1","template":"x","parameters":{"a":null}}',
      'parameters.a: must be a string, number or boolean, got null',
      'r-1',
    ],
    ['{"requestId":"r-1","template":"x","model":""}', 'model:', 'r-1'],
  ])('fails when the body is %s', (body, message, requestId) => {
    let error: unknown;
    try {
      parseRequest(body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MalformedRequestError);
    expect((error as Error).message).toContain(message);
    expect((error as MalformedRequestError).requestId).toBe(requestId);
  });
});

describe('templates', () => {
  test('fills every placeholder, spaces allowed', () => {
    expect(renderTemplate('t', { prompt: 'Hi {{ name }}, {{n}}', system: 'as {{name}}' }, { name: 'A', n: 3 })).toEqual(
      {
        prompt: 'Hi A, 3',
        system: 'as A',
        model: undefined,
      },
    );
  });

  test('fails when a placeholder has no parameter, naming every missing one', () => {
    expect(() => renderTemplate('t', { prompt: '{{b}} {{a}} {{b}}' }, {})).toThrow(
      'template t: no value for parameter(s) a, b',
    );
  });

  test('fails when the template is not JSON or has no prompt', () => {
    expect(() => parseTemplate('t', '{')).toThrow(PermanentGenerationError);
    expect(() => parseTemplate('t', '{"system":"x"}')).toThrow('must be an object with a non-empty "prompt"');
    expect(() => parseTemplate('t', '{"prompt":"x","model":3}')).toThrow('"model" must be a string');
  });
});

describe('configuration', () => {
  const env = {
    TRACKING_TABLE_NAME: 't',
    IDEMPOTENCY_TABLE_NAME: 'i',
    TEMPLATES_BUCKET: 'tb',
    OUTPUT_BUCKET: 'ob',
    MODEL_ENDPOINT_PARAMETER: '/svc/dev/codegen/model-endpoint',
    MODEL_API_KEY_SECRET_ARN: 'arn:secret',
    MAX_RECEIVE_COUNT: '3',
  };

  test('reads the required variables and applies the defaults; the cache is TLS unless told otherwise', () => {
    expect(configFromEnv({ ...env, CACHE_ENDPOINT: 'cache.example:6379' })).toMatchObject({
      maxReceiveCount: 3,
      modelTimeoutMs: 90_000,
      modelMaxAttempts: 3,
      cache: { host: 'cache.example', port: 6379, tls: true, ttlSeconds: 3600 },
    });
    expect(configFromEnv(env).cache).toBeUndefined();
  });

  test('fails when a required variable is missing or a number is not one', () => {
    expect(() => configFromEnv({ ...env, OUTPUT_BUCKET: '' })).toThrow(
      'environment variable OUTPUT_BUCKET is required',
    );
    expect(() => configFromEnv({ ...env, MODEL_MAX_ATTEMPTS: 'three' })).toThrow(
      'environment variable MODEL_MAX_ATTEMPTS must be a positive integer, got "three"',
    );
    expect(() => configFromEnv({ ...env, CACHE_ENDPOINT: 'no-port' })).toThrow('CACHE_ENDPOINT must be host:port');
  });

  test('the API key secret is the bare key or {"apiKey"}; errors never quote it', () => {
    expect(apiKeyFromSecret(' sk-123 ')).toBe('sk-123');
    expect(apiKeyFromSecret('{"apiKey":"sk-456"}')).toBe('sk-456');
    expect(() => apiKeyFromSecret('{"key":"sk-789"}')).toThrow(/^(?!.*sk-789).*no "apiKey"/);
  });
});
