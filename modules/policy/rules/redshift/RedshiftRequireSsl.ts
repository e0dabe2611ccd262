import { blocks, PolicyRule } from '../../engine';

export const RedshiftRequireSsl: PolicyRule = {
  id: 'redshift-require-ssl',
  service: 'redshift',
  level: 'error',
  description: 'Every Redshift Serverless workgroup refuses connections without TLS (require_ssl = true).',
  explanation: 'Without require_ssl clients can connect in plain text and send queries and results unencrypted.',
  references: { fsbp: 'Redshift.2', cdkNag: 'AwsSolutions-RS6' },
  check: (stack) =>
    stack
      .resources('aws_redshiftserverless_workgroup')
      .filter(
        (w) =>
          !blocks(w.config.config_parameter).some(
            (p) => p.parameter_key === 'require_ssl' && String(p.parameter_value) === 'true',
          ),
      )
      .map((w) => ({ resource: w, message: 'workgroup has no config_parameter require_ssl = "true"' })),
};
