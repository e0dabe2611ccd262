import { Naming } from '../../modules/naming';
import { XrayTracing, xrayName } from '../../modules/xray-tracing';
import { onlyResource, resourcesOf, testStack } from '../support/stacks';

describe('XrayTracing', () => {
  test('samples the environment’s functions and groups their traces with insights', () => {
    const stack = testStack();
    new XrayTracing(stack, 'xray', {
      naming: new Naming('svc', 'prod'),
      fixedRate: 0.05,
      reservoirSize: 1,
      serviceNames: ['svc-prod-api', 'svc-prod-worker'],
      slowThresholdSeconds: 5,
    });
    expect(onlyResource(stack, 'aws_xray_sampling_rule')).toMatchObject({
      rule_name: 'svc-prod-sampling',
      fixed_rate: 0.05,
      reservoir_size: 1,
      service_name: 'svc-prod-*',
      priority: 100,
    });
    const groups = Object.values(resourcesOf(stack, 'aws_xray_group'));
    expect(groups.map((g) => [g.group_name, g.filter_expression])).toEqual([
      ['svc-prod-traces', 'service("svc-prod-api") OR service("svc-prod-worker")'],
      ['svc-prod-slow', '(service("svc-prod-api") OR service("svc-prod-worker")) AND responsetime > 5'],
    ]);
  });

  test('shortens names beyond 32 characters deterministically', () => {
    const long = new Naming('energy-insights-core', 'staging');
    const name = xrayName(long, 'traces');
    expect(name).toHaveLength(32);
    expect(name).toMatch(/^energy-insights-co-[0-9a-f]{6}-traces$/);
    expect(xrayName(long, 'traces')).toBe(name);
    expect(xrayName(new Naming('energy-insights-cord', 'staging'), 'traces')).not.toBe(name);
  });

  test.each([
    ['the fixed rate is above 1', { fixedRate: 1.5 }, 'fixedRate must be between 0 and 1, got 1.5'],
    ['no service is named', { serviceNames: [] }, 'serviceNames must name at least one service'],
  ])('fails when %s', (_, change, message) => {
    const props = {
      naming: new Naming('svc', 'dev'),
      fixedRate: 1,
      reservoirSize: 1,
      serviceNames: ['a'],
      slowThresholdSeconds: 10,
    };
    expect(() => new XrayTracing(testStack(), 'xray', { ...props, ...change })).toThrow(message);
  });
});
