/**
 * Frigg Phase 3 (seed 000): CDN for UI packages, code-generation workers, severity-based alerting, monitoring and a
 * CodePipeline. The guide's `production` stage is this preset's `prod`. It has no API of its own beyond the CDN's
 * package-deploy API, so the app layer is off.
 */
import type { PlatformConfigInput } from '../schema';

const layers = {
  app: { enabled: false },
  network: { enabled: true },
  cdn: { enabled: true },
  codegen: { enabled: true },
  alerting: { enabled: true },
  monitoring: { enabled: true },
};

export const frigg: PlatformConfigInput = {
  service: 'frigg',
  region: 'us-east-1',
  repository: { owner: 'yourorg', name: 'frigg', defaultBranch: 'main' },
  oncall: { enabled: true },
  pipeline: { enabled: true },
  environments: {
    dev: { ...layers },
    staging: { ...layers },
    prod: { ...layers, protectStatefulResources: true },
  },
};
