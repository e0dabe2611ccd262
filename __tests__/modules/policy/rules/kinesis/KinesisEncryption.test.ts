import { KinesisEncryption } from '../../../../../modules/policy/rules/kinesis/KinesisEncryption';
import { findingsOf } from '../../../../support/policy-rules';

describe('kinesis-encryption: ' + KinesisEncryption.description, () => {
  test('compliant: KMS encryption', () => {
    expect(
      findingsOf(KinesisEncryption, {
        resource: { aws_kinesis_stream: { s: { name: 's', encryption_type: 'KMS', kms_key_id: 'alias/aws/kinesis' } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: unencrypted', () => {
    expect(
      findingsOf(KinesisEncryption, {
        resource: { aws_kinesis_stream: { s: { name: 's', encryption_type: 'NONE' } } },
      }),
    ).toEqual(['aws_kinesis_stream.s: stream does not have encryption_type = "KMS" with a kms_key_id']);
  });
});
