import { Naming } from '../../modules/naming';
import { NodeFunction } from '../../modules/node-function';
import { BASELINE_RULES } from '../../modules/policy';
import { ScheduledFunction, ScheduledFunctionProps } from '../../modules/scheduled-function';
import { onlyResource, testStack, violatedRules } from '../support/stacks';

const naming = new Naming('concert', 'dev');

function build(props: Partial<ScheduledFunctionProps> = {}, invocation: 'async' | 'sync' = 'async') {
  const stack = testStack();
  const fn = new NodeFunction(stack, 'fn', {
    naming,
    name: 'session-maintenance',
    code: { kind: 's3', bucket: 'b', key: 'k.zip' },
    logRetentionDays: 7,
    invocation,
    alias: {},
  });
  const schedule = new ScheduledFunction(stack, 'schedule', {
    naming,
    name: 'session-maintenance',
    function: fn,
    schedule: 'rate(1 day)',
    ...props,
  });
  return { stack, fn, schedule };
}

describe('ScheduledFunction', () => {
  test('a rule on the schedule targets the alias, with retries and the failure queue as dead-letter queue', () => {
    const { stack, fn } = build();
    expect(onlyResource(stack, 'aws_cloudwatch_event_rule')).toMatchObject({
      name: 'concert-dev-session-maintenance',
      schedule_expression: 'rate(1 day)',
      state: 'ENABLED',
    });
    expect(onlyResource(stack, 'aws_cloudwatch_event_target')).toMatchObject({
      arn: `\${aws_lambda_alias.${fn.alias?.friendlyUniqueId}.arn}`,
      retry_policy: { maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 },
      dead_letter_config: { arn: `\${aws_sqs_queue.${fn.failureQueue?.friendlyUniqueId}.arn}` },
    });
  });

  test('only this rule may invoke the alias, and only it may write to the failure queue', () => {
    const { stack, fn, schedule } = build();
    const rule = `\${aws_cloudwatch_event_rule.${schedule.rule.friendlyUniqueId}.arn}`;
    expect(onlyResource(stack, 'aws_lambda_permission')).toMatchObject({
      principal: 'events.amazonaws.com',
      source_arn: rule,
      qualifier: `\${aws_lambda_alias.${fn.alias?.friendlyUniqueId}.name}`,
    });
    expect(JSON.parse(onlyResource(stack, 'aws_sqs_queue_policy').policy).Statement).toEqual([
      expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny' }),
      {
        Sid: 'UndeliveredScheduleEvents',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: `\${aws_sqs_queue.${fn.failureQueue?.friendlyUniqueId}.arn}`,
        Condition: { ArnEquals: { 'aws:SourceArn': rule } },
      },
    ]);
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });

  test('a disabled schedule, constant input and custom retries', () => {
    const { stack } = build({ enabled: false, input: { dryRun: true }, eventRetryAttempts: 0, maxEventAgeSeconds: 60 });
    expect(onlyResource(stack, 'aws_cloudwatch_event_rule').state).toBe('DISABLED');
    expect(onlyResource(stack, 'aws_cloudwatch_event_target')).toMatchObject({
      input: '{"dryRun":true}',
      retry_policy: { maximum_retry_attempts: 0, maximum_event_age_in_seconds: 60 },
    });
  });

  describe('fails when', () => {
    test('the schedule is malformed', () => {
      expect(() => build({ schedule: 'daily' })).toThrow(
        'session-maintenance: schedule must be rate(<n> <unit>) or cron(<6 fields>), got daily',
      );
    });

    test('the function is not invoked asynchronously (no failure queue)', () => {
      expect(() => build({}, 'sync')).toThrow(
        "session-maintenance: a scheduled function must be invoked asynchronously (invocation: 'async')",
      );
    });

    test('retry settings are out of range', () => {
      expect(() => build({ eventRetryAttempts: 200 })).toThrow(
        'session-maintenance: eventRetryAttempts must be a whole number between 0 and 185, got 200',
      );
      expect(() => build({ maxEventAgeSeconds: 10 })).toThrow(
        'session-maintenance: maxEventAgeSeconds must be a whole number between 60 and 86400, got 10',
      );
    });
  });
});
