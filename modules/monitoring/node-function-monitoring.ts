/**
 * What the platform watches on a NodeFunction: the function itself (functionMonitoring) and, for a function invoked
 * asynchronously, the queue its failed events land in (deadLetterQueueMonitoring), since an event there failed every
 * retry and nobody else will notice it.
 */
import type { AlarmThresholds } from '../../core/alarm-thresholds';
import { functionMonitoring, FunctionMonitoringProps, Monitoring } from './function-monitoring';
import { deadLetterQueueMonitoring } from './queue-monitoring';

/** The parts of a NodeFunction (modules/node-function.ts) monitoring reads. */
export interface MonitoredFunction {
  readonly name: string;
  readonly functionName: string;
  readonly timeoutSeconds: number;
  readonly failureQueueName?: string;
}

export interface NodeFunctionMonitoringProps
  extends Omit<FunctionMonitoringProps, 'name' | 'functionName' | 'timeoutSeconds' | 'thresholds'> {
  /** The environment's thresholds (function and dead-letter queue kinds are read). */
  readonly thresholds: AlarmThresholds;
  /** Overrides of the function thresholds for this function. @default none */
  readonly functionThresholds?: Partial<AlarmThresholds['function']>;
}

export function nodeFunctionMonitoring(fn: MonitoredFunction, props: NodeFunctionMonitoringProps): Monitoring[] {
  const { thresholds, functionThresholds, ...rest } = props;
  const monitoring = [
    functionMonitoring({
      ...rest,
      name: fn.name,
      functionName: fn.functionName,
      timeoutSeconds: fn.timeoutSeconds,
      thresholds: { ...thresholds.function, ...functionThresholds },
    }),
  ];
  if (fn.failureQueueName !== undefined) {
    monitoring.push(
      deadLetterQueueMonitoring({
        name: `${fn.name}-failures`,
        queueName: fn.failureQueueName,
        area: props.area,
        thresholds: thresholds.deadLetterQueue,
      }),
    );
  }
  return monitoring;
}
