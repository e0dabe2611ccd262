import { KmsRotation } from '../../../../../modules/policy/rules/kms/KmsRotation';
import { findingsOf } from '../../../../support/policy-rules';

describe('kms-rotation: ' + KmsRotation.description, () => {
  test('compliant: rotation on', () => {
    expect(findingsOf(KmsRotation, { resource: { aws_kms_key: { k: { enable_key_rotation: true } } } })).toEqual([]);
  });

  test('non-compliant: rotation off', () => {
    expect(findingsOf(KmsRotation, { resource: { aws_kms_key: { k: { enable_key_rotation: false } } } })).toEqual([
      'aws_kms_key.k: key does not have enable_key_rotation = true',
    ]);
  });
});
