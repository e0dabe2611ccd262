/**
 * What the platform watches on a NAT gateway: port allocation errors (the gateway ran out of source ports for one
 * destination, so new connections from the private subnets fail) and dropped packets.
 */
import { alarmAbove, describeWindow, metricsOf, SUSTAINED_WINDOW } from '../../core/alarm-model';
import type { BuilderProps } from './builder-props';
import type { Monitoring } from './function-monitoring';

/** Alarms are `<prefix>-<name>-port-allocation` and `-packets-dropped`. */
export interface NatGatewayMonitoringProps extends BuilderProps<'natGateway'> {
  /** The gateway's id (a reference to the resource in the same stack). */
  readonly natGatewayId: string;
  readonly title: string;
}

export function natGatewayMonitoring(props: NatGatewayMonitoringProps): Monitoring {
  const metric = metricsOf('AWS/NATGateway', { NatGatewayId: props.natGatewayId });
  const t = props.thresholds;
  const window = describeWindow(SUSTAINED_WINDOW);
  return {
    resource: {
      kind: 'natGateway',
      title: props.title,
      area: props.area,
      metrics: ['ActiveConnectionCount', 'BytesOutToDestination', 'ErrorPortAllocation', 'PacketsDropCount'].map((m) =>
        metric(m, 'Sum'),
      ),
    },
    alarms: [
      alarmAbove({
        id: `${props.name}-port-allocation`,
        summary: `${props.title} could not allocate source ports for new connections in ${window}.`,
        metric: metric('ErrorPortAllocation', 'Sum'),
        threshold: t.portAllocationErrors,
        severity: t.severity,
      }),
      alarmAbove({
        id: `${props.name}-packets-dropped`,
        summary: `${props.title} dropped more than ${t.packetsDropped} packets per period in ${window}.`,
        metric: metric('PacketsDropCount', 'Sum'),
        threshold: t.packetsDropped,
        severity: t.severity,
      }),
    ],
  };
}
