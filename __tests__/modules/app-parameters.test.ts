import { AppParameters, AppParametersProps, PARAMETER_PLACEHOLDER } from '../../modules/app-parameters';
import { Naming } from '../../modules/naming';
import { SecretsNoLiteralValue } from '../../modules/policy/rules/secretsmanager/SecretsNoLiteralValue';
import { SsmSecurestringOutOfBand } from '../../modules/policy/rules/ssm/SsmSecurestringOutOfBand';
import { resourcesOf, testStack, violatedRules } from '../support/stacks';

function build(props: Partial<AppParametersProps> = {}) {
  const stack = testStack();
  const parameters = new AppParameters(stack, 'config', {
    naming: new Naming('phoney', 'dev'),
    parameters: {
      SECRET_KEY: { type: 'SecureString', description: 'JWT signing key' },
      API_USERNAME: {},
      RATE_LIMIT_PER_MINUTE: { value: '60' },
    },
    secrets: { credentials: { description: 'password hash and JWT secret' } },
    ...props,
  });
  return { stack, parameters };
}

const byName = (stack: ReturnType<typeof testStack>, type: string) =>
  Object.fromEntries(Object.values(resourcesOf(stack, type)).map((r) => [r.name, r]));

describe('AppParameters', () => {
  test('parameters live under /<service>/<env>/', () => {
    const { stack, parameters } = build();
    expect(parameters.parameterPath).toBe('/phoney/dev/');
    expect(Object.keys(byName(stack, 'aws_ssm_parameter')).sort()).toEqual([
      '/phoney/dev/API_USERNAME',
      '/phoney/dev/RATE_LIMIT_PER_MINUTE',
      '/phoney/dev/SECRET_KEY',
    ]);
  });

  test('configured values are managed; SecureStrings and unset values are set out of band and never overwritten', () => {
    const { stack } = build();
    const params = byName(stack, 'aws_ssm_parameter');
    expect(params['/phoney/dev/RATE_LIMIT_PER_MINUTE']).toMatchObject({ type: 'String', value: '60' });
    expect(params['/phoney/dev/RATE_LIMIT_PER_MINUTE'].lifecycle).toBeUndefined();
    for (const name of ['/phoney/dev/SECRET_KEY', '/phoney/dev/API_USERNAME']) {
      expect(params[name]).toMatchObject({ value: PARAMETER_PLACEHOLDER, lifecycle: { ignore_changes: ['value'] } });
    }
    expect(params['/phoney/dev/SECRET_KEY'].type).toBe('SecureString');
    expect(violatedRules(stack, [SsmSecurestringOutOfBand, SecretsNoLiteralValue])).toEqual([]);
  });

  test('secrets are named <service>/<env>/<name> and created without a value', () => {
    const { stack, parameters } = build();
    expect(parameters.secretPrefix).toBe('phoney/dev/');
    expect(byName(stack, 'aws_secretsmanager_secret')['phoney/dev/credentials']).toMatchObject({
      recovery_window_in_days: 30,
      description: 'password hash and JWT secret',
    });
    expect(resourcesOf(stack, 'aws_secretsmanager_secret_version')).toEqual({});
  });

  test('production protects the secrets', () => {
    const { stack } = build({ protect: true, secretRecoveryWindowDays: 7 });
    expect(byName(stack, 'aws_secretsmanager_secret')['phoney/dev/credentials']).toMatchObject({
      recovery_window_in_days: 7,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('read access names only the given parameters and secrets', () => {
    const { parameters } = build();
    const statements = parameters.readStatements(['SECRET_KEY'], ['credentials']);
    expect(statements.map((s) => [s.sid, s.actions, s.resources?.length])).toEqual([
      ['ReadOwnParameters', ['ssm:GetParameter', 'ssm:GetParameters'], 1],
      ['ReadOwnSecrets', ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], 1],
    ]);
    expect(parameters.readStatements([], [])).toEqual([]);
  });

  describe('fails when', () => {
    test('a SecureString has a value in code', () => {
      expect(() => build({ parameters: { SECRET_KEY: { type: 'SecureString', value: 'hunter2' } } })).toThrow(
        'parameter SECRET_KEY: a SecureString value must not be in code; set it out of band',
      );
    });

    test('a grant names an unknown parameter or secret', () => {
      const { parameters } = build();
      expect(() => parameters.readStatements(['NOPE'], [])).toThrow(
        'no parameter NOPE; defined: SECRET_KEY, API_USERNAME, RATE_LIMIT_PER_MINUTE',
      );
      expect(() => parameters.readStatements([], ['nope'])).toThrow('no secret nope; defined: credentials');
    });

    test('the recovery window is outside 7 to 30 days', () => {
      expect(() => build({ secretRecoveryWindowDays: 3 })).toThrow(
        'secretRecoveryWindowDays must be a whole number between 7 and 30, got 3',
      );
    });
  });
});
