/**
 * VPC flow logs to a CloudWatch log group with retention, delivered by a role that only the flow-logs service of
 * this account can assume and that may only write to that group.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import type { FlowLogTrafficType } from '../config/layers/network';
import { policyDocument, serviceTrustPolicy } from './iam-policy';
import { checkName, Naming } from './naming';

export interface VpcFlowLogProps {
  readonly naming: Naming;
  readonly vpc: Vpc;
  /** Days the log group keeps records. */
  readonly retentionDays: number;
  /** @default 'ALL' */
  readonly trafficType?: FlowLogTrafficType;
  /** Seconds over which a flow is aggregated into one record, 60 or 600. @default 600 */
  readonly maxAggregationIntervalSeconds?: number;
}

export class VpcFlowLog extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const interval = props.maxAggregationIntervalSeconds ?? 600;
    if (interval !== 60 && interval !== 600) {
      throw new Error(`VpcFlowLog maxAggregationIntervalSeconds: must be 60 or 600, got ${interval}`);
    }
    const vpcName = props.naming.name('vpc');
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: checkName(`/aws/vpc-flow-log/${vpcName}`, 'logGroup'),
      retentionInDays: props.retentionDays,
    });
    const account = new DataAwsCallerIdentity(this, 'account').accountId;
    this.role = new IamRole(this, 'role', {
      name: props.naming.name('vpc-flow-log', 'iamRole'),
      description: `Delivers the flow logs of ${vpcName} to CloudWatch Logs`,
      assumeRolePolicy: serviceTrustPolicy('vpc-flow-logs.amazonaws.com', [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
      ]),
    });
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'write-flow-logs',
      role: this.role.id,
      policy: policyDocument([
        {
          sid: 'WriteFlowLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ]),
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpc.id,
      trafficType: props.trafficType ?? 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: interval,
      tags: { Name: props.naming.name('vpc-flow-log') },
      // Delivery starts as soon as the flow log exists; the role must already be allowed to write.
      dependsOn: [policy],
    });
  }
}
