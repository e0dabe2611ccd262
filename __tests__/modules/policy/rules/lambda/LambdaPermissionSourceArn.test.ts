import { LambdaPermissionSourceArn } from '../../../../../modules/policy/rules/lambda/LambdaPermissionSourceArn';
import { findingsOf } from '../../../../support/policy-rules';

describe('lambda-permission-source-arn: ' + LambdaPermissionSourceArn.description, () => {
  test('compliant: a service permission with source_arn', () => {
    expect(
      findingsOf(LambdaPermissionSourceArn, {
        resource: {
          aws_lambda_permission: {
            p: {
              function_name: 'f',
              principal: 'events.amazonaws.com',
              source_arn: '${aws_cloudwatch_event_rule.r.arn}',
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: a service permission without source_arn', () => {
    expect(
      findingsOf(LambdaPermissionSourceArn, {
        resource: { aws_lambda_permission: { p: { function_name: 'f', principal: 'sns.amazonaws.com' } } },
      }),
    ).toEqual(['aws_lambda_permission.p: permission for sns.amazonaws.com has no source_arn']);
  });
});
