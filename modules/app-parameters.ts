/**
 * An environment's application configuration: SSM parameters under `/<service>/<env>/` and Secrets Manager secrets
 * named `<service>/<env>/<name>`. Secret values never appear in code, config or state files written by this app:
 * SecureString parameters and parameters without a configured value are created with a placeholder that Terraform
 * then ignores (the value is set with `aws ssm put-parameter --overwrite`), and secrets are created empty (the value is
 * set with `aws secretsmanager put-secret-value`). Functions are granted read access to named entries only.
 */
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Construct } from 'constructs';
import type { PolicyStatement } from './iam-policy';
import { checkName, Naming } from './naming';

/** The value a parameter holds until its real value is set out of band. */
export const PARAMETER_PLACEHOLDER = 'set-out-of-band';

export type ParameterType = 'String' | 'StringList' | 'SecureString';

export interface AppParameterSpec {
  /** @default 'String' */
  readonly type?: ParameterType;
  /** Plain configuration value; never for SecureString. @default a placeholder, the value being set out of band */
  readonly value?: string;
  readonly description?: string;
}

export interface AppSecretSpec {
  readonly description?: string;
}

export interface AppParametersProps {
  readonly naming: Naming;
  /** Parameters by name (the last part of `/<service>/<env>/<name>`). @default {} */
  readonly parameters?: Readonly<Record<string, AppParameterSpec>>;
  /** Secrets by name (the last part of `<service>/<env>/<name>`). @default {} */
  readonly secrets?: Readonly<Record<string, AppSecretSpec>>;
  /** Days a deleted secret can be restored: 7 to 30. @default 30 */
  readonly secretRecoveryWindowDays?: number;
  /** prevent_destroy on the secrets (production). @default false */
  readonly protect?: boolean;
}

export class AppParameters extends Construct {
  readonly parameters: Readonly<Record<string, SsmParameter>>;
  readonly secrets: Readonly<Record<string, SecretsmanagerSecret>>;
  /** `/<service>/<env>/`, the PARAMETER_PATH functions read under. */
  readonly parameterPath: string;
  /** `<service>/<env>/`, the SECRET_PREFIX functions read under. */
  readonly secretPrefix: string;

  constructor(scope: Construct, id: string, props: AppParametersProps) {
    super(scope, id);
    const recovery = props.secretRecoveryWindowDays ?? 30;
    if (!Number.isInteger(recovery) || recovery < 7 || recovery > 30) {
      throw new Error(`secretRecoveryWindowDays must be a whole number between 7 and 30, got ${recovery}`);
    }
    this.parameterPath = props.naming.parameterPath;
    this.secretPrefix = this.parameterPath.slice(1);

    const parameters: Record<string, SsmParameter> = {};
    for (const [name, spec] of Object.entries(props.parameters ?? {})) {
      const type = spec.type ?? 'String';
      if (type === 'SecureString' && spec.value !== undefined) {
        throw new Error(`parameter ${name}: a SecureString value must not be in code; set it out of band`);
      }
      const outOfBand = spec.value === undefined;
      parameters[name] = new SsmParameter(this, `parameter-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, {
        name: `${this.parameterPath}${name}`,
        type,
        description: spec.description,
        value: spec.value ?? PARAMETER_PLACEHOLDER,
        lifecycle: outOfBand ? { ignoreChanges: ['value'] } : undefined,
      });
    }
    this.parameters = parameters;

    const secrets: Record<string, SecretsmanagerSecret> = {};
    for (const [name, spec] of Object.entries(props.secrets ?? {})) {
      secrets[name] = new SecretsmanagerSecret(this, `secret-${name}`, {
        name: checkName(`${this.secretPrefix}${name}`, 'secret'),
        description: spec.description,
        recoveryWindowInDays: recovery,
        lifecycle: props.protect ? { preventDestroy: true } : undefined,
      });
    }
    this.secrets = secrets;
  }

  /** Read access to the named parameters and secrets, and nothing else. */
  readStatements(parameterNames: readonly string[], secretNames: readonly string[]): PolicyStatement[] {
    const statements: PolicyStatement[] = [];
    if (parameterNames.length > 0) {
      statements.push({
        sid: 'ReadOwnParameters',
        actions: ['ssm:GetParameter', 'ssm:GetParameters'],
        resources: parameterNames.map((n) => this.parameter(n).arn),
      });
    }
    if (secretNames.length > 0) {
      statements.push({
        sid: 'ReadOwnSecrets',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: secretNames.map((n) => this.secret(n).arn),
      });
    }
    return statements;
  }

  parameter(name: string): SsmParameter {
    const parameter = this.parameters[name];
    if (!parameter)
      throw new Error(`no parameter ${name}; defined: ${Object.keys(this.parameters).join(', ') || 'none'}`);
    return parameter;
  }

  secret(name: string): SecretsmanagerSecret {
    const secret = this.secrets[name];
    if (!secret) throw new Error(`no secret ${name}; defined: ${Object.keys(this.secrets).join(', ') || 'none'}`);
    return secret;
  }
}
