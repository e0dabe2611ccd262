/**
 * SmartPack (seed 003): React front end on a private S3 origin behind CloudFront with origin access control (the
 * guide's public-read website bucket is replaced), a Node.js API function and a 3008 MB container function behind a
 * REST API, WAF, an ACM certificate in us-east-1 and an error alarm.
 */
import type { PlatformConfigInput } from '../schema';

const layers = {
  app: { memoryMb: 512, timeoutSeconds: 30 },
  cdn: { enabled: true },
  alerting: { enabled: true },
  monitoring: { enabled: true },
};

export const smartpack: PlatformConfigInput = {
  service: 'smartpack',
  region: 'us-east-1',
  repository: { owner: 'example-org', name: 'smartpack', defaultBranch: 'main' },
  environments: {
    dev: { ...layers },
    prod: { ...layers, protectStatefulResources: true },
  },
};
