/**
 * The platform's log metric filters (modules/monitoring/log-metrics.ts) on one log group. Every log group publishes
 * to the same metric names without dimensions, so each metric is the environment's total and one alarm covers it.
 */
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { Construct } from 'constructs';
import { LOG_METRICS, type LogMetric } from './monitoring/log-metrics';

export interface LogMetricFiltersProps {
  readonly logGroup: CloudwatchLogGroup;
  /** Namespace of the metrics, `<service>/<env>`. */
  readonly namespace: string;
  /** @default LOG_METRICS */
  readonly metrics?: readonly LogMetric[];
}

export class LogMetricFilters extends Construct {
  readonly filters: readonly CloudwatchLogMetricFilter[];

  constructor(scope: Construct, id: string, props: LogMetricFiltersProps) {
    super(scope, id);
    this.filters = (props.metrics ?? LOG_METRICS).map(
      (m) =>
        new CloudwatchLogMetricFilter(this, m.id, {
          name: m.metricName,
          logGroupName: props.logGroup.name,
          pattern: m.pattern,
          metricTransformation: {
            name: m.metricName,
            namespace: props.namespace,
            value: m.value,
            unit: m.unit,
            defaultValue: m.defaultValue === undefined ? undefined : String(m.defaultValue),
          },
        }),
    );
  }
}
