import { SsmSecurestringOutOfBand } from '../../../../../modules/policy/rules/ssm/SsmSecurestringOutOfBand';
import { findingsOf } from '../../../../support/policy-rules';

describe('ssm-securestring-out-of-band: ' + SsmSecurestringOutOfBand.description, () => {
  test('compliant: value ignored', () => {
    expect(
      findingsOf(SsmSecurestringOutOfBand, {
        resource: {
          aws_ssm_parameter: {
            p: {
              name: '/s/dev/k',
              type: 'SecureString',
              value: 'placeholder',
              lifecycle: { ignore_changes: ['value'] },
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: value managed by Terraform', () => {
    expect(
      findingsOf(SsmSecurestringOutOfBand, {
        resource: { aws_ssm_parameter: { p: { name: '/s/dev/k', type: 'SecureString', value: 'placeholder' } } },
      }),
    ).toEqual([
      'aws_ssm_parameter.p: SecureString parameter does not ignore changes to value (its value belongs out of band)',
    ]);
  });
});
