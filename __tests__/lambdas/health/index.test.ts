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

describe('health handler logging', () => {
  test('logs at debug level with the Lambda request ID and the API request ID as correlation ID', async () => {
    const { captureOutput, lambdaContext } = await import('../powertools-output');
    await jest.isolateModulesAsync(async () => {
      process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
      const output = captureOutput();
      try {
        const fresh = await import('../../../lambdas/health');
        const context = lambdaContext('svc-prod-health');
        await fresh.handler({ requestContext: { requestId: 'api-request-1' } }, context);
        expect(output.logs('DEBUG')).toEqual([
          expect.objectContaining({
            message: 'health checked',
            function_request_id: context.awsRequestId,
            correlation_id: 'api-request-1',
          }),
        ]);
      } finally {
        output.restore();
        delete process.env.POWERTOOLS_LOG_LEVEL;
      }
    });
  });
});
