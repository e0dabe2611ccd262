/**
 * The policy check: rules over the synthesized JSON of each stack. Checking the JSON rather than construct
 * properties sees exactly what Terraform will get, including overrides and escape hatches.
 *
 * A resource may carry a suppression (`suppressPolicy`), which is written into its `//` metadata in the
 * synthesized JSON, so reviewers see every exception and its reason in the plan's input.
 */
import { TerraformResource } from 'cdktf';

/** One resource of a synthesized stack. */
export interface SynthResource {
  readonly type: string;
  readonly name: string;
  /** Terraform address, `<type>.<name>`. */
  readonly address: string;
  // The synthesized block is untyped JSON; rules read it defensively.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly config: Record<string, any>;
}

export interface Finding {
  readonly resource: SynthResource;
  readonly message: string;
}

/** How a finding counts: an error stops synth, a warning is reported in the synth summary and does not. */
export type RuleLevel = 'error' | 'warning';

/** The public rule sets a rule corresponds to, so reviewers can map the pack to the checks they know. */
export interface RuleReferences {
  /** AWS Foundational Security Best Practices control id, for example `S3.5`. */
  readonly fsbp?: string;
  /** cdk-nag rule, `<pack>-<rule>`, for example `AwsSolutions-S10`. */
  readonly cdkNag?: string;
  /** checkov check id(s), for example `CKV_AWS_21`. */
  readonly checkov?: string;
}

export interface PolicyRule {
  /** Stable identifier used in suppressions, for example `s3-versioning`. */
  readonly id: string;
  /** The AWS service (or provider) whose resources the rule checks; the folder its file lives in. */
  readonly service: string;
  readonly level: RuleLevel;
  /** What the rule requires, in one sentence. */
  readonly description: string;
  /** Why it matters: the risk a violation leaves open. */
  readonly explanation: string;
  readonly references: RuleReferences;
  check(stack: StackView): Finding[];
}

export interface Violation {
  readonly rule: string;
  readonly level: RuleLevel;
  readonly stack: string;
  readonly resource: string;
  readonly message: string;
}

/** A finding a resource's suppression excused, with the reason written for it. */
export interface Suppression {
  readonly rule: string;
  readonly stack: string;
  readonly resource: string;
  readonly reason: string;
}

/** Everything one stack's check found: what fails, what only warns, and what was excused. */
export interface StackReport {
  readonly violations: Violation[];
  readonly suppressions: Suppression[];
}

const SUPPRESSION_REASON_RULE = 'policy-suppression-reason';

/** Read-only view of one synthesized stack with the look-ups rules need. */
export class StackView {
  private readonly all: SynthResource[];

  constructor(
    readonly name: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly json: any,
  ) {
    const resources = (json?.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    this.all = Object.entries(resources).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, config]) => ({ type, name, address: `${type}.${name}`, config })),
    );
  }

  resources(type?: string): SynthResource[] {
    return type === undefined ? this.all : this.all.filter((r) => r.type === type);
  }

  /** Resources of `type` whose `attribute` points at `target`, by reference or by its literal `literalKey` value. */
  referencing(type: string, attribute: string, target: SynthResource, literalKey?: string): SynthResource[] {
    const literal = literalKey === undefined ? undefined : target.config[literalKey];
    return this.resources(type).filter((r) => {
      const value = r.config[attribute];
      if (typeof value !== 'string') return false;
      return value.includes(`\${${target.address}.`) || (typeof literal === 'string' && value === literal);
    });
  }
}

/** Terraform blocks synthesize as an object or a list of objects; rules want the list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function blocks(value: unknown): Record<string, any>[] {
  if (Array.isArray(value)) return value;
  return value !== null && typeof value === 'object' ? [value as Record<string, unknown>] : [];
}

/** Marks a resource as exempt from one rule. The reason is mandatory and lands in the synthesized JSON. */
export function suppressPolicy(resource: TerraformResource, ruleId: string, reason: string): void {
  resource.addOverride(`//.suppressions.${ruleId}`, reason);
}

function suppressionsOf(resource: SynthResource): Record<string, unknown> {
  return (resource.config['//']?.suppressions as Record<string, unknown> | undefined) ?? {};
}

/**
 * Runs every rule over one stack and applies suppressions. A suppression without a reason, and one that excuses no
 * finding (left behind after a fix, or naming a rule that does not exist), are violations themselves: every
 * suppression in the output is one a reviewer needs to read.
 */
export function reportStack(stack: StackView, rules: readonly PolicyRule[]): StackReport {
  const violations: Violation[] = [];
  const suppressions: Suppression[] = [];
  const used = new Set<string>();
  for (const rule of rules) {
    for (const finding of rule.check(stack)) {
      const reason = suppressionsOf(finding.resource)[rule.id];
      if (typeof reason === 'string' && reason.trim().length > 0) {
        used.add(`${finding.resource.address} ${rule.id}`);
        suppressions.push({ rule: rule.id, stack: stack.name, resource: finding.resource.address, reason });
        continue;
      }
      violations.push({
        rule: rule.id,
        level: rule.level,
        stack: stack.name,
        resource: finding.resource.address,
        message: finding.message,
      });
    }
  }
  const known = new Set(rules.map((r) => r.id));
  for (const resource of stack.resources()) {
    for (const [ruleId, reason] of Object.entries(suppressionsOf(resource))) {
      const problem =
        typeof reason !== 'string' || reason.trim().length === 0
          ? `suppression of ${ruleId} has no written reason`
          : known.has(ruleId) && !used.has(`${resource.address} ${ruleId}`)
            ? `suppression of ${ruleId} excuses nothing: the resource complies, remove it`
            : undefined;
      if (problem !== undefined) {
        violations.push({
          rule: SUPPRESSION_REASON_RULE,
          level: 'error',
          stack: stack.name,
          resource: resource.address,
          message: problem,
        });
      }
    }
  }
  return { violations, suppressions };
}

/** The violations of one stack (errors and warnings). */
export function checkStack(stack: StackView, rules: readonly PolicyRule[]): Violation[] {
  return reportStack(stack, rules).violations;
}

export class PolicyViolationError extends Error {
  constructor(readonly violations: readonly Violation[]) {
    super(
      `policy check failed with ${violations.length} violation(s):\n` +
        violations.map((v) => `  [${v.rule}] ${v.stack} ${v.resource}: ${v.message}`).join('\n') +
        '\nFix the resource, or suppress the rule on it with suppressPolicy(resource, rule, reason).',
    );
    this.name = 'PolicyViolationError';
  }
}
