/** CodeBuild projects encrypt their artifacts with a customer-managed KMS key. */
import type { PolicyRule } from '../../engine';

export const CodebuildEncryption: PolicyRule = {
  id: 'codebuild-encryption',
  service: 'codebuild',
  level: 'error',
  description: 'Every CodeBuild project encrypts its build artifacts with a customer-managed KMS key (encryption_key).',
  explanation:
    'With the AWS-managed key, anyone allowed to use S3 in the account can read build artifacts; a customer-managed key puts access to them under its key policy.',
  references: { cdkNag: 'AwsSolutions-CB4', checkov: 'CKV_AWS_147' },
  check: (stack) =>
    stack
      .resources('aws_codebuild_project')
      .filter((p) => {
        const key = p.config.encryption_key;
        // alias/aws/s3 is the AWS-managed default; a key of the platform is a reference or a key ARN.
        return typeof key !== 'string' || key.length === 0 || key.endsWith('alias/aws/s3');
      })
      .map((p) => ({ resource: p, message: 'project has no customer-managed encryption_key' })),
};
