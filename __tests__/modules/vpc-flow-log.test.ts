import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Naming } from '../../modules/naming';
import { rulesFor } from '../../modules/policy/rules';
import { LogsRetention } from '../../modules/policy/rules/logs/LogsRetention';
import { VpcFlowLog, VpcFlowLogProps } from '../../modules/vpc-flow-log';
import { onlyResource, testStack, violatedRules } from '../support/stacks';

function build(props: Partial<VpcFlowLogProps> = {}) {
  const stack = testStack();
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
  new VpcFlowLog(stack, 'flow-log', { naming: new Naming('svc', 'prod'), vpc, retentionDays: 30, ...props });
  return stack;
}

describe('VpcFlowLog', () => {
  test('sends every flow of the VPC to a log group with the configured retention', () => {
    const stack = build();
    const group = onlyResource(stack, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/vpc-flow-log/svc-prod-vpc', retention_in_days: 30 });
    const flowLog = onlyResource(stack, 'aws_flow_log');
    expect(flowLog).toMatchObject({
      vpc_id: '${aws_vpc.vpc.id}',
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      max_aggregation_interval: 600,
    });
    expect(flowLog.log_destination).toMatch(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}$/);
    expect(flowLog.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\./)]);
  });

  test('delivers through a role only the flow-logs service of this account can assume, writing to that group only', () => {
    const stack = build({ trafficType: 'REJECT' });
    const role = onlyResource(stack, 'aws_iam_role');
    expect(role.name).toBe('svc-prod-vpc-flow-log');
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': expect.stringMatching(/aws_caller_identity/) } },
    });
    const statement = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy).Statement[0];
    expect(statement.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']);
    expect(statement.Resource).toEqual([
      expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}:\*$/),
    ]);
    expect(onlyResource(stack, 'aws_flow_log').traffic_type).toBe('REJECT');
    expect(violatedRules(stack, [...rulesFor('iam'), LogsRetention])).toEqual([]);
  });

  test('fails when the aggregation interval is not one AWS offers', () => {
    expect(() => build({ maxAggregationIntervalSeconds: 300 })).toThrow(
      'VpcFlowLog maxAggregationIntervalSeconds: must be 60 or 600, got 300',
    );
  });
});
