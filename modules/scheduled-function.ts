/**
 * Runs a function on a schedule: an EventBridge rule, its target (the function's alias) with a retry policy and a
 * dead-letter queue, and an invoke permission that only this rule can use.
 *
 * Failures land in one queue, the function's asynchronous failure queue: events EventBridge could not deliver
 * (after `eventRetryAttempts` or `maxEventAgeSeconds`) and invocations that failed after Lambda's own retries. The
 * queue policy lets EventBridge write to it for this rule only.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
import { Naming } from './naming';
import type { NodeFunction } from './node-function';

/** `rate(1 day)`, `rate(5 minutes)` or a six-field `cron(...)`. */
export const SCHEDULE_EXPRESSION_RULE =
  /^(rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)|cron\(\S+( \S+){5}\))$/;

export interface ScheduledFunctionProps {
  readonly naming: Naming;
  /** Component of the rule name: `<service>-<env>-<name>`. */
  readonly name: string;
  /** An asynchronously invoked function (it has a failure queue), with or without an alias. */
  readonly function: NodeFunction;
  readonly schedule: string;
  readonly description?: string;
  /** @default true */
  readonly enabled?: boolean;
  /** Constant JSON input. @default the scheduled event */
  readonly input?: Readonly<Record<string, unknown>>;
  /** Delivery retries EventBridge makes: 0 to 185. @default 2 */
  readonly eventRetryAttempts?: number;
  /** Seconds EventBridge keeps retrying: 60 to 86400. @default 3600 */
  readonly maxEventAgeSeconds?: number;
}

export class ScheduledFunction extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly target: CloudwatchEventTarget;
  readonly permission: LambdaPermission;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    const fn = props.function;
    if (!SCHEDULE_EXPRESSION_RULE.test(props.schedule)) {
      throw new Error(`${props.name}: schedule must be rate(<n> <unit>) or cron(<6 fields>), got ${props.schedule}`);
    }
    const queue = fn.failureQueue;
    if (queue === undefined) {
      throw new Error(`${props.name}: a scheduled function must be invoked asynchronously (invocation: 'async')`);
    }
    const retries = props.eventRetryAttempts ?? 2;
    const maxAge = props.maxEventAgeSeconds ?? 3600;
    if (!Number.isInteger(retries) || retries < 0 || retries > 185) {
      throw new Error(`${props.name}: eventRetryAttempts must be a whole number between 0 and 185, got ${retries}`);
    }
    if (!Number.isInteger(maxAge) || maxAge < 60 || maxAge > 86400) {
      throw new Error(`${props.name}: maxEventAgeSeconds must be a whole number between 60 and 86400, got ${maxAge}`);
    }

    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: props.naming.name(props.name),
      description: props.description ?? `Runs ${fn.functionName} on ${props.schedule}`,
      scheduleExpression: props.schedule,
      state: props.enabled === false ? 'DISABLED' : 'ENABLED',
    });
    this.permission = new LambdaPermission(this, 'permission', {
      statementId: 'AllowScheduleInvoke',
      action: 'lambda:InvokeFunction',
      functionName: fn.function.functionName,
      qualifier: fn.alias?.name,
      principal: 'events.amazonaws.com',
      sourceArn: this.rule.arn,
    });
    fn.addToFailureQueuePolicy({
      sid: 'UndeliveredScheduleEvents',
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['sqs:SendMessage'],
      resources: [queue.arn],
      conditions: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [this.rule.arn] }],
    });
    this.target = new CloudwatchEventTarget(this, 'target', {
      rule: this.rule.name,
      targetId: 'function',
      arn: fn.targetArn,
      input: props.input ? JSON.stringify(props.input) : undefined,
      retryPolicy: { maximumRetryAttempts: retries, maximumEventAgeInSeconds: maxAge },
      deadLetterConfig: { arn: queue.arn },
      dependsOn: [this.permission],
    });
  }
}
