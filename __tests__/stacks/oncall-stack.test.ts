import { Testing } from 'cdktf';
import { checkTerraformStack } from '../../modules/policy';
import { OncallStack } from '../../stacks/oncall-stack';
import { presetConfig } from '../support/alerting';
import type { MutableInput } from '../support/config';
import { resourcesOf, synthJson } from '../support/stacks';

function build(change?: (draft: MutableInput) => void) {
  return new OncallStack(Testing.app(), { config: presetConfig('platform', change) });
}

describe('OncallStack', () => {
  test('is the global <service>-oncall stack', () => {
    expect(build().stackName).toBe('platform-oncall');
  });

  test('pins the addresses of the team, schedules and escalation policy', () => {
    const json = synthJson(build());
    expect(Object.keys(json.resource.pagerduty_team)).toEqual(['team']);
    expect(Object.keys(json.resource.pagerduty_schedule)).toEqual(['schedule-primary', 'schedule-secondary']);
    expect(Object.keys(json.resource.pagerduty_escalation_policy)).toEqual(['escalation-policy']);
  });

  test('configures the PagerDuty provider without a token (it reads PAGERDUTY_TOKEN)', () => {
    const json = synthJson(build());
    expect(json.provider.pagerduty).toEqual([{}]);
    expect(JSON.stringify(json)).not.toMatch(/"token"/);
    const eu = synthJson(
      build((d) => {
        d.oncall.region = 'eu';
      }),
    );
    expect(eu.provider.pagerduty).toEqual([{ service_region: 'eu' }]);
  });

  test('looks every person up once by email, never creating users', () => {
    const json = synthJson(build());
    expect(Object.entries(json.data.pagerduty_user).map(([id, u]) => [id, (u as { email: string }).email])).toEqual([
      ['user-oncall-1-example-com', 'oncall-1@example.com'],
      ['user-oncall-2-example-com', 'oncall-2@example.com'],
      ['user-oncall-3-example-com', 'oncall-3@example.com'],
      ['user-engineering-lead-example-com', 'engineering-lead@example.com'],
    ]);
    expect(json.resource.pagerduty_user).toBeUndefined();
    // Email addresses are case-insensitive: a person named twice in different case is still looked up once.
    const mixedCase = synthJson(
      build((d) => {
        d.oncall.escalation.levels[2].users = ['Oncall-1@Example.com'];
      }),
    );
    expect(Object.keys(mixedCase.data.pagerduty_user)).toEqual([
      'user-oncall-1-example-com',
      'user-oncall-2-example-com',
      'user-oncall-3-example-com',
    ]);
    expect(mixedCase.resource.pagerduty_escalation_policy['escalation-policy'].rule[2].target).toEqual([
      { type: 'user_reference', id: '${data.pagerduty_user.user-oncall-1-example-com.id}' },
    ]);
  });

  test('creates the team from config, defaulting its name to the service', () => {
    expect(resourcesOf(build(), 'pagerduty_team').team).toMatchObject({
      name: 'Platform',
      description: 'Serverless platform on-call',
    });
    const unnamed = build((d) => {
      delete d.oncall.team;
    });
    expect(resourcesOf(unnamed, 'pagerduty_team').team).toMatchObject({
      name: 'platform',
      description: 'On-call team of platform',
    });
  });

  test('builds schedule layers from config: rotation length, start, virtual start, users in order', () => {
    const stack = build((d) => {
      d.oncall.schedules[1].timeZone = 'Europe/Oslo';
      d.oncall.schedules[1].layers[0].rotationLengthHours = 24;
      d.oncall.schedules[1].layers[0].rotationVirtualStart = '2025-01-01T08:00:00+01:00';
    });
    const schedules = resourcesOf(stack, 'pagerduty_schedule');
    expect(schedules['schedule-primary']).toMatchObject({
      name: 'platform-primary',
      time_zone: 'UTC',
      teams: ['${pagerduty_team.team.id}'],
      layer: [
        {
          name: 'Weekly rotation',
          start: '2025-01-06T09:00:00Z',
          rotation_virtual_start: '2025-01-06T09:00:00Z',
          rotation_turn_length_seconds: 604800,
          users: [
            '${data.pagerduty_user.user-oncall-1-example-com.id}',
            '${data.pagerduty_user.user-oncall-2-example-com.id}',
            '${data.pagerduty_user.user-oncall-3-example-com.id}',
          ],
        },
      ],
    });
    expect(schedules['schedule-secondary']).toMatchObject({
      time_zone: 'Europe/Oslo',
      layer: [{ rotation_turn_length_seconds: 86400, rotation_virtual_start: '2025-01-01T08:00:00+01:00' }],
    });
  });

  test('builds the escalation policy from the configured levels, delays and loops', () => {
    const policy = resourcesOf(build(), 'pagerduty_escalation_policy')['escalation-policy'];
    expect(policy).toMatchObject({
      name: 'platform-escalation',
      num_loops: 2,
      teams: ['${pagerduty_team.team.id}'],
      rule: [
        {
          escalation_delay_in_minutes: 15,
          target: [{ type: 'schedule_reference', id: '${pagerduty_schedule.schedule-primary.id}' }],
        },
        {
          escalation_delay_in_minutes: 15,
          target: [{ type: 'schedule_reference', id: '${pagerduty_schedule.schedule-secondary.id}' }],
        },
        {
          escalation_delay_in_minutes: 30,
          target: [{ type: 'user_reference', id: '${data.pagerduty_user.user-engineering-lead-example-com.id}' }],
        },
      ],
    });
  });

  test('a level may notify schedules and users together', () => {
    const stack = build((d) => {
      d.oncall.escalation.levels = [{ delayMinutes: 5, schedules: ['primary'], users: ['oncall-1@example.com'] }];
    });
    expect(resourcesOf(stack, 'pagerduty_escalation_policy')['escalation-policy'].rule[0].target).toEqual([
      { type: 'schedule_reference', id: '${pagerduty_schedule.schedule-primary.id}' },
      { type: 'user_reference', id: '${data.pagerduty_user.user-oncall-1-example-com.id}' },
    ]);
  });

  test('prevents destroying the on-call setup while a protected (prod) environment pages through it', () => {
    const json = synthJson(build());
    for (const type of ['pagerduty_team', 'pagerduty_schedule', 'pagerduty_escalation_policy']) {
      for (const resource of Object.values(json.resource[type])) {
        expect((resource as { lifecycle?: unknown }).lifecycle).toEqual({ prevent_destroy: true });
      }
    }
    const unprotected = synthJson(
      build((d) => {
        d.environments.prod.protectStatefulResources = false;
      }),
    );
    expect(unprotected.resource.pagerduty_team.team.lifecycle).toBeUndefined();
  });

  test('passes the policy check', () => {
    expect(checkTerraformStack(build())).toEqual([]);
  });

  test('fails when the oncall layer is off', () => {
    expect(() => new OncallStack(Testing.app(), { config: presetConfig('concert') })).toThrow(
      'OncallStack: config.oncall.enabled is false',
    );
  });
});
