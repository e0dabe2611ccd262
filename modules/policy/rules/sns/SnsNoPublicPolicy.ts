import { Finding, PolicyRule, StackView, SynthResource } from '../../engine';
import { isAnonymous, parsePolicy, PolicyStatementJson, statementsOf } from '../../support/policy-json';

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

export const SnsNoPublicPolicy: PolicyRule = {
  id: 'sns-no-public-policy',
  service: 'sns',
  level: 'error',
  description:
    'Topic policies are literal JSON and allow "*" only under a condition confining it to an account (aws:SourceAccount, aws:SourceOwner, aws:SourceArn, aws:PrincipalAccount or aws:PrincipalOrgID).',
  explanation: 'A "*" principal without an account condition lets anyone publish to or subscribe to the topic.',
  references: { checkov: 'CKV_AWS_169' },
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
