/**
 * The rules physical names follow: each resource kind's AWS limits (length and characters), and the name component
 * rule (lower-case words joined by single dashes) that config validates and the naming helper (modules/naming.ts)
 * applies. Checked at synth, because `terraform plan` accepts names that the AWS APIs later reject.
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

export interface NameRule {
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  readonly allowed: string;
}

export const NAME_RULES: Record<NameKind, NameRule> = {
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

/** `<prefix>-<component>`, the component checked against COMPONENT_RULE and the whole against the limits of `kind`. */
export function prefixedName(prefix: string, component: string, kind: NameKind = 'generic'): string {
  if (!COMPONENT_RULE.test(component)) {
    throw new NameError(
      `name component ${JSON.stringify(component)} must be lower-case words of a-z and 0-9 joined by single -`,
    );
  }
  return checkName(`${prefix}-${component}`, kind);
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
