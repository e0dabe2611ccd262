/**
 * What the platform watches on a Redshift Serverless workgroup (namespace AWS/Redshift-Serverless): failed queries,
 * and for dashboards the compute capacity in use and the queries queued.
 */
import { alarmAbove, describeWindow, metricsOf, SUSTAINED_WINDOW } from '../../core/alarm-model';
import type { BuilderProps } from './builder-props';
import type { Monitoring } from './function-monitoring';

/** The alarm is `<prefix>-<name>-queries-failed`. */
export interface RedshiftMonitoringProps extends BuilderProps<'redshift'> {
  readonly workgroupName: string;
  readonly databaseName: string;
}

export function redshiftMonitoring(props: RedshiftMonitoringProps): Monitoring {
  const workgroup = metricsOf('AWS/Redshift-Serverless', { Workgroup: props.workgroupName });
  const database = metricsOf('AWS/Redshift-Serverless', {
    Workgroup: props.workgroupName,
    DatabaseName: props.databaseName,
  });
  const t = props.thresholds;
  return {
    resource: {
      kind: 'redshift',
      title: props.workgroupName,
      area: props.area,
      metrics: [
        workgroup('ComputeCapacity', 'Maximum'),
        database('QueriesQueued', 'Maximum'),
        database('QueriesFailed', 'Sum'),
      ],
    },
    alarms: [
      alarmAbove({
        id: `${props.name}-queries-failed`,
        summary: `Queries on ${props.workgroupName} (${props.databaseName}) failed in ${describeWindow(SUSTAINED_WINDOW)}.`,
        metric: database('QueriesFailed', 'Sum'),
        threshold: t.queriesFailed,
        severity: t.severity,
      }),
    ],
  };
}
