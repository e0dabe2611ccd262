/** The log metric filter patterns over lines the platform's handlers and Lambda write. */
import { ERROR_SUBSCRIPTION_PATTERN } from '../../../modules/error-processor';
import { DATA_QUALITY_FIELD, LOG_METRICS } from '../../../modules/monitoring/log-metrics';
import { instrument } from '../../../lambdas/shared/powertools';
import { captureOutput, lambdaContext, testPowertools } from '../../lambdas/powertools-output';
import { matchPattern } from '../../support/filter-pattern';

const pattern = (id: string) => LOG_METRICS.find((m) => m.id === id)!;

const REPORT =
  'REPORT RequestId: 11111111-1111-4111-8111-111111111111\tDuration: 123.45 ms\tBilled Duration: 124 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\tInit Duration: 412.50 ms';
const RUNTIME_ERROR =
  '2025-06-01T03:00:01.000Z\t8a0f3a52-1d9e-4a63-9d52-1a2b3c4d5e01\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x"}';
const TIMEOUT = '2025-06-01T03:00:02.000Z 8a0f3a52-1d9e-4a63-9d52-1a2b3c4d5e02 Task timed out after 30.03 seconds';

let lines: { info: string; warn: string; error: string };
beforeAll(async () => {
  const output = captureOutput();
  try {
    const tools = testPowertools('svc/dev', 'svc');
    tools.logger.addContext(lambdaContext('svc-dev-api'));
    tools.logger.info('request served', { route: 'GET /health' });
    tools.logger.warn('venue without city skipped', { [DATA_QUALITY_FIELD]: 'venue-missing-city' });
    await expect(
      instrument(tools, async () => Promise.reject(new Error('boom')))({}, lambdaContext('svc-dev-api')),
    ).rejects.toThrow();
  } finally {
    output.restore();
  }
  const [info, warn, error] = output.logs().map((l) => JSON.stringify(l));
  lines = { info, warn, error };
});

describe('log metric filter patterns', () => {
  test('errors count Powertools ERROR lines, runtime errors and timeouts, not info or warnings', () => {
    const errors = pattern('errors').pattern;
    expect([lines.error, RUNTIME_ERROR, TIMEOUT].map((l) => matchPattern(errors, l) !== undefined)).toEqual([
      true,
      true,
      true,
    ]);
    expect([lines.info, lines.warn, REPORT].map((l) => matchPattern(errors, l))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('the subscription sends the same lines the errors metric counts', () => {
    expect(ERROR_SUBSCRIPTION_PATTERN).toBe(pattern('errors').pattern);
  });

  test('latency reads the duration of REPORT lines into $duration', () => {
    const latency = pattern('latency');
    expect(latency.value).toBe('$duration');
    expect(matchPattern(latency.pattern, REPORT)).toMatchObject({ duration: '123.45', unit: 'ms' });
    expect(matchPattern(latency.pattern, lines.info)).toBeUndefined();
    expect(matchPattern(latency.pattern, 'START RequestId: 1 Version: $LATEST')).toBeUndefined();
  });

  test('data quality counts lines carrying the data-quality field only', () => {
    const dq = pattern('data-quality').pattern;
    expect(matchPattern(dq, lines.warn)).toEqual({ [DATA_QUALITY_FIELD]: 'venue-missing-city' });
    expect(matchPattern(dq, lines.info)).toBeUndefined();
    expect(matchPattern(dq, REPORT)).toBeUndefined();
  });
});
