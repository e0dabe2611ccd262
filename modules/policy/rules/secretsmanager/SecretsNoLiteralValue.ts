import { Finding, PolicyRule } from '../../engine';

export const SecretsNoLiteralValue: PolicyRule = {
  id: 'secrets-no-literal-value',
  service: 'secretsmanager',
  level: 'error',
  description: 'No secret value is written in configuration: secret versions take values only from references.',
  explanation: 'A literal secret value is committed with the code and stored in plain text in state.',
  references: {},
  check: (stack) =>
    stack.resources('aws_secretsmanager_secret_version').flatMap((v): Finding[] =>
      ['secret_string', 'secret_binary'].flatMap((field): Finding[] => {
        const value = v.config[field];
        return typeof value === 'string' && !value.startsWith('${')
          ? [{ resource: v, message: `${field} is a literal value` }]
          : [];
      }),
    ),
};
