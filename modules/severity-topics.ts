/**
 * The three alert topics of an environment (critical, warning, info), encrypted with a customer-managed KMS key.
 *
 * CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed `aws/sns` key, because that key's policy
 * cannot be changed to let the CloudWatch service use it; this key's policy lets the AWS services that raise the
 * platform's alerts (CloudWatch, EventBridge, CodeStar notifications, Budgets) encrypt through SNS. The topic policies admit
 * the account and those services only when they act for this account.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy';
import { Naming } from './naming';
import { AlarmTopics, AlertTopics, SEVERITIES, Severity, SEVERITY_TAG } from './severity';

/** AWS services that publish the platform's alerts (AWS Budgets: the monitoring layer's cost budget). */
export const ALERT_PUBLISHER_SERVICES: readonly string[] = [
  'cloudwatch.amazonaws.com',
  'events.amazonaws.com',
  'codestar-notifications.amazonaws.com',
  'budgets.amazonaws.com',
];

export interface SeverityTopicsProps {
  readonly naming: Naming;
  /** Region of the topics; the key admits only requests that SNS makes in it. */
  readonly region: string;
  /** prevent_destroy on the key and the topics (email subscriptions would have to be confirmed again). @default false */
  readonly protect?: boolean;
  /** Services allowed to publish (and to use the key through SNS). @default ALERT_PUBLISHER_SERVICES */
  readonly publisherServices?: readonly string[];
  /** Provider of `region` when it is not the stack's (the us-east-1 topics). @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class SeverityTopics extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
  readonly topics: AlertTopics;
  readonly policies: Readonly<Record<Severity, SnsTopicPolicy>>;

  constructor(scope: Construct, id: string, props: SeverityTopicsProps) {
    super(scope, id);
    const protect = props.protect ?? false;
    const publishers = [...(props.publisherServices ?? ALERT_PUBLISHER_SERVICES)];
    if (publishers.length === 0) throw new Error('SeverityTopics: publisherServices must name at least one service');
    const lifecycle = protect ? { preventDestroy: true } : undefined;

    const provider = props.provider;
    const account = new DataAwsCallerIdentity(this, 'account', { provider });
    const partition = new DataAwsPartition(this, 'partition', { provider });
    const accountRoot = `arn:${partition.partition}:iam::${account.accountId}:root`;

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the alert topics of ${props.naming.prefix}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        {
          // The account's IAM policies decide who administers and uses the key, as with AWS's default key policy.
          sid: 'AccountAdministersKey',
          principals: [{ type: 'AWS', identifiers: [accountRoot] }],
          actions: ['kms:*'],
          resources: ['*'],
        },
        {
          sid: 'AlertPublishersEncryptThroughSns',
          principals: [{ type: 'Service', identifiers: publishers }],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          conditions: [
            { test: 'StringEquals', variable: 'kms:ViaService', values: [`sns.${props.region}.amazonaws.com`] },
          ],
        },
      ]),
      lifecycle,
      provider,
    });
    this.alias = new KmsAlias(this, 'key-alias', {
      name: `alias/${props.naming.name('alerts')}`,
      targetKeyId: this.key.keyId,
      provider,
    });

    const topics = {} as Record<Severity, SnsTopic>;
    const policies = {} as Record<Severity, SnsTopicPolicy>;
    for (const severity of SEVERITIES) {
      const topic = new SnsTopic(this, severity, {
        name: severityTopicName(props.naming, severity),
        displayName: `${props.naming.prefix} ${severity}`,
        kmsMasterKeyId: this.key.arn,
        tags: { [SEVERITY_TAG]: severity },
        lifecycle,
        provider,
      });
      topics[severity] = topic;
      policies[severity] = new SnsTopicPolicy(this, `${severity}-policy`, {
        provider,
        arn: topic.arn,
        policy: policyDocument([
          {
            sid: 'AccountManagesTopic',
            principals: [{ type: 'AWS', identifiers: [accountRoot] }],
            actions: [
              'SNS:GetTopicAttributes',
              'SNS:SetTopicAttributes',
              'SNS:AddPermission',
              'SNS:RemovePermission',
              'SNS:DeleteTopic',
              'SNS:Subscribe',
              'SNS:ListSubscriptionsByTopic',
              'SNS:Publish',
            ],
            resources: [topic.arn],
          },
          {
            sid: 'AlertPublishersOfThisAccount',
            principals: [{ type: 'Service', identifiers: publishers }],
            actions: ['SNS:Publish'],
            resources: [topic.arn],
            conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] }],
          },
        ]),
      });
    }
    this.topics = topics;
    this.policies = policies;
  }
}

/** The physical name of an environment's alert topic of one severity (the same in every region). */
export function severityTopicName(naming: Naming, severity: Severity): string {
  return naming.name(`${severity}-alerts`, 'snsTopic');
}

/**
 * The alert topics' ARNs from their names, which the naming helper knows at synth time. Layers route their alarms
 * through these instead of references to the alerting stack, so that owning alarms adds no stack dependency (the
 * chain network -> data -> app -> monitoring would otherwise grow by the alerting stack): CloudWatch accepts an
 * action whose topic does not exist yet, and notifies it once the alerting stack is deployed.
 */
export function severityTopicArns(scope: Construct, id: string, naming: Naming, region: string): AlarmTopics {
  const account = new DataAwsCallerIdentity(scope, `${id}-account`).accountId;
  const partition = new DataAwsPartition(scope, `${id}-partition`).partition;
  return Object.fromEntries(
    SEVERITIES.map((severity) => [
      severity,
      { arn: `arn:${partition}:sns:${region}:${account}:${severityTopicName(naming, severity)}` },
    ]),
  ) as Record<Severity, { arn: string }>;
}
