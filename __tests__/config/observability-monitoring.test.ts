import { validateConfig } from '../../config/load';
import { budgetLimitUsd } from '../../config/layers/monitoring';
import { observabilityDefaults } from '../../config/layers/observability';
import { platformWith, problemsOf } from '../support/config';

const dev = (change: (env: Record<string, unknown>) => void) => platformWith((c) => change(c.environments.dev));

describe('observability layer schema', () => {
  test('applies the seed defaults', () => {
    const config = validateConfig(platformWith(() => undefined));
    const o = config.environments.dev.observability;
    expect(o.errorAlarm).toEqual({ threshold: 10, periodSeconds: 300, evaluationPeriods: 2, severity: 'warning' });
    expect(o.errorProcessor).toEqual({ enabled: true, dedupWindowSeconds: 900 });
    expect(observabilityDefaults(o, config.environments.dev)).toEqual({
      latencyThresholdMs: 10_000,
      samplingFixedRate: 1,
    });
    expect(observabilityDefaults(config.environments.prod.observability, config.environments.prod)).toEqual({
      latencyThresholdMs: 5000,
      samplingFixedRate: 0.05,
    });
  });

  test('fails when a period is not 10, 30 or a multiple of 60', () => {
    expect(problemsOf(dev((e) => (e.observability = { enabled: true, errorAlarm: { periodSeconds: 90 } })))).toEqual([
      'environments.dev.observability.errorAlarm.periodSeconds: must be 10, 30 or a multiple of 60 seconds, got 90',
    ]);
  });

  test('fails when the sampling rate is outside 0..1', () => {
    expect(problemsOf(dev((e) => (e.observability = { enabled: true, tracing: { fixedRate: 2 } })))).toEqual([
      expect.stringMatching(/^environments\.dev\.observability\.tracing\.fixedRate: /),
    ]);
  });

  test('fails when the latency statistic is not supported', () => {
    expect(problemsOf(dev((e) => (e.observability = { enabled: true, latencyAlarm: { statistic: 'p42' } })))).toEqual([
      expect.stringMatching(/^environments\.dev\.observability\.latencyAlarm\.statistic: must be one of/),
    ]);
  });

  test('fails when the deduplication window is under a minute', () => {
    expect(
      problemsOf(dev((e) => (e.observability = { enabled: true, errorProcessor: { dedupWindowSeconds: 5 } }))),
    ).toEqual([expect.stringMatching(/^environments\.dev\.observability\.errorProcessor\.dedupWindowSeconds: /)]);
  });
});

describe('monitoring layer schema', () => {
  test('budget defaults to 80 % forecast and 100 % actual, with a limit per environment kind', () => {
    const config = validateConfig(platformWith(() => undefined));
    expect(config.environments.dev.monitoring.budget).toEqual({
      enabled: true,
      forecastThresholdPercent: 80,
      actualThresholdPercent: 100,
    });
    expect(budgetLimitUsd(config.environments.dev.monitoring, config.environments.dev)).toBe(200);
    expect(budgetLimitUsd(config.environments.prod.monitoring, config.environments.prod)).toBe(1000);
  });

  test('fails when a budget limit is not a positive whole number', () => {
    expect(problemsOf(dev((e) => (e.monitoring = { enabled: true, budget: { monthlyLimitUsd: 0 } })))).toEqual([
      expect.stringMatching(/^environments\.dev\.monitoring\.budget\.monthlyLimitUsd: /),
    ]);
  });

  test('fails when a dashboard group names an area that is not a name component', () => {
    expect(
      problemsOf(
        dev(
          (e) =>
            (e.monitoring = { enabled: true, dashboardGroups: { phase3: { title: 'Phase 3', areas: ['Code Gen'] } } }),
        ),
      ),
    ).toEqual([
      'environments.dev.monitoring.dashboardGroups.phase3.areas.0: must be lower-case words of a-z and 0-9 joined by single -, got "Code Gen"',
    ]);
  });
});
