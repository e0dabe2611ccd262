/**
 * Energy Data Insights (seed 004): the delivery pipeline. Pull-request checks and environment protection live in
 * the GitHub layer; deploy roles come from the bootstrap stack's GitHub OIDC trust instead of the guide's long-lived
 * access keys in CI secrets; prod deploys shift traffic gradually and roll back on alarms.
 */
import type { PlatformConfigInput } from '../schema';
import { weeklySchedule } from './examples';

/** The guide's notification paths: PagerDuty and email for critical alerts, Slack and email for the rest. */
const layers = {
  app: {},
  alerting: { enabled: true, criticalAlertEmail: 'oncall@example.com', teamNotificationEmail: 'team@example.com' },
  monitoring: { enabled: true },
  observability: { enabled: true },
};

export const energyInsights: PlatformConfigInput = {
  service: 'energy-insights',
  region: 'us-east-1',
  repository: { owner: 'example-org', name: 'energy-data-insights', defaultBranch: 'main' },
  oncall: {
    enabled: true,
    team: { name: 'Energy Data Insights' },
    schedules: [weeklySchedule('primary', ['oncall-1@example.com', 'oncall-2@example.com'])],
    escalation: { levels: [{ delayMinutes: 15, schedules: ['primary'] }] },
  },
  github: { enabled: true },
  pipeline: { enabled: true },
  environments: {
    dev: { ...layers },
    staging: { ...layers },
    prod: { ...layers, protectStatefulResources: true },
  },
};
