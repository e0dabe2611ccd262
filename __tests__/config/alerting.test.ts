import { alertProcessorTimeoutSeconds, alertingLayerSchema, pagerDutySettings } from '../../config/layers/alerting';
import { pagerDutyEventsHost, windowCoversEnvironment } from '../../config/layers/oncall';
import { loadConfig, validateConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';
import { MutableInput as Mutable, platformWith, problemsOf, SILENT_ALERTING } from '../support/config';

const minimal = (extra: Mutable = {}): Mutable => ({
  service: 'svc',
  region: 'eu-west-1',
  repository: { owner: 'o', name: 'r' },
  environments: { dev: { alerting: SILENT_ALERTING } },
  ...extra,
});

describe('alerting layer configuration', () => {
  test('defaults: off, Slack delivery 3 attempts of 3 s with a 200 ms backoff', () => {
    const alerting = alertingLayerSchema.parse({});
    expect(alerting).toEqual({
      enabled: false,
      pagerDuty: {},
      slack: { timeoutMs: 3000, maxAttempts: 3, retryBaseMs: 200 },
    });
  });

  test('the platform and frigg presets email the on-call and team addresses of example.com in every environment', () => {
    for (const preset of ['platform', 'frigg']) {
      for (const env of Object.values(loadConfig({ preset }).environments)) {
        expect(env.alerting.enabled).toBe(true);
        expect(env.alerting.criticalAlertEmail).toMatch(/@example\.com$/);
        expect(env.alerting.teamNotificationEmail).toMatch(/@example\.com$/);
      }
    }
  });

  test('PagerDuty defaults to the oncall switch, urgency to high in prod and low elsewhere', () => {
    const config = loadConfig({ preset: 'platform' });
    const settings = Object.values(config.environments).map((env) =>
      pagerDutySettings(env.alerting, env, config.oncall.enabled),
    );
    expect(settings).toEqual([
      { enabled: true, urgency: 'low' },
      { enabled: true, urgency: 'low' },
      { enabled: true, urgency: 'high' },
    ]);
    const concert = loadConfig({ preset: 'concert' });
    expect(
      pagerDutySettings(concert.environments.prod.alerting, concert.environments.prod, concert.oncall.enabled).enabled,
    ).toBe(false);
  });

  test('urgency is overridable outside production', () => {
    const config = validateConfig(
      platformWith((c) => {
        c.environments.staging.alerting.pagerDuty = { urgency: 'high' };
      }),
    );
    expect(pagerDutySettings(config.environments.staging.alerting, config.environments.staging, true).urgency).toBe(
      'high',
    );
  });

  test('a disabled layer has no PagerDuty service whatever its settings', () => {
    expect(
      pagerDutySettings(
        alertingLayerSchema.parse({ pagerDuty: { enabled: true } }),
        { protectStatefulResources: false },
        true,
      ).enabled,
    ).toBe(false);
  });

  test('production is the environment that protects its stateful resources, whatever its name', () => {
    const layer = alertingLayerSchema.parse({});
    expect(pagerDutySettings(layer, { protectStatefulResources: true }, true).urgency).toBe('high');
    expect(pagerDutySettings(layer, { protectStatefulResources: false }, true).urgency).toBe('low');
  });

  test('the processor timeout covers every attempt, the capped Retry-After waits and a cold start', () => {
    expect(alertProcessorTimeoutSeconds({ timeoutMs: 3000, maxAttempts: 3, retryBaseMs: 200 })).toBe(9 + 10 + 5);
    expect(alertProcessorTimeoutSeconds({ timeoutMs: 1000, maxAttempts: 1, retryBaseMs: 200 })).toBe(1 + 5);
    expect(alertProcessorTimeoutSeconds({ timeoutMs: 2000, maxAttempts: 5, retryBaseMs: 4000 })).toBe(
      10 + (5 + 8 + 16 + 32) + 5,
    );
  });

  test('fails when alerting is on without the on-call and team addresses', () => {
    expect(problemsOf(minimal({ environments: { dev: { alerting: { enabled: true } } } }))).toEqual([
      'environments.dev.alerting.criticalAlertEmail: is required when alerting is enabled',
      'environments.dev.alerting.teamNotificationEmail: is required when alerting is enabled',
    ]);
  });

  test('fails when an address is not an email address', () => {
    expect(
      problemsOf(
        platformWith((c) => {
          c.environments.dev.alerting.criticalAlertEmail = 'oncall';
        }),
      ),
    ).toEqual(['environments.dev.alerting.criticalAlertEmail: must be an email address, got "oncall"']);
  });

  test('fails when the urgency is neither high nor low', () => {
    expect(
      problemsOf(
        platformWith((c) => {
          c.environments.dev.alerting.pagerDuty = { urgency: 'urgent' };
        }),
      ),
    ).toEqual(['environments.dev.alerting.pagerDuty.urgency: must be one of high, low, got "urgent"']);
  });

  test('fails when Slack delivery settings are out of range', () => {
    expect(
      problemsOf(
        platformWith((c) => {
          c.environments.dev.alerting.slack = { timeoutMs: 50, maxAttempts: 9 };
        }),
      ),
    ).toEqual([
      'environments.dev.alerting.slack.timeoutMs: must be a whole number between 100 and 10000, got 50',
      'environments.dev.alerting.slack.maxAttempts: must be a whole number between 1 and 5, got 9',
    ]);
  });

  test('fails when prod is set to page with low urgency', () => {
    expect(
      problemsOf(
        platformWith((c) => {
          c.environments.prod.alerting.pagerDuty = { urgency: 'low' };
        }),
      ),
    ).toEqual([
      'environments.prod.alerting.pagerDuty.urgency: must be high in prod, a production environment (protectStatefulResources): critical alerts there page immediately, got "low"',
    ]);
  });

  test('fails when PagerDuty is switched on without the oncall layer', () => {
    expect(
      problemsOf(
        platformWith((c) => {
          c.oncall = { enabled: false };
          c.environments.dev.alerting.pagerDuty = { enabled: true };
        }),
      ),
    ).toEqual([
      'environments.dev.alerting.pagerDuty.enabled: needs oncall.enabled (the PagerDuty service uses the on-call escalation policy), got true',
    ]);
  });

  test('fails when alerting is off while layers with alarms are on, without a reason for their silence', () => {
    expect(
      problemsOf(
        minimal({ environments: { dev: { alerting: { enabled: false, reason: ' ' }, network: { enabled: true } } } }),
      ),
    ).toEqual([
      'environments.dev.alerting.reason: must say why nobody is notified of the alarms of network, app (a non-empty reason beside enabled: false), or enable alerting, got " "',
    ]);
    // Nothing that alarms is on: nothing to explain.
    expect(() => validateConfig(minimal({ environments: { dev: { app: { enabled: false } } } }))).not.toThrow();
  });

  test('fails when a silence reason is given while alerting is on', () => {
    expect(
      problemsOf(
        platformWith((c) => {
          c.environments.dev.alerting.reason = 'nobody listens';
        }),
      ),
    ).toEqual([
      'environments.dev.alerting.reason: applies only while alerting is off (it says why alarms notify no one); remove it, got "nobody listens"',
    ]);
  });

  test('fails when monitoring is on without alerting in the same environment', () => {
    expect(
      problemsOf(
        platformWith((c) => {
          c.environments.dev.alerting = SILENT_ALERTING;
        }),
      ),
    ).toEqual([
      'environments.dev.monitoring.enabled: needs alerting.enabled in the same environment (monitoring routes its alarms to the alerting topics), got true',
    ]);
  });
});

describe('oncall layer configuration', () => {
  const oncall = (change: (o: Mutable) => void = () => undefined): Mutable => {
    const o = structuredClone(PRESETS.platform.oncall) as Mutable;
    change(o);
    return minimal({ oncall: o });
  };

  test('defaults: US service region, two loops, the service name as team name, no maintenance windows', () => {
    const config = validateConfig(
      oncall((o) => {
        delete o.team;
        delete o.escalation.loops;
      }),
    );
    expect(config.oncall).toMatchObject({ enabled: true, region: 'us', team: {}, maintenanceWindows: [] });
    expect(config.oncall.enabled && config.oncall.escalation.loops).toBe(2);
  });

  test('is off unless switched on', () => {
    expect(validateConfig(minimal()).oncall).toEqual({ enabled: false });
  });

  test('events host follows the service region', () => {
    expect([pagerDutyEventsHost('us'), pagerDutyEventsHost('eu')]).toEqual([
      'events.pagerduty.com',
      'events.eu.pagerduty.com',
    ]);
  });

  test('a window without environments covers every environment', () => {
    const window = { description: 'upgrade', start: '2030-01-01T00:00:00Z', end: '2030-01-01T02:00:00Z' };
    expect(windowCoversEnvironment(window, 'prod')).toBe(true);
    expect(windowCoversEnvironment({ ...window, environments: ['dev'] }, 'prod')).toBe(false);
  });

  test('fails when switched on without schedules and escalation', () => {
    expect(problemsOf(minimal({ oncall: { enabled: true } }))).toEqual([
      'oncall.schedules: is required',
      'oncall.escalation: is required',
    ]);
  });

  test('fails when enabled is not a boolean', () => {
    expect(problemsOf(minimal({ oncall: { enabled: 'yes' } }))).toEqual([
      'oncall.enabled: must be true or false, got "yes"',
    ]);
  });

  test('fails when a schedule name is not a lower-case slug or is repeated', () => {
    expect(
      problemsOf(
        oncall((o) => {
          o.schedules[0].name = 'Primary';
          o.schedules[1].name = 'primary';
          o.escalation.levels = [{ delayMinutes: 5, schedules: ['primary'] }];
        }),
      ),
    ).toEqual([
      'oncall.schedules.0.name: must be lower-case words of a-z and 0-9 joined by single - (it becomes part of a PagerDuty name), got "Primary"',
    ]);
    expect(
      problemsOf(
        oncall((o) => {
          o.schedules[1].name = 'primary';
          o.escalation.levels = [{ delayMinutes: 5, schedules: ['primary'] }];
        }),
      ),
    ).toEqual(['oncall.schedules.1.name: must be unique among the schedules, got "primary"']);
  });

  test('fails when the time zone is not an IANA zone', () => {
    expect(
      problemsOf(
        oncall((o) => {
          o.schedules[0].timeZone = 'Mars/Olympus';
        }),
      ),
    ).toEqual([
      'oncall.schedules.0.timeZone: must be an IANA time zone such as Europe/Oslo or UTC, got "Mars/Olympus"',
    ]);
  });

  test('fails when a layer start has no offset, the rotation is longer than a year or nobody is on it', () => {
    expect(
      problemsOf(
        oncall((o) => {
          o.schedules[0].layers[0].start = '2025-01-06 09:00';
          o.schedules[0].layers[0].rotationLengthHours = 9000;
          o.schedules[0].layers[0].users = [];
        }),
      ),
    ).toEqual([
      'oncall.schedules.0.layers.0.start: must be an ISO 8601 date-time with offset, such as 2025-01-06T09:00:00+01:00, got "2025-01-06 09:00"',
      'oncall.schedules.0.layers.0.rotationLengthHours: must be a whole number between 1 and 8760, got 9000',
      'oncall.schedules.0.layers.0.users: must name at least one PagerDuty user, got []',
    ]);
  });

  test('fails when a schedule user is not an email address', () => {
    expect(
      problemsOf(
        oncall((o) => {
          o.schedules[0].layers[0].users = ['alice'];
        }),
      ),
    ).toEqual(['oncall.schedules.0.layers.0.users.0: must be an email address, got "alice"']);
  });

  test('fails when an escalation level names an unknown schedule, nobody, or a delay under a minute', () => {
    expect(
      problemsOf(
        oncall((o) => {
          o.escalation.levels = [
            { delayMinutes: 0, schedules: ['primary'] },
            { delayMinutes: 10, schedules: ['tertiary'] },
            { delayMinutes: 10 },
          ];
        }),
      ),
    ).toEqual([
      'oncall.escalation.levels.0.delayMinutes: must be a whole number between 1 and 1440, got 0',
      'oncall.escalation.levels.1.schedules.0: must name a schedule of oncall.schedules (primary, secondary), got "tertiary"',
      'oncall.escalation.levels.2: must notify at least one schedule or user, got {"delayMinutes":10}',
    ]);
  });

  test('fails when the policy loops more than PagerDuty allows', () => {
    expect(
      problemsOf(
        oncall((o) => {
          o.escalation.loops = 10;
        }),
      ),
    ).toEqual(['oncall.escalation.loops: must be a whole number between 0 and 9, got 10']);
  });

  test('fails when a maintenance window ends before it starts or names an unknown environment', () => {
    expect(
      problemsOf(
        oncall((o) => {
          o.maintenanceWindows = [
            {
              description: 'upgrade',
              start: '2030-01-01T02:00:00Z',
              end: '2030-01-01T01:00:00Z',
              environments: ['qa'],
            },
          ];
        }),
      ),
    ).toEqual([
      'oncall.maintenanceWindows.0.end: must be after start, got "2030-01-01T01:00:00Z"',
      'oncall.maintenanceWindows.0.environments.0: must name an environment of this preset (dev), got "qa"',
    ]);
  });

  test('fails when the service region is unknown', () => {
    expect(
      problemsOf(
        oncall((o) => {
          o.region = 'ap';
        }),
      ),
    ).toEqual(['oncall.region: must be one of us, eu, got "ap"']);
  });
});
