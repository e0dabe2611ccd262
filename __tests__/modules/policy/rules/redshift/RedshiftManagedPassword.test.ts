import { RedshiftManagedPassword } from '../../../../../modules/policy/rules/redshift/RedshiftManagedPassword';
import { findingsOf } from '../../../../support/policy-rules';

describe('redshift-managed-password: ' + RedshiftManagedPassword.description, () => {
  test('compliant: password managed by AWS', () => {
    expect(
      findingsOf(RedshiftManagedPassword, {
        resource: {
          aws_redshiftserverless_namespace: {
            n: { namespace_name: 'n', admin_username: 'platform_admin', manage_admin_password: true },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: password in configuration', () => {
    expect(
      findingsOf(RedshiftManagedPassword, {
        resource: {
          aws_redshiftserverless_namespace: {
            n: { namespace_name: 'n', admin_username: 'platform_admin', admin_user_password: '${var.p}' },
          },
        },
      }),
    ).toEqual([
      'aws_redshiftserverless_namespace.n: namespace sets an admin password instead of manage_admin_password = true',
    ]);
  });
});
