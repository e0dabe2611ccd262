import { SnsEncryption } from '../../../../../modules/policy/rules/sns/SnsEncryption';
import { findingsOf } from '../../../../support/policy-rules';

describe('sns-encryption: ' + SnsEncryption.description, () => {
  test('compliant: a customer-managed key', () => {
    expect(
      findingsOf(SnsEncryption, {
        resource: { aws_sns_topic: { t: { name: 't', kms_master_key_id: '${aws_kms_key.k.arn}' } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: the AWS-managed key', () => {
    expect(
      findingsOf(SnsEncryption, {
        resource: { aws_sns_topic: { t: { name: 't', kms_master_key_id: 'alias/aws/sns' } } },
      }),
    ).toEqual(['aws_sns_topic.t: topic uses the AWS-managed alias/aws/sns key, which CloudWatch alarms cannot use']);
  });
});
