/**
 * Concert Data Platform (seed 002): the six layered stacks (networking, storage and processing, compute, chatbot,
 * monitoring, tracing and logging) with the seed's 7-day log retention. The guide's `development` and `production`
 * are this preset's `dev` and `prod`.
 */
import type { PlatformConfigInput } from '../schema';

const layers = {
  network: { enabled: true },
  data: { enabled: true },
  app: {},
  jobs: { enabled: true },
  alerting: { enabled: true },
  monitoring: { enabled: true },
  observability: { enabled: true },
};

export const concert: PlatformConfigInput = {
  service: 'concert',
  region: 'us-east-1',
  repository: { owner: 'example-org', name: 'concert-data-platform', defaultBranch: 'main' },
  environments: {
    dev: { ...layers, logRetentionDays: 7 },
    staging: { ...layers, logRetentionDays: 7 },
    prod: { ...layers, logRetentionDays: 7, protectStatefulResources: true },
  },
};
