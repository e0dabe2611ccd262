import { SecretsNoLiteralValue } from '../../../../../modules/policy/rules/secretsmanager/SecretsNoLiteralValue';
import { findingsOf } from '../../../../support/policy-rules';

describe('secrets-no-literal-value: ' + SecretsNoLiteralValue.description, () => {
  test('compliant: value from a reference', () => {
    expect(
      findingsOf(SecretsNoLiteralValue, {
        resource: { aws_secretsmanager_secret_version: { v: { secret_id: 's', secret_string: '${var.webhook}' } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: literal value', () => {
    expect(
      findingsOf(SecretsNoLiteralValue, {
        resource: { aws_secretsmanager_secret_version: { v: { secret_id: 's', secret_string: 'hunter2' } } },
      }),
    ).toEqual(['aws_secretsmanager_secret_version.v: secret_string is a literal value']);
  });
});
