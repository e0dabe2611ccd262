import { RedshiftAuditLogging } from '../../../../../modules/policy/rules/redshift/RedshiftAuditLogging';
import { findingsOf } from '../../../../support/policy-rules';

const TYPES = ['connectionlog', 'userlog', 'useractivitylog'];
const groups = Object.fromEntries(TYPES.map((t) => [t, { name: `/aws/redshift/wh/${t}`, retention_in_days: 30 }]));

describe('redshift-audit-logging: ' + RedshiftAuditLogging.description, () => {
  test('compliant: all three logs exported to log groups created first', () => {
    const json = {
      resource: {
        aws_cloudwatch_log_group: groups,
        aws_redshiftserverless_namespace: {
          n: {
            namespace_name: 'wh',
            log_exports: TYPES,
            depends_on: TYPES.map((t) => `aws_cloudwatch_log_group.${t}`),
          },
        },
      },
    };
    expect(findingsOf(RedshiftAuditLogging, json)).toEqual([]);
  });

  test('non-compliant: exports without log groups of its own; no user activity log', () => {
    const withoutGroups = {
      resource: { aws_redshiftserverless_namespace: { n: { namespace_name: 'wh', log_exports: TYPES } } },
    };
    expect(findingsOf(RedshiftAuditLogging, withoutGroups)).toEqual([
      'aws_redshiftserverless_namespace.n: no log group /aws/redshift/wh/<type> created before it for connectionlog, userlog, useractivitylog',
    ]);
    const partial = {
      resource: {
        aws_redshiftserverless_namespace: { n: { namespace_name: 'wh', log_exports: ['connectionlog', 'userlog'] } },
      },
    };
    expect(findingsOf(RedshiftAuditLogging, partial)).toEqual([
      'aws_redshiftserverless_namespace.n: log_exports lacks useractivitylog',
    ]);
  });
});
