import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { TerraformStack } from 'cdktf';
import { BASELINE_RULES, checkTerraformStack } from '../../../../../modules/policy';
import { LambdaSqsVisibilityTimeout } from '../../../../../modules/policy/rules/lambda/LambdaSqsVisibilityTimeout';
import { testStack, violatedRules } from '../../../../support/stacks';

function consumer(stack: TerraformStack, visibility: number | undefined, timeout: number | undefined): void {
  const queue = new SqsQueue(stack, 'queue', { name: 'queue', visibilityTimeoutSeconds: visibility });
  const fn = new LambdaFunction(stack, 'fn', {
    functionName: 'worker',
    role: 'arn:aws:iam::111111111111:role/worker',
    timeout,
  });
  new LambdaEventSourceMapping(stack, 'esm', { eventSourceArn: queue.arn, functionName: fn.arn });
}

describe('lambda-sqs-visibility-timeout: ' + LambdaSqsVisibilityTimeout.description, () => {
  test('is in the baseline', () => expect(BASELINE_RULES).toContain(LambdaSqsVisibilityTimeout));

  test('compliant: a visibility timeout of six times the function timeout passes', () => {
    const stack = testStack();
    consumer(stack, 1800, 300);
    expect(violatedRules(stack, [LambdaSqsVisibilityTimeout])).toEqual([]);
  });

  test('non-compliant: fails when the visibility timeout is under six times the function timeout, naming both values', () => {
    const stack = testStack();
    consumer(stack, 900, 300);
    const [violation] = checkTerraformStack(stack, [LambdaSqsVisibilityTimeout]);
    expect(violation).toMatchObject({ rule: 'lambda-sqs-visibility-timeout', resource: 'aws_sqs_queue.queue' });
    expect(violation.message).toContain('(6 × 300 = 1800), got 900');
  });

  test("non-compliant: fails on AWS's defaults (30 s visibility) with a 10 s function", () => {
    const stack = testStack();
    consumer(stack, undefined, 10);
    expect(violatedRules(stack, [LambdaSqsVisibilityTimeout])).toEqual(['lambda-sqs-visibility-timeout']);
  });
});
