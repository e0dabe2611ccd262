/**
 * The account setting that lets API Gateway write REST execution and access logs to CloudWatch Logs: one IAM role
 * and, per region, the `aws_api_gateway_account` that points at it.
 *
 * The setting is one per account and region. Several stacks managing it each with their own role fight forever (the
 * last apply wins, the others show a diff), and since AWS provider 6.x destroying any of them clears the setting for
 * every stage of the account in that region. So exactly one stack owns it (the bootstrap stack, or the first
 * environment's app stack of the region when there is no bootstrap stack), and REST stages rely on it.
 */
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { serviceTrustPolicy } from './iam-policy';
import { Naming } from './naming';

export interface ApiGatewayCloudwatchLoggingProps {
  readonly naming: Naming;
  /** The role name's component, `<prefix>-<roleName>`. @default 'apigateway-logs' */
  readonly roleName?: string;
  /** One account setting per provider, in its region. @default the stack's default provider only */
  readonly providers?: readonly AwsProvider[];
}

export class ApiGatewayCloudwatchLogging extends Construct {
  readonly role: IamRole;
  /** The account setting by region (`default` for the stack's default provider). */
  readonly accounts: readonly ApiGatewayAccount[];

  constructor(scope: Construct, id: string, props: ApiGatewayCloudwatchLoggingProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.naming.name(props.roleName ?? 'apigateway-logs', 'iamRole'),
      description: 'Lets API Gateway write REST API logs to CloudWatch Logs (the account setting of each region)',
      assumeRolePolicy: serviceTrustPolicy('apigateway.amazonaws.com'),
    });
    const partition = new DataAwsPartition(this, 'partition').partition;
    const attachment = new IamRolePolicyAttachment(this, 'role-policy', {
      role: this.role.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
    });
    const providers = props.providers ?? [undefined];
    this.accounts = providers.map(
      (provider, i) =>
        new ApiGatewayAccount(this, providers.length === 1 ? 'account' : `account-${i + 1}`, {
          provider,
          cloudwatchRoleArn: this.role.arn,
          dependsOn: [attachment],
        }),
    );
  }
}
