import { LambdaLogGroup } from '../../../../../modules/policy/rules/lambda/LambdaLogGroup';
import { findingsOf } from '../../../../support/policy-rules';

describe('lambda-log-group: ' + LambdaLogGroup.description, () => {
  test('compliant: its log group in the stack, depended on', () => {
    expect(
      findingsOf(LambdaLogGroup, {
        resource: {
          aws_cloudwatch_log_group: { g: { name: '/aws/lambda/f', retention_in_days: 7 } },
          aws_lambda_function: { f: { function_name: 'f', depends_on: ['aws_cloudwatch_log_group.g'] } },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no log group', () => {
    expect(findingsOf(LambdaLogGroup, { resource: { aws_lambda_function: { f: { function_name: 'f' } } } })).toEqual([
      'aws_lambda_function.f: no log group /aws/lambda/f in this stack',
    ]);
  });
});
