/**
 * Frigg Phase 3 (seed 000): CDN for UI packages, code-generation workers, severity-based alerting, monitoring and a
 * CodePipeline. The guide's `production` stage is this preset's `prod`. It has no API of its own beyond the CDN's
 * package-deploy API, so the app layer is off.
 */
import type { PlatformConfigInput } from '../schema';
import { weeklySchedule } from './examples';

const layers = {
  app: { enabled: false },
  network: { enabled: true },
  cdn: { enabled: true },
  codegen: { enabled: true },
  monitoring: {
    enabled: true,
    // The guide's `<service>-<stage>-phase3-monitoring` dashboard: code generation and UI distribution metrics.
    dashboardGroups: { phase3: { title: 'Phase 3: code generation and UI distribution', areas: ['codegen', 'cdn'] } },
  },
  observability: { enabled: true },
};

/**
 * The guide's alerting parameters: CriticalAlertEmail and TeamNotificationEmail per stage; its
 * PagerDutyIntegrationKey becomes the managed CloudWatch integration of each stage's PagerDuty service and its
 * SlackWebhookUrl the stage's webhook secret, both out of the configuration.
 */
const alerting = (criticalAlertEmail: string) => ({
  enabled: true,
  criticalAlertEmail,
  teamNotificationEmail: 'team@example.com',
});

export const frigg: PlatformConfigInput = {
  service: 'frigg',
  region: 'us-east-1',
  repository: { owner: 'yourorg', name: 'frigg', defaultBranch: 'main' },
  oncall: {
    enabled: true,
    team: { name: 'Frigg', description: 'Frigg platform on-call' },
    schedules: [weeklySchedule('primary', ['oncall-1@example.com', 'oncall-2@example.com'])],
    escalation: {
      loops: 2,
      levels: [
        { delayMinutes: 15, schedules: ['primary'] },
        { delayMinutes: 30, users: ['engineering-lead@example.com'] },
      ],
    },
  },
  pipeline: { enabled: true },
  environments: {
    dev: { ...layers, alerting: alerting('dev-alerts@example.com') },
    staging: { ...layers, alerting: alerting('staging-alerts@example.com') },
    prod: { ...layers, alerting: alerting('oncall@example.com'), protectStatefulResources: true },
  },
};
