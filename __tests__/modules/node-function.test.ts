import { Testing } from 'cdktf';
import { LambdaAsset } from '../../modules/lambda-asset';
import { Naming } from '../../modules/naming';
import { NodeFunction, NodeFunctionProps } from '../../modules/node-function';
import { onlyResource, resourcesOf, testStack } from '../support/stacks';

function build(props: Partial<NodeFunctionProps> = {}) {
  const stack = testStack();
  const fn = new NodeFunction(stack, 'fn', {
    naming: new Naming('svc', 'dev'),
    name: 'health',
    code: new LambdaAsset(stack, 'code', { handler: 'health' }),
    logRetentionDays: 14,
    ...props,
  });
  return { stack, fn };
}

describe('NodeFunction', () => {
  test('applies the documented defaults', () => {
    const { stack } = build();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lambda_function' },
      {
        function_name: 'svc-dev-health',
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        memory_size: 256,
        timeout: 10,
        tracing_config: { mode: 'Active' },
        environment: { variables: { NODE_OPTIONS: '--enable-source-maps' } },
      },
    );
  });

  test('creates its log group with retention and depends on it', () => {
    const { stack, fn } = build();
    expect(onlyResource(stack, 'aws_cloudwatch_log_group')).toMatchObject({
      name: '/aws/lambda/svc-dev-health',
      retention_in_days: 14,
    });
    const lambda = onlyResource(stack, 'aws_lambda_function');
    expect(lambda.depends_on).toContain(`aws_cloudwatch_log_group.${fn.logGroup.friendlyUniqueId}`);
  });

  test('its role may write only its own logs, besides tracing', () => {
    const { stack } = build();
    const policy = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.fn_logs_[0-9A-F]+\.arn\}:\*$/),
      },
      { Sid: 'Tracing', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    ]);
    expect(JSON.parse(onlyResource(stack, 'aws_iam_role').assume_role_policy).Statement[0].Principal).toEqual({
      Service: 'lambda.amazonaws.com',
    });
  });

  test('adds the given statements, sizing, environment and VPC placement', () => {
    const { stack } = build({
      memoryMb: 1024,
      timeoutSeconds: 30,
      reservedConcurrency: 5,
      environment: { TABLE: 't' },
      policyStatements: [{ actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:us-east-1:1:table/t'] }],
      vpc: { subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] },
    });
    expect(onlyResource(stack, 'aws_lambda_function')).toMatchObject({
      memory_size: 1024,
      timeout: 30,
      reserved_concurrent_executions: 5,
      environment: { variables: { TABLE: 't', NODE_OPTIONS: '--enable-source-maps' } },
      vpc_config: { subnet_ids: ['subnet-1', 'subnet-2'], security_group_ids: ['sg-1'] },
    });
    const sids = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy).Statement.map(
      (s: { Sid?: string; Action: string | string[] }) => s.Sid ?? s.Action,
    );
    expect(sids).toEqual(['WriteOwnLogs', 'Tracing', 'VpcNetworkInterfaces', 'dynamodb:GetItem']);
    // Lambda documents ec2:DescribeSubnets as required for VPC functions, beside the network interface actions.
    const vpcStatement = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy).Statement[2];
    expect(vpcStatement.Action).toEqual(expect.arrayContaining(['ec2:CreateNetworkInterface', 'ec2:DescribeSubnets']));
  });

  test('asynchronous functions send failed events to an encrypted queue', () => {
    const { stack, fn } = build({ invocation: 'async' });
    expect(onlyResource(stack, 'aws_sqs_queue')).toMatchObject({
      name: 'svc-dev-health-failures',
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1209600,
    });
    expect(onlyResource(stack, 'aws_lambda_function_event_invoke_config')).toMatchObject({
      maximum_retry_attempts: 2,
      destination_config: { on_failure: { destination: `\${aws_sqs_queue.${fn.failureQueue?.friendlyUniqueId}.arn}` } },
    });
  });

  test('synchronous functions get no failure queue', () => {
    const { stack } = build();
    expect(resourcesOf(stack, 'aws_sqs_queue')).toEqual({});
    expect(resourcesOf(stack, 'aws_lambda_function_event_invoke_config')).toEqual({});
  });

  test('fails when the function name would exceed 64 characters', () => {
    expect(() => build({ name: 'a-very-long-function-name-that-goes-on-and-on-and-on-forever' })).toThrow(
      /lambdaFunction name "svc-dev-a-very-long.*" is \d+ characters; AWS allows 1 to 64/,
    );
  });
});
