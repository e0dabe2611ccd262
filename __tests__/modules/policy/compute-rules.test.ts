import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { LambdaAsset } from '../../../modules/lambda-asset';
import { Naming } from '../../../modules/naming';
import { NodeFunction } from '../../../modules/node-function';
import { KmsRotation } from '../../../modules/policy/rules/kms/KmsRotation';
import { LambdaLogGroup } from '../../../modules/policy/rules/lambda/LambdaLogGroup';
import { LambdaPermissionSourceArn } from '../../../modules/policy/rules/lambda/LambdaPermissionSourceArn';
import { LambdaTracing } from '../../../modules/policy/rules/lambda/LambdaTracing';
import { LogsRetention } from '../../../modules/policy/rules/logs/LogsRetention';
import { testStack, violatedRules } from '../../support/stacks';

const FUNCTION_RULES = [LambdaTracing, LambdaLogGroup, LogsRetention];

describe('Lambda, logs and KMS rules', () => {
  test('a NodeFunction passes the function rules', () => {
    const stack = testStack();
    new NodeFunction(stack, 'fn', {
      naming: new Naming('svc', 'dev'),
      name: 'health',
      code: new LambdaAsset(stack, 'code', { handler: 'health' }),
      logRetentionDays: 7,
    });
    expect(violatedRules(stack, FUNCTION_RULES)).toEqual([]);
  });

  test('fails when a function has no tracing and no log group of its own', () => {
    const stack = testStack();
    new LambdaFunction(stack, 'bare', { functionName: 'bare', role: 'arn:aws:iam::1:role/r', runtime: 'nodejs22.x' });
    expect(violatedRules(stack, FUNCTION_RULES)).toEqual(['lambda-tracing', 'lambda-log-group']);
  });

  test('fails when the function does not depend on its log group', () => {
    const stack = testStack();
    new CloudwatchLogGroup(stack, 'logs', { name: '/aws/lambda/late', retentionInDays: 7 });
    new LambdaFunction(stack, 'late', {
      functionName: 'late',
      role: 'arn:aws:iam::1:role/r',
      tracingConfig: { mode: 'Active' },
    });
    expect(violatedRules(stack, FUNCTION_RULES)).toEqual(['lambda-log-group']);
  });

  test('fails when a log group has no retention', () => {
    const stack = testStack();
    new CloudwatchLogGroup(stack, 'forever', { name: 'forever' });
    expect(violatedRules(stack, [LogsRetention])).toEqual(['logs-retention']);
  });

  test('fails when a service permission has no source ARN or the principal is "*"', () => {
    const stack = testStack();
    new LambdaPermission(stack, 'unscoped', {
      action: 'lambda:InvokeFunction',
      functionName: 'f',
      principal: 'events.amazonaws.com',
    });
    new LambdaPermission(stack, 'public', { action: 'lambda:InvokeFunction', functionName: 'f', principal: '*' });
    new LambdaPermission(stack, 'scoped', {
      action: 'lambda:InvokeFunction',
      functionName: 'f',
      principal: 'events.amazonaws.com',
      sourceArn: 'arn:aws:events:us-east-1:1:rule/r',
    });
    expect(violatedRules(stack, [LambdaPermissionSourceArn])).toEqual([
      'lambda-permission-source-arn',
      'lambda-permission-source-arn',
    ]);
  });

  test('fails when a symmetric key does not rotate; asymmetric keys are exempt', () => {
    const stack = testStack();
    new KmsKey(stack, 'rotating', { enableKeyRotation: true });
    new KmsKey(stack, 'static', {});
    new KmsKey(stack, 'signing', { customerMasterKeySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' });
    expect(violatedRules(stack, [KmsRotation])).toEqual(['kms-rotation']);
  });
});
