/**
 * What the platform watches on an API Gateway API (cdk-monitoring-constructs' ApiGatewayMonitoring and
 * ApiGatewayV2HttpApiMonitoring): the share of 5xx responses (the platform's fault), the share of 4xx responses (a
 * client, an authorizer or a route broken by a deployment) and the p99 latency. HTTP APIs publish `5xx`, `4xx`,
 * `Count` and `Latency` by ApiId and Stage; REST APIs `5XXError`, `4XXError`, `Count` and `Latency` by ApiName and
 * Stage.
 */
import { alarmAbove, describeWindow, metricsOf, SUSTAINED_WINDOW } from '../../core/alarm-model';
import type { BuilderProps } from './builder-props';
import type { Monitoring } from './function-monitoring';

/** Alarms are `<prefix>-<name>-5xx`, `-4xx` and `-latency`. */
export interface ApiMonitoringProps extends BuilderProps<'api'> {
  readonly kind: 'http' | 'rest';
  /** HTTP APIs: the API id; REST APIs: the API name. */
  readonly apiIdOrName: string;
  readonly stageName: string;
  /** Human-readable title (the physical name). */
  readonly title: string;
}

const METRIC_NAMES = {
  http: { serverErrors: '5xx', clientErrors: '4xx' },
  rest: { serverErrors: '5XXError', clientErrors: '4XXError' },
} as const;

export function apiMonitoring(props: ApiMonitoringProps): Monitoring {
  const metric = metricsOf(
    'AWS/ApiGateway',
    props.kind === 'http'
      ? { ApiId: props.apiIdOrName, Stage: props.stageName }
      : { ApiName: props.apiIdOrName, Stage: props.stageName },
  );
  const names = METRIC_NAMES[props.kind];
  const t = props.thresholds;
  const window = describeWindow(SUSTAINED_WINDOW);
  const rate = (id: string, metricName: string, percent: number, what: string) =>
    alarmAbove({
      id: `${props.name}-${id}`,
      summary: `More than ${percent}% of the requests to ${props.title} answered ${what} in ${window}.`,
      metric: {
        expression: '100 * errors / requests',
        label: `${id} rate (%)`,
        metrics: { errors: metric(metricName, 'Sum'), requests: metric('Count', 'Sum') },
      },
      threshold: percent,
      severity: t.severity,
    });
  return {
    resource: {
      kind: props.kind === 'http' ? 'httpApi' : 'restApi',
      title: props.title,
      area: props.area,
      metrics: [
        metric('Count', 'Sum'),
        metric(names.serverErrors, 'Sum'),
        metric(names.clientErrors, 'Sum'),
        metric('Latency', 'p99', { label: 'Latency p99' }),
      ],
    },
    alarms: [
      rate('5xx', names.serverErrors, t.serverErrorRatePercent, '5xx (a fault of the platform)'),
      rate('4xx', names.clientErrors, t.clientErrorRatePercent, '4xx (rejected requests)'),
      alarmAbove({
        id: `${props.name}-latency`,
        summary: `The p99 latency of ${props.title} was above ${t.latencyMs} ms in ${window}.`,
        metric: metric('Latency', 'p99'),
        threshold: t.latencyMs,
        severity: t.severity,
      }),
    ],
  };
}
