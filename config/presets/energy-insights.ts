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
  // The guide's pull-request gate (lint, types, tests with 70 % coverage, security scan, synth) is the pull-request
  // workflow; its checks are required by the ruleset, and production waits for the product owner's approval.
  github: {
    enabled: true,
    description: 'AWS Energy Data Insights platform',
    topics: ['energy', 'aws', 'cdktf'],
    mergeMethods: { squash: true },
    ruleset: { requiredApprovals: 1, dismissStaleReviews: true },
    environments: {
      staging: { reviewers: { teams: ['energy-insights-qa'] } },
      prod: { reviewers: { users: ['product-owner-login'], teams: ['energy-insights-leads'] } },
    },
  },
  // The guide's Dev -> Staging (manual approval) -> Production stages also run as a CodePipeline, with the frontend
  // build.
  pipeline: {
    enabled: true,
    preset: 'energy-insights',
    approvalBefore: ['prod'],
    ui: { enabled: true, buildCommand: 'npm run build', outputDirectory: 'dist' },
    notifications: { failure: 'warning', approval: 'info' },
  },
  environments: {
    dev: { ...layers },
    staging: { ...layers },
    prod: { ...layers, protectStatefulResources: true },
  },
};
