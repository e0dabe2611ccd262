import { blocks, PolicyRule } from '../../engine';

export const EcrScanOnPush: PolicyRule = {
  id: 'ecr-scan-on-push',
  service: 'ecr',
  level: 'error',
  description: 'Every ECR repository scans images on push.',
  explanation: 'Scanning on push reports known vulnerabilities in an image before it runs.',
  references: { fsbp: 'ECR.1', checkov: 'CKV_AWS_163' },
  check: (stack) =>
    stack
      .resources('aws_ecr_repository')
      .filter((r) => !blocks(r.config.image_scanning_configuration).some((c) => c.scan_on_push === true))
      .map((r) => ({
        resource: r,
        message: 'repository does not have image_scanning_configuration.scan_on_push = true',
      })),
};
