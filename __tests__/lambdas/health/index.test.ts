import { handler, health } from '../../../lambdas/health';

describe('health handler', () => {
  test('reports status, service, environment and version, uncached', () => {
    const result = health(
      { SERVICE: 'concert', ENVIRONMENT: 'dev', VERSION: 'abc123' },
      new Date('2026-01-02T03:04:05Z'),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers).toEqual({ 'content-type': 'application/json', 'cache-control': 'no-store' });
    expect(JSON.parse(result.body)).toEqual({
      status: 'ok',
      service: 'concert',
      environment: 'dev',
      version: 'abc123',
      timestamp: '2026-01-02T03:04:05.000Z',
    });
  });

  test('says unknown rather than failing when its settings are missing', () => {
    expect(JSON.parse(health({}).body)).toMatchObject({
      service: 'unknown',
      environment: 'unknown',
      version: 'unknown',
    });
  });

  test('the handler reads the function environment', async () => {
    process.env.SERVICE = 'svc';
    process.env.ENVIRONMENT = 'prod';
    process.env.VERSION = 'v1';
    const body = JSON.parse((await handler()).body);
    expect(body).toMatchObject({ status: 'ok', service: 'svc', environment: 'prod', version: 'v1' });
  });
});
