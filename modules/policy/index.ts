/**
 * The policy check over a whole app: every stack is prepared and synthesized in memory, all rules run, and synth
 * stops before anything is written if there is a violation.
 */
import { App, TerraformStack } from 'cdktf';
import { invokeStackAspects } from '../cdktf-internals';
import {
  PolicyRule,
  PolicyViolationError,
  reportStack,
  StackReport,
  StackView,
  Suppression,
  Violation,
} from './engine';
import { RULES } from './rules';

export { blocks, checkStack, PolicyViolationError, reportStack, StackView, suppressPolicy } from './engine';
export type {
  Finding,
  PolicyRule,
  RuleLevel,
  RuleReferences,
  StackReport,
  Suppression,
  SynthResource,
  Violation,
} from './engine';
export { RULES, rulesFor } from './rules';

/** The baseline every stack is held to (the rule pack of `rules/index.ts`). */
export const BASELINE_RULES: readonly PolicyRule[] = RULES;

/** Checks one stack's synthesized form (aspects applied) against the rules. */
export function reportTerraformStack(
  stack: TerraformStack,
  rules: readonly PolicyRule[] = BASELINE_RULES,
): StackReport {
  invokeStackAspects(stack);
  return reportStack(new StackView(stack.node.id, stack.toTerraform()), rules);
}

/** The violations (errors and warnings) of one stack. */
export function checkTerraformStack(stack: TerraformStack, rules: readonly PolicyRule[] = BASELINE_RULES): Violation[] {
  return reportTerraformStack(stack, rules).violations;
}

/** What the policy check of a whole app found: warnings do not stop synth, suppressions are every excused finding. */
export interface PolicyReport {
  readonly warnings: readonly Violation[];
  readonly suppressions: readonly Suppression[];
}

/**
 * Checks every stack of the app and throws one error listing every error-level violation. The stacks are then final:
 * each is locked, so nothing can be added between the check and the write (stacks may reuse the checked JSON).
 */
export function assertCompliant(app: App, rules: readonly PolicyRule[] = BASELINE_RULES): PolicyReport {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  // Cross-stack references add outputs and remote state to other stacks while stacks are prepared.
  stacks.forEach((stack) => stack.prepareStack());
  stacks.forEach((stack) => stack.node.lock());
  const reports = stacks.map((stack) => reportTerraformStack(stack, rules));
  const violations = reports.flatMap((r) => r.violations);
  const errors = violations.filter((v) => v.level === 'error');
  if (errors.length > 0) throw new PolicyViolationError(errors);
  return {
    warnings: violations.filter((v) => v.level === 'warning'),
    suppressions: reports.flatMap((r) => r.suppressions),
  };
}

/**
 * The synth summary a reviewer reads in the pull request: every suppression counted per rule with its reasons, and
 * every warning.
 */
export function formatPolicyReport(report: PolicyReport): string {
  const lines = [
    `policy check: passed, ${report.suppressions.length} suppression(s), ${report.warnings.length} warning(s)`,
  ];
  const byRule = new Map<string, Suppression[]>();
  for (const s of report.suppressions) byRule.set(s.rule, [...(byRule.get(s.rule) ?? []), s]);
  for (const [rule, list] of [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  suppressed ${rule}: ${list.length}`);
    for (const s of list) lines.push(`    ${s.stack} ${s.resource}: ${s.reason}`);
  }
  for (const w of report.warnings) lines.push(`  warning [${w.rule}] ${w.stack} ${w.resource}: ${w.message}`);
  return lines.join('\n');
}
