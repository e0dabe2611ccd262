import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { PagerdutyProvider } from '@cdktf/provider-pagerduty/lib/provider';
import { TerraformStack } from 'cdktf';
import { CLOUDWATCH_VENDOR, PagerdutyService, PagerdutyServiceProps } from '../../modules/pagerduty-service';
import { rulesFor } from '../../modules/policy/rules';
import { onlyResource, synthJson, testStack, violatedRules } from '../support/stacks';

function build(props: Partial<PagerdutyServiceProps> = {}) {
  const stack = testStack();
  new PagerdutyProvider(stack, 'pagerduty', {});
  const service = new PagerdutyService(stack, 'pd', {
    name: 'svc-dev-alerts',
    escalationPolicyId: 'PABC123',
    urgency: 'low',
    ...props,
  });
  new SnsTopicSubscription(stack, 'page', {
    topicArn: 'arn:aws:sns:us-east-1:111111111111:critical',
    protocol: 'https',
    endpoint: service.cloudwatchEndpoint,
  });
  return { stack, service };
}

const endpointOf = (stack: TerraformStack): string => onlyResource(stack, 'aws_sns_topic_subscription').endpoint;

describe('PagerdutyService', () => {
  test('creates the service on the escalation policy with a constant urgency', () => {
    const { stack } = build({ description: 'alarms' });
    expect(onlyResource(stack, 'pagerduty_service')).toMatchObject({
      name: 'svc-dev-alerts',
      description: 'alarms',
      escalation_policy: 'PABC123',
      incident_urgency_rule: { type: 'constant', urgency: 'low' },
    });
  });

  test('adds an Amazon CloudWatch integration from the vendor data source', () => {
    const { stack } = build();
    const json = synthJson(stack);
    expect(Object.values(json.data.pagerduty_vendor)).toEqual([expect.objectContaining({ name: CLOUDWATCH_VENDOR })]);
    expect(CLOUDWATCH_VENDOR).toBe('Amazon CloudWatch');
    expect(onlyResource(stack, 'pagerduty_service_integration')).toMatchObject({
      name: 'Amazon CloudWatch',
      service: '${pagerduty_service.pd_service_461D7B1D.id}',
      vendor: '${data.pagerduty_vendor.pd_cloudwatch-vendor_83D4F829.id}',
    });
  });

  test('the endpoint is built from the integration key attribute, so no key appears in the configuration', () => {
    const { stack } = build();
    expect(endpointOf(stack)).toBe(
      'https://events.pagerduty.com/integration/${pagerduty_service_integration.pd_cloudwatch_1660BE3B.integration_key}/enqueue',
    );
    expect(JSON.stringify(synthJson(stack))).not.toMatch(/integration_key"\s*:/);
  });

  test('uses the events host of the account region', () => {
    const { stack } = build({ eventsHost: 'events.eu.pagerduty.com' });
    expect(endpointOf(stack)).toMatch(/^https:\/\/events\.eu\.pagerduty\.com\/integration\//);
  });

  test('passes the PagerDuty policy rules', () => {
    expect(violatedRules(build().stack, rulesFor('pagerduty'))).toEqual([]);
  });

  test('prevents destroying the service and integration when protected', () => {
    const { stack } = build({ protect: true });
    expect(onlyResource(stack, 'pagerduty_service').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(stack, 'pagerduty_service_integration').lifecycle).toEqual({ prevent_destroy: true });
    const unprotected = build().stack;
    expect(onlyResource(unprotected, 'pagerduty_service').lifecycle).toBeUndefined();
    expect(onlyResource(unprotected, 'pagerduty_service_integration').lifecycle).toBeUndefined();
  });

  test('fails when the name is empty', () => {
    expect(() => build({ name: ' ' })).toThrow('PagerdutyService: name must not be empty');
  });
});
