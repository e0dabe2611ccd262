import { RedshiftRequireSsl } from '../../../../../modules/policy/rules/redshift/RedshiftRequireSsl';
import { findingsOf } from '../../../../support/policy-rules';

describe('redshift-require-ssl: ' + RedshiftRequireSsl.description, () => {
  test('compliant: require_ssl true', () => {
    expect(
      findingsOf(RedshiftRequireSsl, {
        resource: {
          aws_redshiftserverless_workgroup: {
            w: { workgroup_name: 'w', config_parameter: [{ parameter_key: 'require_ssl', parameter_value: 'true' }] },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no require_ssl', () => {
    expect(
      findingsOf(RedshiftRequireSsl, {
        resource: { aws_redshiftserverless_workgroup: { w: { workgroup_name: 'w' } } },
      }),
    ).toEqual(['aws_redshiftserverless_workgroup.w: workgroup has no config_parameter require_ssl = "true"']);
  });
});
