/**
 * What the platform watches on a NAT gateway: port allocation errors (the gateway ran out of source ports for one
 * destination, so new connections from the private subnets fail) and dropped packets.
 */
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Monitoring } from './function-monitoring';

export interface NatGatewayMonitoringProps {
  /** Name component: alarms are `<prefix>-<name>-port-allocation` and `-packets-dropped`. */
  readonly name: string;
  /** The gateway's id (a reference to the resource in the same stack). */
  readonly natGatewayId: string;
  readonly title: string;
  readonly area: string;
  readonly thresholds: AlarmThresholds['natGateway'];
}

export function natGatewayMonitoring(props: NatGatewayMonitoringProps): Monitoring {
  const metric = (metricName: string) => ({
    namespace: 'AWS/NATGateway',
    metricName,
    dimensions: { NatGatewayId: props.natGatewayId },
    statistic: 'Sum' as const,
  });
  const t = props.thresholds;
  const timing = { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 };
  return {
    resource: {
      kind: 'natGateway',
      title: props.title,
      area: props.area,
      metrics: [
        metric('ActiveConnectionCount'),
        metric('BytesOutToDestination'),
        metric('ErrorPortAllocation'),
        metric('PacketsDropCount'),
      ],
    },
    alarms: [
      {
        id: `${props.name}-port-allocation`,
        summary: `${props.title} could not allocate source ports for new connections in 2 of 3 periods of 5 minutes.`,
        metric: metric('ErrorPortAllocation'),
        threshold: t.portAllocationErrors,
        comparison: 'GreaterThanThreshold',
        ...timing,
        severity: t.severity,
      },
      {
        id: `${props.name}-packets-dropped`,
        summary: `${props.title} dropped more than ${t.packetsDropped} packets per period in 2 of 3 periods of 5 minutes.`,
        metric: metric('PacketsDropCount'),
        threshold: t.packetsDropped,
        comparison: 'GreaterThanThreshold',
        ...timing,
        severity: t.severity,
      },
    ],
  };
}
