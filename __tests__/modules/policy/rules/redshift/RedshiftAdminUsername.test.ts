import { RedshiftAdminUsername } from '../../../../../modules/policy/rules/redshift/RedshiftAdminUsername';
import { findingsOf } from '../../../../support/policy-rules';

describe('redshift-admin-username: ' + RedshiftAdminUsername.description, () => {
  test('compliant: a chosen admin name', () => {
    const json = { resource: { aws_redshiftserverless_namespace: { n: { admin_username: 'platform_admin' } } } };
    expect(findingsOf(RedshiftAdminUsername, json)).toEqual([]);
  });

  test('non-compliant: the default admin name', () => {
    const json = { resource: { aws_redshiftserverless_namespace: { n: { admin_username: 'admin' } } } };
    expect(findingsOf(RedshiftAdminUsername, json)).toEqual([
      'aws_redshiftserverless_namespace.n: admin_username is a default name (admin)',
    ]);
  });
});
