/**
 * The policy check over a whole app: every stack is prepared and synthesized in memory, all rules run, and synth
 * stops before anything is written if there is a violation.
 */
import { App, TerraformStack } from 'cdktf';
import { invokeStackAspects } from '../cdktf-internals';
import { checkStack, PolicyRule, PolicyViolationError, StackView, Violation } from './engine';
import { ALERTING_RULES } from './rules/alerting';
import { CLOUDFRONT_RULES } from './rules/cloudfront';
import { COMPUTE_RULES } from './rules/compute';
import { COMPUTE_API_RULES } from './rules/compute-api';
import { DATA_RULES } from './rules/data';
import { elasticacheNetworkPlacement } from './rules/elasticache/network-placement';
import { elasticacheTransitEncryption } from './rules/elasticache/transit-encryption';
import { DELIVERY_RULES } from './rules/delivery';
import { IAM_RULES } from './rules/iam';
import { lambdaSqsVisibilityTimeout } from './rules/lambda/sqs-event-source-visibility';
import { NETWORK_RULES } from './rules/network';
import { S3_RULES } from './rules/s3';
import { sqsDeadLetterQueue } from './rules/sqs/queue-dead-letter';
import { sqsEncryption } from './rules/sqs/queue-encryption';
import { sqsTlsOnly } from './rules/sqs/queue-tls-only';
import { budgetNotifications } from './rules/budgets/budget-notifications';
import { alarmActions } from './rules/cloudwatch/alarm-actions';
import { logSubscriptionPermission } from './rules/logs/subscription-permission';
import { xrayGroupInsights } from './rules/xray/group-insights';

export { blocks, checkStack, PolicyViolationError, StackView, suppressPolicy } from './engine';
export type { Finding, PolicyRule, SynthResource, Violation } from './engine';

/** The baseline every stack is held to; layers append the rules for their resource types here. */
export const BASELINE_RULES: readonly PolicyRule[] = [
  ...S3_RULES,
  ...IAM_RULES,
  ...COMPUTE_RULES,
  ...COMPUTE_API_RULES,
  ...NETWORK_RULES,
  ...DATA_RULES,
  ...ALERTING_RULES,
  ...DELIVERY_RULES,
  // Queues, queue consumers and caches (the codegen layer's types), one rule per file.
  sqsEncryption,
  sqsTlsOnly,
  sqsDeadLetterQueue,
  lambdaSqsVisibilityTimeout,
  elasticacheTransitEncryption,
  elasticacheNetworkPlacement,
  ...CLOUDFRONT_RULES,
  alarmActions,
  xrayGroupInsights,
  logSubscriptionPermission,
  budgetNotifications,
];

/** Checks one stack's synthesized form (aspects applied) against the rules. */
export function checkTerraformStack(stack: TerraformStack, rules: readonly PolicyRule[] = BASELINE_RULES): Violation[] {
  invokeStackAspects(stack);
  return checkStack(new StackView(stack.node.id, stack.toTerraform()), rules);
}

/**
 * Checks every stack of the app and throws one error listing every violation. The stacks are then final: each is
 * locked, so nothing can be added between the check and the write (stacks may reuse the checked JSON).
 */
export function assertCompliant(app: App, rules: readonly PolicyRule[] = BASELINE_RULES): void {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  // Cross-stack references add outputs and remote state to other stacks while stacks are prepared.
  stacks.forEach((stack) => stack.prepareStack());
  stacks.forEach((stack) => stack.node.lock());
  const violations = stacks.flatMap((stack) => checkTerraformStack(stack, rules));
  if (violations.length > 0) throw new PolicyViolationError(violations);
}
