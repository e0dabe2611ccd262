/** SNS and PagerDuty baseline: encrypted, account-scoped topics, HTTPS deliveries, services that page someone. */
import { blocks, Finding, PolicyRule, StackView, SynthResource } from '../engine';
import { isAnonymous, parsePolicy, PolicyStatementJson, statementsOf } from './policy-json';

/** The AWS-managed SNS key: its policy cannot admit CloudWatch, so alarms could not publish to the topic. */
const AWS_MANAGED_SNS_KEY = /(^|:)alias\/aws\/sns$/;

export const snsEncryption: PolicyRule = {
  id: 'sns-encryption',
  description:
    'Every topic is encrypted with a customer-managed KMS key (not alias/aws/sns, which CloudWatch alarms cannot use).',
  check: (stack) =>
    stack.resources('aws_sns_topic').flatMap((t): Finding[] => {
      const key = t.config.kms_master_key_id;
      if (typeof key !== 'string' || key.length === 0) {
        return [{ resource: t, message: 'topic has no kms_master_key_id' }];
      }
      return AWS_MANAGED_SNS_KEY.test(key)
        ? [{ resource: t, message: 'topic uses the AWS-managed alias/aws/sns key, which CloudWatch alarms cannot use' }]
        : [];
    }),
};

/** Condition keys that confine an anonymous principal to one account or organization. */
const ACCOUNT_SCOPING_KEYS = [
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcearn',
  'aws:principalaccount',
  'aws:principalorgid',
];

function scopedToAccount(statement: PolicyStatementJson): boolean {
  return Object.values(statement.Condition ?? {}).some((byKey) =>
    Object.keys(byKey).some((key) => ACCOUNT_SCOPING_KEYS.includes(key.toLowerCase())),
  );
}

function topicPolicies(stack: StackView): { resource: SynthResource; raw: unknown }[] {
  return [
    ...stack.resources('aws_sns_topic_policy').map((p) => ({ resource: p, raw: p.config.policy })),
    ...stack
      .resources('aws_sns_topic')
      .filter((t) => t.config.policy !== undefined)
      .map((t) => ({ resource: t, raw: t.config.policy })),
  ];
}

export const snsNoPublicPolicy: PolicyRule = {
  id: 'sns-no-public-policy',
  description:
    'Topic policies are literal JSON and allow "*" only under a condition confining it to an account (aws:SourceAccount, aws:SourceOwner, aws:SourceArn, aws:PrincipalAccount or aws:PrincipalOrgID).',
  check: (stack) =>
    topicPolicies(stack).flatMap(({ resource, raw }): Finding[] => {
      const document = parsePolicy(raw);
      if (document === undefined) {
        return [{ resource, message: 'topic policy is not literal JSON; build it with policyDocument()' }];
      }
      return statementsOf(document)
        .filter((s) => s.Effect === 'Allow' && isAnonymous(s.Principal) && !scopedToAccount(s))
        .map(() => ({ resource, message: 'topic policy allows any principal ("*") without an account condition' }));
    }),
};

export const snsHttpsDeliveries: PolicyRule = {
  id: 'sns-https-only',
  description: 'No subscription delivers over plain HTTP.',
  check: (stack) =>
    stack
      .resources('aws_sns_topic_subscription')
      .filter((s) => String(s.config.protocol ?? '').toLowerCase() === 'http')
      .map((s) => ({ resource: s, message: 'subscription delivers over http; use https' })),
};

export const pagerdutyEscalationPolicy: PolicyRule = {
  id: 'pagerduty-escalation-policy',
  description: 'Every PagerDuty service has an escalation policy, so that its incidents reach someone.',
  check: (stack) =>
    stack
      .resources('pagerduty_service')
      .filter((s) => typeof s.config.escalation_policy !== 'string' || s.config.escalation_policy.trim() === '')
      .map((s) => ({ resource: s, message: 'service has no escalation_policy' })),
};

/** The environment of a platform stack, from the default tags every stack's AWS provider carries. */
export function stackEnvironment(stack: StackView): string | undefined {
  for (const provider of blocks(stack.json?.provider?.aws)) {
    for (const defaults of blocks(provider.default_tags)) {
      const environment = defaults.tags?.Environment;
      if (typeof environment === 'string') return environment;
    }
  }
  return undefined;
}

export const pagerdutyProdUrgency: PolicyRule = {
  id: 'pagerduty-prod-urgency',
  description:
    'PagerDuty services of production environments open every incident with high urgency; a production ' +
    "environment (core/environment.ts isProduction) protects its stateful resources, the service's prevent_destroy " +
    'included, which is how its synthesized form shows it.',
  check: (stack) => {
    const environment = stackEnvironment(stack) ?? stack.name;
    return stack.resources('pagerduty_service').flatMap((s): Finding[] => {
      const production = (s.config.lifecycle as { prevent_destroy?: unknown } | undefined)?.prevent_destroy === true;
      if (!production) return [];
      const high = blocks(s.config.incident_urgency_rule).some((r) => r.type === 'constant' && r.urgency === 'high');
      return high
        ? []
        : [{ resource: s, message: `service in ${environment} does not have a constant high incident_urgency_rule` }];
    });
  },
};

export const ALERTING_RULES: readonly PolicyRule[] = [
  snsEncryption,
  snsNoPublicPolicy,
  snsHttpsDeliveries,
  pagerdutyEscalationPolicy,
  pagerdutyProdUrgency,
];
