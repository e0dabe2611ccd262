import { RedshiftNotPublic } from '../../../../../modules/policy/rules/redshift/RedshiftNotPublic';
import { findingsOf } from '../../../../support/policy-rules';

describe('redshift-not-public: ' + RedshiftNotPublic.description, () => {
  test('compliant: private workgroup', () => {
    expect(
      findingsOf(RedshiftNotPublic, {
        resource: { aws_redshiftserverless_workgroup: { w: { workgroup_name: 'w', publicly_accessible: false } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: public default', () => {
    expect(
      findingsOf(RedshiftNotPublic, { resource: { aws_redshiftserverless_workgroup: { w: { workgroup_name: 'w' } } } }),
    ).toEqual(['aws_redshiftserverless_workgroup.w: publicly_accessible is not set to false']);
  });
});
