/**
 * The one source of physical names: `<service>-<env>-<component>` for per-environment resources and
 * `<service>-<component>` for global ones, lower-case, checked against each resource kind's AWS limits at synth,
 * because `terraform plan` accepts names that the AWS APIs later reject.
 */

export type NameKind =
  | 'generic'
  | 's3Bucket'
  | 'lambdaFunction'
  | 'iamRole'
  | 'iamPolicy'
  | 'sqsQueue'
  | 'snsTopic'
  | 'logGroup'
  | 'dynamodbTable'
  | 'kinesisStream'
  | 'secret'
  | 'ecrRepository'
  | 'cloudwatchAlarm'
  | 'apiGateway'
  | 'xrayName'
  | 'dashboard'
  | 'budget'
  | 'queryDefinition'
  | 'stack';

interface NameRule {
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  readonly allowed: string;
}

const NAME_RULES: Record<NameKind, NameRule> = {
  generic: { min: 1, max: 255, pattern: /^[a-z0-9-]+$/, allowed: 'a-z, 0-9 and -' },
  s3Bucket: { min: 3, max: 63, pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/, allowed: 'a-z, 0-9 and -' },
  lambdaFunction: { min: 1, max: 64, pattern: /^[a-zA-Z0-9_-]+$/, allowed: 'a-z, 0-9, - and _' },
  iamRole: { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, allowed: 'a-z, 0-9 and +=,.@_-' },
  iamPolicy: { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, allowed: 'a-z, 0-9 and +=,.@_-' },
  sqsQueue: { min: 1, max: 80, pattern: /^[a-zA-Z0-9_-]+(\.fifo)?$/, allowed: 'a-z, 0-9, - and _' },
  snsTopic: { min: 1, max: 256, pattern: /^[a-zA-Z0-9_-]+(\.fifo)?$/, allowed: 'a-z, 0-9, - and _' },
  logGroup: { min: 1, max: 512, pattern: /^[\w\-/.#]+$/, allowed: 'a-z, 0-9 and _-/.#' },
  dynamodbTable: { min: 3, max: 255, pattern: /^[a-zA-Z0-9_.-]+$/, allowed: 'a-z, 0-9, _, - and .' },
  kinesisStream: { min: 1, max: 128, pattern: /^[a-zA-Z0-9_.-]+$/, allowed: 'a-z, 0-9, _, - and .' },
  secret: { min: 1, max: 512, pattern: /^[\w/+=.@-]+$/, allowed: 'a-z, 0-9 and /_+=.@-' },
  ecrRepository: {
    min: 2,
    max: 256,
    pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    allowed: 'a-z, 0-9, ., _, - and /',
  },
  cloudwatchAlarm: { min: 1, max: 255, pattern: /^[^\s].*$/, allowed: 'printable characters' },
  apiGateway: { min: 1, max: 128, pattern: /^[\w-]+$/, allowed: 'a-z, 0-9, - and _' },
  xrayName: { min: 1, max: 32, pattern: /^[A-Za-z0-9_-]+$/, allowed: 'a-z, 0-9, - and _' },
  dashboard: { min: 1, max: 255, pattern: /^[A-Za-z0-9_-]+$/, allowed: 'a-z, 0-9, - and _' },
  budget: { min: 1, max: 100, pattern: /^[^:\\]+$/, allowed: 'any characters but : and \\' },
  queryDefinition: { min: 1, max: 255, pattern: /^[\w\-/. ]+$/, allowed: 'a-z, 0-9, spaces and _-/.' },
  // Terraform Cloud workspace names (one per stack) allow at most 90 characters.
  stack: { min: 1, max: 90, pattern: /^[a-z0-9][a-z0-9-]*$/, allowed: 'a-z, 0-9 and -' },
};

export class NameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NameError';
  }
}

/** A name component: lower-case words of a-z and 0-9 joined by single dashes. */
export const COMPONENT_RULE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class Naming {
  /** The prefix every name of this scope starts with. */
  readonly prefix: string;

  /**
   * @param service the service name from config
   * @param environment the environment name; absent for global resources
   */
  constructor(
    readonly service: string,
    readonly environment?: string,
  ) {
    this.prefix = environment === undefined ? service : `${service}-${environment}`;
  }

  /** The same service in another environment, or global when `environment` is undefined. */
  withEnvironment(environment?: string): Naming {
    return new Naming(this.service, environment);
  }

  /** `<prefix>-<component>`, checked against the limits of `kind`. */
  name(component: string, kind: NameKind = 'generic'): string {
    if (!COMPONENT_RULE.test(component)) {
      throw new NameError(
        `name component ${JSON.stringify(component)} must be lower-case words of a-z and 0-9 joined by single -`,
      );
    }
    return checkName(`${this.prefix}-${component}`, kind);
  }

  /** The stack of a layer: `<service>-<env>-<layer>`, or `<service>-<layer>` for global layers. */
  stackName(layer: string): string {
    return this.name(layer, 'stack');
  }

  /** The log group Lambda writes to for a function of this name. */
  static lambdaLogGroup(functionName: string): string {
    return checkName(`/aws/lambda/${functionName}`, 'logGroup');
  }

  /** SSM parameter path prefix of this scope: `/<service>/<env>/`. */
  get parameterPath(): string {
    return this.environment === undefined ? `/${this.service}/` : `/${this.service}/${this.environment}/`;
  }
}

/** Checks a complete name against the AWS limits of its kind, naming it in the error. */
export function checkName(name: string, kind: NameKind): string {
  const rule = NAME_RULES[kind];
  if (name.length < rule.min || name.length > rule.max) {
    throw new NameError(
      `${kind} name ${JSON.stringify(name)} is ${name.length} characters; AWS allows ${rule.min} to ${rule.max}`,
    );
  }
  if (!rule.pattern.test(name)) {
    throw new NameError(`${kind} name ${JSON.stringify(name)} may contain only ${rule.allowed}`);
  }
  if (kind === 's3Bucket') checkBucketName(name);
  return name;
}

function checkBucketName(name: string): void {
  if (name.includes('--') && name.startsWith('xn--')) {
    throw new NameError(`s3Bucket name ${JSON.stringify(name)} must not start with xn-- (reserved)`);
  }
  for (const suffix of ['-s3alias', '--ol-s3', '--x-s3']) {
    if (name.endsWith(suffix)) {
      throw new NameError(`s3Bucket name ${JSON.stringify(name)} must not end with ${suffix} (reserved)`);
    }
  }
}
