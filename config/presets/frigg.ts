/**
 * Frigg Phase 3 (seed 000): CDN for UI packages, code-generation workers, severity-based alerting, monitoring and a
 * CodePipeline. The guide's `production` stage is this preset's `prod`. It has no API of its own beyond the CDN's
 * package-deploy API, so the app layer is off.
 */
import type { CodegenLayerInput } from '../layers/codegen';
import type { CdnDomainConfig, CdnLayerInput } from '../layers/cdn';
import type { PlatformConfigInput } from '../schema';
import { weeklySchedule } from './examples';

/** UI packages are published per framework by the package API (the guide's package-deployment Lambda). */
const FRAMEWORKS = ['react', 'vue', 'angular'];

/**
 * The guide's cdn-infrastructure.yaml: one distribution for the UI packages, a path behaviour per framework, the
 * package API, and EnableLogging false in development, true in staging and production. Production has the
 * guide's custom domain with its existing us-east-1 certificate.
 */
const cdn = (logging: boolean, domain?: CdnDomainConfig): CdnLayerInput => ({
  enabled: true,
  priceClass: 'PriceClass_All',
  logging: logging
    ? { enabled: true }
    : { enabled: false, reason: 'the guide turns CloudFront logging off in dev (EnableLogging false) to save cost' },
  sites: {
    ui: {
      comment: 'Frigg UI packages',
      pathBehaviours: FRAMEWORKS.map((framework) => ({
        pathPattern: `/packages/${framework}/*`,
        cache: 'assets' as const,
      })),
      domain,
    },
  },
  packages: { site: 'ui', frameworks: FRAMEWORKS },
});

const layers = {
  app: { enabled: false },
  network: { enabled: true },
  monitoring: {
    enabled: true,
    // The guide's `<service>-<stage>-phase3-monitoring` dashboard: code generation and UI distribution metrics.
    dashboardGroups: { phase3: { title: 'Phase 3: code generation and UI distribution', areas: ['codegen', 'cdn'] } },
  },
  observability: { enabled: true },
};

/**
 * The guide's code-generation parameters: ModelEndpoint, MaxConcurrentGenerations per stage (5, 8, 20),
 * GenerationTimeout 300 s and EnableTemplateCache true.
 */
const codegen = (maxConcurrentGenerations: number): CodegenLayerInput => ({
  enabled: true,
  modelEndpoint: 'https://api.openai.com/v1/chat/completions',
  maxConcurrentGenerations,
  generationTimeoutSeconds: 300,
  templateCache: { enabled: true },
});

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
  // The guide's deployment pipeline: GitHub through a CodeStar connection (not its GitHubToken parameter), backend
  // and UI builds, dev -> staging -> prod with integration tests after each and an approval before prod.
  pipeline: { enabled: true, preset: 'frigg', ui: { enabled: true, buildCommand: 'npm run build:ui-packages' } },
  environments: {
    dev: { ...layers, codegen: codegen(5), cdn: cdn(false), alerting: alerting('dev-alerts@example.com') },
    staging: { ...layers, codegen: codegen(8), cdn: cdn(true), alerting: alerting('staging-alerts@example.com') },
    prod: {
      ...layers,
      codegen: codegen(20),
      cdn: cdn(true, {
        name: 'cdn.example.com',
        hostedZoneId: 'Z1234567890ABC',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
      }),
      alerting: alerting('oncall@example.com'),
      protectStatefulResources: true,
    },
  },
};
