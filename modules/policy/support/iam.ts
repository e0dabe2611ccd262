/** The permission policies of a stack, as the IAM rules read them. */
import { blocks, StackView, SynthResource } from '../engine';
import { parsePolicy, PolicyStatementJson, statementsOf } from './policy-json';

/**
 * What a function in a VPC needs to manage its network interfaces (AWSLambdaVPCAccessExecutionRole's actions;
 * Lambda documents ec2:DescribeSubnets as required). None of them has resource-level permissions.
 */
export const LAMBDA_VPC_ACCESS_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
] as const;

/** Actions that AWS authorizes only on `Resource: "*"` (they have no resource-level permissions). */
export const ACTIONS_WITHOUT_RESOURCE_SCOPE: ReadonlySet<string> = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  'cloudwatch:PutMetricData',
  'cloudwatch:GetMetricData',
  ...LAMBDA_VPC_ACCESS_ACTIONS,
  'ecr:GetAuthorizationToken',
  'sts:GetCallerIdentity',
]);

/** Every permission policy in the stack with the resource that carries it. */
export function permissionPolicies(stack: StackView): { resource: SynthResource; document: unknown; raw: unknown }[] {
  const direct = [...stack.resources('aws_iam_role_policy'), ...stack.resources('aws_iam_policy')].map((r) => ({
    resource: r,
    raw: r.config.policy,
    document: parsePolicy(r.config.policy),
  }));
  const inline = stack.resources('aws_iam_role').flatMap((r) =>
    blocks(r.config.inline_policy)
      .filter((p) => p.policy !== undefined)
      .map((p) => ({ resource: r, raw: p.policy, document: parsePolicy(p.policy) })),
  );
  return [...direct, ...inline];
}

export function allowStatements(stack: StackView): { resource: SynthResource; statement: PolicyStatementJson }[] {
  return permissionPolicies(stack).flatMap(({ resource, document }) =>
    statementsOf(document)
      .filter((s) => s.Effect === 'Allow')
      .map((statement) => ({ resource, statement })),
  );
}
