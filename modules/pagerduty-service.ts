/**
 * A PagerDuty service with an Amazon CloudWatch integration, and the HTTPS endpoint an SNS topic subscribes to.
 *
 * The endpoint is built from the integration's key attribute, so the key exists only in PagerDuty and in Terraform
 * state: never in config, code or the synthesized configuration.
 */
import { DataPagerdutyVendor } from '@cdktf/provider-pagerduty/lib/data-pagerduty-vendor';
import { Service } from '@cdktf/provider-pagerduty/lib/service';
import { ServiceIntegration } from '@cdktf/provider-pagerduty/lib/service-integration';
import { Construct } from 'constructs';
import type { PagerDutyUrgency } from '../config/layers/alerting';
import { pagerDutyEventsHost } from '../config/layers/oncall';

/** PagerDuty's name of the vendor whose integration understands CloudWatch alarm notifications. */
export const CLOUDWATCH_VENDOR = 'Amazon CloudWatch';

export interface PagerdutyServiceProps {
  readonly name: string;
  /** The escalation policy incidents follow (the oncall layer's, passed as its `id` attribute). */
  readonly escalationPolicyId: string;
  /** Urgency of every incident the service opens. */
  readonly urgency: PagerDutyUrgency;
  /** @default no description */
  readonly description?: string;
  /** Events API host of the account's service region. @default the US host, `pagerDutyEventsHost('us')` */
  readonly eventsHost?: string;
  /** prevent_destroy on the service and its integration (the SNS endpoint changes with the integration). @default false */
  readonly protect?: boolean;
}

export class PagerdutyService extends Construct {
  readonly service: Service;
  readonly integration: ServiceIntegration;
  /** HTTPS endpoint of the CloudWatch integration, for an SNS subscription. */
  readonly cloudwatchEndpoint: string;

  constructor(scope: Construct, id: string, props: PagerdutyServiceProps) {
    super(scope, id);
    if (props.name.trim().length === 0) throw new Error('PagerdutyService: name must not be empty');
    const lifecycle = props.protect ? { preventDestroy: true } : undefined;
    this.service = new Service(this, 'service', {
      name: props.name,
      description: props.description,
      escalationPolicy: props.escalationPolicyId,
      incidentUrgencyRule: { type: 'constant', urgency: props.urgency },
      lifecycle,
    });
    const vendor = new DataPagerdutyVendor(this, 'cloudwatch-vendor', { name: CLOUDWATCH_VENDOR });
    this.integration = new ServiceIntegration(this, 'cloudwatch', {
      name: CLOUDWATCH_VENDOR,
      service: this.service.id,
      vendor: vendor.id,
      lifecycle,
    });
    this.cloudwatchEndpoint = `https://${props.eventsHost ?? pagerDutyEventsHost('us')}/integration/${this.integration.integrationKey}/enqueue`;
  }
}
