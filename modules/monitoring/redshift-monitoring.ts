/**
 * What the platform watches on a Redshift Serverless workgroup (namespace AWS/Redshift-Serverless): failed queries,
 * and for dashboards the compute capacity in use and the queries queued.
 */
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import type { Monitoring } from './function-monitoring';

export interface RedshiftMonitoringProps {
  /** Name component: the alarm is `<prefix>-<name>-queries-failed`. */
  readonly name: string;
  readonly workgroupName: string;
  readonly databaseName: string;
  readonly area: string;
  readonly thresholds: AlarmThresholds['redshift'];
}

export function redshiftMonitoring(props: RedshiftMonitoringProps): Monitoring {
  const workgroup = { Workgroup: props.workgroupName };
  const database = { ...workgroup, DatabaseName: props.databaseName };
  const metric = (metricName: string, dimensions: Record<string, string>, statistic: 'Sum' | 'Maximum') => ({
    namespace: 'AWS/Redshift-Serverless',
    metricName,
    dimensions,
    statistic,
  });
  const t = props.thresholds;
  return {
    resource: {
      kind: 'redshift',
      title: props.workgroupName,
      area: props.area,
      metrics: [
        metric('ComputeCapacity', workgroup, 'Maximum'),
        metric('QueriesQueued', database, 'Maximum'),
        metric('QueriesFailed', database, 'Sum'),
      ],
    },
    alarms: [
      {
        id: `${props.name}-queries-failed`,
        summary: `Queries on ${props.workgroupName} (${props.databaseName}) failed in 2 of 3 periods of 5 minutes.`,
        metric: metric('QueriesFailed', database, 'Sum'),
        threshold: t.queriesFailed,
        comparison: 'GreaterThanThreshold',
        periodSeconds: 300,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        severity: t.severity,
      },
    ],
  };
}
