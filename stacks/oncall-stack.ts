/**
 * oncall (global): the PagerDuty side of the platform, shared by every environment.
 *
 * Provisions: the PagerDuty team, its on-call schedules (layers from config) and the escalation policy (levels and
 * delays from config). Users are existing PagerDuty users, looked up by email.
 * Consumes: `oncall` of the configuration; the PagerDuty provider reads its token from PAGERDUTY_TOKEN.
 * Exposes: the escalation policy, on which each environment's alerting stack hangs its PagerDuty service.
 */
import { DataPagerdutyUser } from '@cdktf/provider-pagerduty/lib/data-pagerduty-user';
import { EscalationPolicy } from '@cdktf/provider-pagerduty/lib/escalation-policy';
import { PagerdutyProvider } from '@cdktf/provider-pagerduty/lib/provider';
import { Schedule } from '@cdktf/provider-pagerduty/lib/schedule';
import { Team } from '@cdktf/provider-pagerduty/lib/team';
import { Construct } from 'constructs';
import { environmentsOf } from '../config/load';
import type { OncallConfig } from '../config/layers/oncall';
import type { PlatformConfig } from '../config/schema';
import { BaseStack } from './base-stack';

export interface OncallStackProps {
  readonly config: PlatformConfig;
}

/** The PagerDuty provider, configured for the account's region; the token comes from PAGERDUTY_TOKEN. */
export function pagerdutyProvider(scope: Construct, oncall: OncallConfig): PagerdutyProvider {
  return new PagerdutyProvider(scope, 'pagerduty', { serviceRegion: oncall.region === 'eu' ? 'eu' : undefined });
}

export class OncallStack extends BaseStack {
  readonly team: Team;
  readonly schedules: Readonly<Record<string, Schedule>>;
  readonly escalationPolicy: EscalationPolicy;

  constructor(scope: Construct, props: OncallStackProps) {
    super(scope, { config: props.config, layer: 'oncall' });
    if (!props.config.oncall.enabled) throw new Error('OncallStack: config.oncall.enabled is false');
    const oncall = props.config.oncall;
    // The policy pages production; losing it (and its history) to a rename must not be a one-step accident.
    const protect = environmentsOf(props.config).some((e) => e.protectStatefulResources);
    const lifecycle = protect ? { preventDestroy: true } : undefined;

    pagerdutyProvider(this, oncall);

    // One look-up per person, however many layers and levels name them.
    const users = new Map<string, DataPagerdutyUser>();
    const userId = (email: string): string => {
      const key = email.toLowerCase();
      let user = users.get(key);
      if (user === undefined) {
        user = new DataPagerdutyUser(this, `user-${key.replace(/[^a-z0-9]+/g, '-')}`, { email });
        users.set(key, user);
      }
      return user.id;
    };

    this.team = new Team(this, 'team', {
      name: oncall.team.name ?? props.config.service,
      description: oncall.team.description ?? `On-call team of ${props.config.service}`,
      lifecycle,
    });

    const schedules: Record<string, Schedule> = {};
    for (const schedule of oncall.schedules) {
      schedules[schedule.name] = new Schedule(this, `schedule-${schedule.name}`, {
        name: this.naming.name(schedule.name),
        description: schedule.description,
        timeZone: schedule.timeZone,
        teams: [this.team.id],
        layer: schedule.layers.map((layer) => ({
          name: layer.name,
          start: layer.start,
          rotationVirtualStart: layer.rotationVirtualStart ?? layer.start,
          rotationTurnLengthSeconds: layer.rotationLengthHours * 3600,
          users: layer.users.map(userId),
        })),
        lifecycle,
      });
    }
    this.schedules = schedules;

    this.escalationPolicy = new EscalationPolicy(this, 'escalation-policy', {
      name: this.naming.name('escalation'),
      description: `Escalation of ${props.config.service} incidents`,
      numLoops: oncall.escalation.loops,
      teams: [this.team.id],
      rule: oncall.escalation.levels.map((level) => ({
        escalationDelayInMinutes: level.delayMinutes,
        target: [
          ...level.schedules.map((name) => ({ type: 'schedule_reference', id: schedules[name].id })),
          ...level.users.map((email) => ({ type: 'user_reference', id: userId(email) })),
        ],
      })),
      lifecycle,
    });
  }
}
