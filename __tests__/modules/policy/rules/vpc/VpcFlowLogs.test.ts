import { VpcFlowLogs } from '../../../../../modules/policy/rules/vpc/VpcFlowLogs';
import { findingsOf } from '../../../../support/policy-rules';

describe('vpc-flow-logs: ' + VpcFlowLogs.description, () => {
  test('compliant: a flow log', () => {
    expect(
      findingsOf(VpcFlowLogs, {
        resource: {
          aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
          aws_flow_log: { f: { vpc_id: '${aws_vpc.v.id}', traffic_type: 'REJECT' } },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no flow log', () => {
    expect(findingsOf(VpcFlowLogs, { resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } } } })).toEqual([
      'aws_vpc.v: VPC has no flow log',
    ]);
  });
});
