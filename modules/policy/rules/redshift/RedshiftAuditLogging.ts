import { Finding, PolicyRule } from '../../engine';

const AUDIT_LOGS = ['connectionlog', 'userlog', 'useractivitylog'];

export const RedshiftAuditLogging: PolicyRule = {
  id: 'redshift-audit-logging',
  service: 'redshift',
  level: 'error',
  description:
    'Every Redshift Serverless namespace exports its connection, user and user-activity logs, to log groups created in its stack (so they have retention) before it.',
  explanation:
    'Audit logs are the record of who connected and what they ran; log groups AWS creates itself keep them forever, outside Terraform.',
  references: { fsbp: 'RedshiftServerless.6', cdkNag: 'AwsSolutions-RS5' },
  check: (stack) =>
    stack.resources('aws_redshiftserverless_namespace').flatMap((n): Finding[] => {
      const exported: unknown[] = n.config.log_exports ?? [];
      const missing = AUDIT_LOGS.filter((t) => !exported.includes(t));
      if (missing.length > 0) {
        return [{ resource: n, message: `log_exports lacks ${missing.join(', ')}` }];
      }
      const dependsOn: unknown[] = n.config.depends_on ?? [];
      const absent = AUDIT_LOGS.filter((type) => {
        const group = stack
          .resources('aws_cloudwatch_log_group')
          .find((g) => g.config.name === `/aws/redshift/${n.config.namespace_name}/${type}`);
        return group === undefined || !dependsOn.includes(group.address);
      });
      return absent.length === 0
        ? []
        : [
            {
              resource: n,
              message: `no log group /aws/redshift/${n.config.namespace_name}/<type> created before it for ${absent.join(', ')}`,
            },
          ];
    }),
};
