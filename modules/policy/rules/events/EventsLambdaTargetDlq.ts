import { blocks, PolicyRule } from '../../engine';

export const EventsLambdaTargetDlq: PolicyRule = {
  id: 'events-lambda-target-dlq',
  service: 'events',
  level: 'error',
  description: 'EventBridge targets that invoke functions have a retry policy and a dead-letter queue.',
  explanation: 'Without retries and a dead-letter queue a failed scheduled invocation is lost without a trace.',
  references: { cdkNag: 'Serverless-EventBusDLQ' },
  check: (stack) =>
    stack
      .resources('aws_cloudwatch_event_target')
      .filter((t) => /\$\{aws_lambda_(alias|function)\.|:lambda:/.test(String(t.config.arn ?? '')))
      .filter(
        (t) =>
          !blocks(t.config.dead_letter_config).some((d) => typeof d.arn === 'string') ||
          blocks(t.config.retry_policy).length === 0,
      )
      .map((t) => ({ resource: t, message: 'function target has no dead_letter_config and retry_policy' })),
};
