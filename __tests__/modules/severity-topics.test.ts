import { KmsRotation } from '../../modules/policy/rules/kms/KmsRotation';
import { rulesFor } from '../../modules/policy/rules';
import { Naming } from '../../modules/naming';
import { SEVERITIES } from '../../modules/severity';
import { ALERT_PUBLISHER_SERVICES, SeverityTopics, SeverityTopicsProps } from '../../modules/severity-topics';
import { onlyResource, resourcesOf, testStack, violatedRules } from '../support/stacks';

function build(props: Partial<SeverityTopicsProps> = {}) {
  const stack = testStack();
  const topics = new SeverityTopics(stack, 'topics', {
    naming: new Naming('svc', 'dev'),
    region: 'eu-west-1',
    ...props,
  });
  return { stack, topics };
}

describe('SeverityTopics', () => {
  test('creates one topic per severity, named by the naming helper and tagged with its severity', () => {
    const { stack, topics } = build();
    expect(Object.keys(topics.topics)).toEqual([...SEVERITIES]);
    const all = Object.values(resourcesOf(stack, 'aws_sns_topic'));
    expect(all.map((t) => [t.name, t.display_name, t.tags])).toEqual([
      ['svc-dev-critical-alerts', 'svc-dev critical', { Severity: 'critical' }],
      ['svc-dev-warning-alerts', 'svc-dev warning', { Severity: 'warning' }],
      ['svc-dev-info-alerts', 'svc-dev info', { Severity: 'info' }],
    ]);
  });

  test('encrypts every topic with its own rotating customer-managed key', () => {
    const { stack } = build();
    const key = onlyResource(stack, 'aws_kms_key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    for (const topic of Object.values(resourcesOf(stack, 'aws_sns_topic'))) {
      expect(topic.kms_master_key_id).toBe('${aws_kms_key.topics_key_F9067EBE.arn}');
    }
    expect(onlyResource(stack, 'aws_kms_alias')).toMatchObject({ name: 'alias/svc-dev-alerts' });
  });

  test('the key lets CloudWatch, EventBridge and CodeStar notifications encrypt through SNS in its region only', () => {
    const { stack } = build();
    const policy = JSON.parse(onlyResource(stack, 'aws_kms_key').policy);
    expect(policy.Statement[1]).toEqual({
      Sid: 'AlertPublishersEncryptThroughSns',
      Effect: 'Allow',
      Principal: { Service: [...ALERT_PUBLISHER_SERVICES] },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 'sns.eu-west-1.amazonaws.com' } },
    });
    expect(ALERT_PUBLISHER_SERVICES).toEqual([
      'cloudwatch.amazonaws.com',
      'events.amazonaws.com',
      'codestar-notifications.amazonaws.com',
      'budgets.amazonaws.com',
    ]);
  });

  test('topic policies admit the account, and the publishing services only on behalf of this account', () => {
    const { stack } = build();
    const policies = Object.values(resourcesOf(stack, 'aws_sns_topic_policy'));
    expect(policies).toHaveLength(3);
    const critical = JSON.parse(policies[0].policy);
    expect(policies[0].arn).toBe('${aws_sns_topic.topics_critical_8EEA22BE.arn}');
    expect(critical.Statement[0].Principal).toEqual({
      AWS: 'arn:${data.aws_partition.topics_partition_A5A4B655.partition}:iam::${data.aws_caller_identity.topics_account_93BD2591.account_id}:root',
    });
    expect(critical.Statement[1]).toMatchObject({
      Principal: { Service: [...ALERT_PUBLISHER_SERVICES] },
      Action: 'SNS:Publish',
      Resource: '${aws_sns_topic.topics_critical_8EEA22BE.arn}',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.topics_account_93BD2591.account_id}' },
      },
    });
  });

  test('passes the SNS and KMS policy rules', () => {
    const { stack } = build();
    expect(violatedRules(stack, [...rulesFor('sns', 'pagerduty'), KmsRotation])).toEqual([]);
  });

  test('prevents destroying the key and the topics when protected', () => {
    const { stack } = build({ protect: true });
    expect(onlyResource(stack, 'aws_kms_key').lifecycle).toEqual({ prevent_destroy: true });
    for (const topic of Object.values(resourcesOf(stack, 'aws_sns_topic'))) {
      expect(topic.lifecycle).toEqual({ prevent_destroy: true });
    }
    const unprotected = build().stack;
    expect(onlyResource(unprotected, 'aws_kms_key').lifecycle).toBeUndefined();
    for (const topic of Object.values(resourcesOf(unprotected, 'aws_sns_topic')))
      expect(topic.lifecycle).toBeUndefined();
  });

  test('publisher services are configurable', () => {
    const { stack } = build({ publisherServices: ['cloudwatch.amazonaws.com'] });
    const policy = JSON.parse(onlyResource(stack, 'aws_kms_key').policy);
    expect(policy.Statement[1].Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
  });

  test('fails when no publisher service is given', () => {
    expect(() => build({ publisherServices: [] })).toThrow(
      'SeverityTopics: publisherServices must name at least one service',
    );
  });
});
