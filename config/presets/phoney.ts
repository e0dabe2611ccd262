/**
 * Phoney template API (seed 001): one container-image function behind an HTTP API, with the seed's stage sizing
 * (256/512/1024 MB, 15/30/30 s), configuration in SSM and Secrets Manager, a dashboard and alarms.
 */
import type { PlatformConfigInput } from '../schema';

export const phoney: PlatformConfigInput = {
  service: 'phoney',
  region: 'us-east-1',
  repository: { owner: 'example-org', name: 'phoney', defaultBranch: 'main' },
  environments: {
    dev: {
      app: { memoryMb: 256, timeoutSeconds: 15 },
      alerting: { enabled: true },
      monitoring: { enabled: true },
    },
    staging: {
      app: { memoryMb: 512, timeoutSeconds: 30 },
      alerting: { enabled: true },
      monitoring: { enabled: true },
    },
    prod: {
      protectStatefulResources: true,
      app: { memoryMb: 1024, timeoutSeconds: 30 },
      alerting: { enabled: true },
      monitoring: { enabled: true },
    },
  },
};
