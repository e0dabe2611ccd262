import { validateConfig } from '../../config/load';
import { templateCacheEnabled, visibilityTimeoutOf } from '../../config/layers/codegen';
import { PRESETS } from '../../config/presets';
import { platformWith, problemsOf } from '../support/config';

const ENDPOINT = 'https://models.example.com/v1/chat/completions';
const withCodegen = (codegen: Record<string, unknown>, env: Record<string, unknown> = {}) =>
  platformWith((c) => {
    c.environments.dev = {
      ...c.environments.dev,
      ...env,
      codegen: { enabled: true, modelEndpoint: ENDPOINT, ...codegen },
    };
  });

describe('codegen layer schema', () => {
  test('applies the seed defaults: 10 concurrent generations, 300 s, visibility 6 × timeout, 3 receives', () => {
    const dev = validateConfig(withCodegen({})).environments.dev;
    expect(dev.codegen).toMatchObject({
      maxConcurrentGenerations: 10,
      generationTimeoutSeconds: 300,
      maxReceiveCount: 3,
      batchSize: 1,
      outputExpiryDays: 30,
      templateCache: { maxDataStorageGb: 1, templateTtlSeconds: 3600 },
    });
    expect(visibilityTimeoutOf(dev.codegen)).toBe(1800);
  });

  test('the template cache is on by default where protectStatefulResources is (prod), and may be switched', () => {
    const config = validateConfig(PRESETS.platform);
    expect(templateCacheEnabled(config.environments.dev)).toBe(false);
    expect(templateCacheEnabled(config.environments.prod)).toBe(true);
    const frigg = validateConfig(PRESETS.frigg);
    for (const env of Object.values(frigg.environments)) expect(templateCacheEnabled(env)).toBe(true);
  });

  test('frigg carries the seed per-environment concurrency 5, 8, 20 and the 300 s timeout', () => {
    const frigg = validateConfig(PRESETS.frigg);
    expect(
      Object.entries(frigg.environments).map(([n, e]) => [
        n,
        e.codegen.maxConcurrentGenerations,
        e.codegen.generationTimeoutSeconds,
      ]),
    ).toEqual([
      ['dev', 5, 300],
      ['staging', 8, 300],
      ['prod', 20, 300],
    ]);
  });

  test('fails when the visibility timeout is under six times the worker timeout, naming the field and values', () => {
    expect(problemsOf(withCodegen({ generationTimeoutSeconds: 300, visibilityTimeoutSeconds: 900 }))).toEqual([
      'environments.dev.codegen.visibilityTimeoutSeconds: must be at least 6 × generationTimeoutSeconds (6 × 300 = 1800), got 900',
    ]);
  });

  test('fails when maximum concurrency is outside what Lambda allows (2 to 1000)', () => {
    expect(problemsOf(withCodegen({ maxConcurrentGenerations: 1 }))).toEqual([
      'environments.dev.codegen.maxConcurrentGenerations: must be a whole number between 2 and 1000, got 1',
    ]);
    expect(problemsOf(withCodegen({ maxConcurrentGenerations: 1001 }))[0]).toContain('got 1001');
  });

  test('fails when the timeout exceeds Lambda limit of 900 s', () => {
    expect(problemsOf(withCodegen({ generationTimeoutSeconds: 901 }))).toEqual([
      'environments.dev.codegen.generationTimeoutSeconds: must be a whole number between 1 and 900, got 901',
    ]);
  });

  test('fails when the layer is on without a model endpoint, or with one that is not https', () => {
    expect(problemsOf(withCodegen({ modelEndpoint: undefined }))).toEqual([
      'environments.dev.codegen.modelEndpoint: is required when the codegen layer is enabled',
    ]);
    expect(problemsOf(withCodegen({ modelEndpoint: 'http://models.example.com' }))).toEqual([
      'environments.dev.codegen.modelEndpoint: must be an https:// URL, got "http://models.example.com"',
    ]);
  });

  test('fails when the model calls of one delivery could outlast the worker timeout', () => {
    expect(problemsOf(withCodegen({ modelMaxAttempts: 4, modelRequestTimeoutSeconds: 90 }))[0]).toContain(
      'environments.dev.codegen.modelRequestTimeoutSeconds: modelMaxAttempts × modelRequestTimeoutSeconds (4 × 90 = 360 s) must be less than generationTimeoutSeconds (300 s)',
    );
  });

  test('fails when the cache is on without the network layer, or without NAT for the model endpoint', () => {
    expect(
      problemsOf(
        withCodegen({ templateCache: { enabled: true } }, { network: { enabled: false }, data: { enabled: false } }),
      ),
    ).toContain(
      'environments.dev.network.enabled: must be true when the codegen template cache is on (the cache and the worker run in the private subnets), got false',
    );
    expect(
      problemsOf(
        withCodegen(
          { templateCache: { enabled: true } },
          { network: { enabled: true, availabilityZones: 3, natGateways: 'none' } },
        ),
      ),
    ).toEqual([
      'environments.dev.network.natGateways: must not be none when the codegen template cache is on (the worker in the private subnets calls the model endpoint), got "none"',
    ]);
  });

  test('fails on unknown fields', () => {
    expect(problemsOf(withCodegen({ maxConcurrency: 5 }))).toEqual([
      'environments.dev.codegen: unknown field(s) "maxConcurrency"',
    ]);
  });
});
