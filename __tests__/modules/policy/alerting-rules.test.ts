import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { PagerdutyProvider } from '@cdktf/provider-pagerduty/lib/provider';
import { Service } from '@cdktf/provider-pagerduty/lib/service';
import { TerraformStack, Testing } from 'cdktf';
import { policyDocument } from '../../../modules/iam-policy';
import { BASELINE_RULES, StackView, suppressPolicy } from '../../../modules/policy';
import { PagerdutyEscalationPolicy } from '../../../modules/policy/rules/pagerduty/PagerdutyEscalationPolicy';
import { PagerdutyProdUrgency } from '../../../modules/policy/rules/pagerduty/PagerdutyProdUrgency';
import { SnsEncryption } from '../../../modules/policy/rules/sns/SnsEncryption';
import { SnsHttpsOnly } from '../../../modules/policy/rules/sns/SnsHttpsOnly';
import { SnsNoPublicPolicy } from '../../../modules/policy/rules/sns/SnsNoPublicPolicy';
import { PRODUCTION_TAG, stackEnvironment } from '../../../modules/policy/support/environment';
import { rulesFor } from '../../../modules/policy/rules';
import { KmsRotation } from '../../../modules/policy/rules/kms/KmsRotation';
import { synthJson, testStack, violatedRules } from '../../support/stacks';

/** A stack whose AWS provider carries the platform's Environment default tag, as BaseStack's does. */
/** A stack as BaseStack tags it: production is the `Production` tag, not the environment's name. */
function environmentStack(environment: string, production = false): TerraformStack {
  const stack = new TerraformStack(Testing.app(), `svc-${environment}-alerting`);
  const tags = { Environment: environment, ...(production ? { [PRODUCTION_TAG]: 'true' } : {}) };
  new AwsProvider(stack, 'aws', { region: 'us-east-1', defaultTags: [{ tags }] });
  new PagerdutyProvider(stack, 'pagerduty', {});
  return stack;
}

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:t';

describe('SNS rules', () => {
  test('every rule is in the baseline', () => {
    for (const rule of rulesFor('sns', 'pagerduty')) expect(BASELINE_RULES).toContain(rule);
  });

  test('a topic under a customer-managed key passes', () => {
    const stack = testStack();
    const key = new KmsKey(stack, 'key', { enableKeyRotation: true });
    new SnsTopic(stack, 't', { name: 't', kmsMasterKeyId: key.arn });
    expect(violatedRules(stack, [SnsEncryption])).toEqual([]);
  });

  test('fails when a topic is unencrypted or under the AWS-managed SNS key', () => {
    const stack = testStack();
    new SnsTopic(stack, 'plain', { name: 'plain' });
    new SnsTopic(stack, 'managed', { name: 'managed', kmsMasterKeyId: 'alias/aws/sns' });
    new SnsTopic(stack, 'managed-arn', {
      name: 'managed-arn',
      kmsMasterKeyId: 'arn:aws:kms:us-east-1:111111111111:alias/aws/sns',
    });
    expect(violatedRules(stack, [SnsEncryption])).toEqual(['sns-encryption', 'sns-encryption', 'sns-encryption']);
  });

  test('a topic policy confined to the account passes', () => {
    const stack = testStack();
    new SnsTopicPolicy(stack, 'p', {
      arn: TOPIC,
      policy: policyDocument([
        {
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['SNS:Publish'],
          resources: [TOPIC],
          conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] }],
        },
        {
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['SNS:Publish'],
          resources: [TOPIC],
          conditions: [{ test: 'StringEquals', variable: 'AWS:SourceOwner', values: ['111111111111'] }],
        },
      ]),
    });
    expect(violatedRules(stack, [SnsNoPublicPolicy])).toEqual([]);
  });

  test('fails when a topic policy allows anyone without an account condition, or cannot be read', () => {
    const stack = testStack();
    const open = policyDocument([
      { principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['SNS:Subscribe'], resources: [TOPIC] },
    ]);
    const unrelatedCondition = policyDocument([
      {
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['SNS:Publish'],
        resources: [TOPIC],
        conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }],
      },
    ]);
    new SnsTopicPolicy(stack, 'open', { arn: TOPIC, policy: open });
    new SnsTopicPolicy(stack, 'tls-only', { arn: TOPIC, policy: unrelatedCondition });
    new SnsTopic(stack, 'inline', { name: 'inline', policy: open });
    new SnsTopicPolicy(stack, 'opaque', { arn: TOPIC, policy: '${data.aws_iam_policy_document.x.json}' });
    expect(violatedRules(stack, [SnsNoPublicPolicy])).toEqual([
      'sns-no-public-policy',
      'sns-no-public-policy',
      'sns-no-public-policy',
      'sns-no-public-policy',
    ]);
  });

  test('fails when a subscription delivers over plain HTTP', () => {
    const stack = testStack();
    new SnsTopicSubscription(stack, 'secure', { topicArn: TOPIC, protocol: 'https', endpoint: 'https://example.com/' });
    new SnsTopicSubscription(stack, 'email', { topicArn: TOPIC, protocol: 'email', endpoint: 'team@example.com' });
    new SnsTopicSubscription(stack, 'plain', { topicArn: TOPIC, protocol: 'http', endpoint: 'http://example.com/' });
    expect(violatedRules(stack, [SnsHttpsOnly])).toEqual(['sns-https-only']);
  });

  test('a suppression with a reason exempts one resource', () => {
    const stack = testStack();
    const topic = new SnsTopic(stack, 'legacy', { name: 'legacy' });
    suppressPolicy(topic, 'sns-encryption', 'receives only public status-page updates');
    expect(violatedRules(stack, [SnsEncryption])).toEqual([]);
    new SnsTopic(stack, 'other', { name: 'other' });
    expect(violatedRules(stack, [SnsEncryption])).toEqual(['sns-encryption']);
  });
});

