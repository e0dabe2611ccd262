import { Finding, PolicyRule } from '../../engine';

/** The AWS-managed SNS key: its policy cannot admit CloudWatch, so alarms could not publish to the topic. */
const AWS_MANAGED_SNS_KEY = /(^|:)alias\/aws\/sns$/;

export const SnsEncryption: PolicyRule = {
  id: 'sns-encryption',
  service: 'sns',
  level: 'error',
  description:
    'Every topic is encrypted with a customer-managed KMS key (not alias/aws/sns, which CloudWatch alarms cannot use).',
  explanation:
    'Messages at rest in a topic are encrypted only with a KMS key, and alarms can publish only if CloudWatch may use that key.',
  references: { fsbp: 'SNS.1', cdkNag: 'AwsSolutions-SNS2', checkov: 'CKV_AWS_26' },
  check: (stack) =>
    stack.resources('aws_sns_topic').flatMap((t): Finding[] => {
      const key = t.config.kms_master_key_id;
      if (typeof key !== 'string' || key.length === 0) {
        return [{ resource: t, message: 'topic has no kms_master_key_id' }];
      }
      return AWS_MANAGED_SNS_KEY.test(key)
        ? [{ resource: t, message: 'topic uses the AWS-managed alias/aws/sns key, which CloudWatch alarms cannot use' }]
        : [];
    }),
};
