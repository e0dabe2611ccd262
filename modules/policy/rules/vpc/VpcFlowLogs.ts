import { PolicyRule } from '../../engine';
import { eachVpc } from '../../support/vpc';

export const VpcFlowLogs: PolicyRule = {
  id: 'vpc-flow-logs',
  service: 'vpc',
  level: 'error',
  description:
    'Every VPC has a flow log in its stack (outside prod rejected traffic with short retention is enough); turning them off takes a reason in config, which becomes the suppression.',
  explanation: 'Without flow logs there is no record of network traffic for an investigation.',
  references: { fsbp: 'EC2.6', cdkNag: 'AwsSolutions-VPC7', checkov: 'CKV2_AWS_11' },
  check: (stack) =>
    eachVpc(stack, (vpc) =>
      stack.referencing('aws_flow_log', 'vpc_id', vpc).length > 0 ? undefined : 'VPC has no flow log',
    ),
};