describe('PagerDuty rules', () => {
  test('a service on an escalation policy passes; fails when it has none', () => {
    const stack = environmentStack('dev');
    new Service(stack, 'good', { name: 'good', escalationPolicy: 'PABC123' });
    new Service(stack, 'empty', { name: 'empty', escalationPolicy: '' });
    expect(violatedRules(stack, [PagerdutyEscalationPolicy])).toEqual(['pagerduty-escalation-policy']);
  });

  test('a production service with constant high urgency passes', () => {
    const stack = environmentStack('prod', true);
    new Service(stack, 's', {
      name: 's',
      escalationPolicy: 'P1',
      incidentUrgencyRule: { type: 'constant', urgency: 'high' },
      lifecycle: { preventDestroy: true },
    });
    expect(violatedRules(stack, [PagerdutyProdUrgency])).toEqual([]);
  });

  test('fails when a production service pages with low urgency or leaves the urgency unset', () => {
    const stack = environmentStack('live', true);
    new Service(stack, 'low', {
      name: 'low',
      escalationPolicy: 'P1',
      incidentUrgencyRule: { type: 'constant', urgency: 'low' },
      lifecycle: { preventDestroy: true },
    });
    new Service(stack, 'unset', { name: 'unset', escalationPolicy: 'P1' });
    expect(violatedRules(stack, [PagerdutyProdUrgency])).toEqual(['pagerduty-prod-urgency', 'pagerduty-prod-urgency']);
  });

  test('low urgency is fine outside production (an unprotected service), whatever the name', () => {
    const stack = environmentStack('prod');
    new Service(stack, 'low', {
      name: 'low',
      escalationPolicy: 'P1',
      incidentUrgencyRule: { type: 'constant', urgency: 'low' },
    });
    expect(violatedRules(stack, [PagerdutyProdUrgency])).toEqual([]);
  });

  test('the environment of a stack comes from its provider default tags', () => {
    expect(stackEnvironment(new StackView('s', synthJson(environmentStack('prod'))))).toBe('prod');
    expect(stackEnvironment(new StackView('s', synthJson(testStack())))).toBeUndefined();
  });
});

describe('KMS rules', () => {
  test('a rotating key passes; fails when rotation is off', () => {
    const stack = testStack();
    new KmsKey(stack, 'rotating', { enableKeyRotation: true });
    expect(violatedRules(stack, [KmsRotation])).toEqual([]);
    new KmsKey(stack, 'static', { enableKeyRotation: false });
    expect(violatedRules(stack, [KmsRotation])).toEqual(['kms-rotation']);
  });
});
