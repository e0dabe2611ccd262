/**
 * The role SageMaker assumes for an environment's ML predictions (model training and inference): read and write model
 * artifacts in one bucket, write its own logs and metrics, and nothing else. The trust policy admits SageMaker only
 * on behalf of this account.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyDocument, serviceTrustPolicy } from './iam-policy';
import { Naming } from './naming';
import type { SecureBucket } from './secure-bucket';

export interface SagemakerExecutionRoleProps {
  readonly naming: Naming;
  /** Bucket of the model artifacts (the data layer's). */
  readonly modelArtifactsBucket: SecureBucket;
  /** Region of the environment, for the log group ARNs. */
  readonly region: string;
}

export class SagemakerExecutionRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: SagemakerExecutionRoleProps) {
    super(scope, id);
    const account = new DataAwsCallerIdentity(this, 'account').accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;
    this.role = new IamRole(this, 'role', {
      name: props.naming.name('sagemaker', 'iamRole'),
      description: 'SageMaker training and inference of the environment, on its model artifacts bucket',
      assumeRolePolicy: serviceTrustPolicy('sagemaker.amazonaws.com', [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
      ]),
    });
    const bucket = props.modelArtifactsBucket;
    new IamRolePolicy(this, 'policy', {
      name: 'model-artifacts',
      role: this.role.id,
      policy: policyDocument([
        { sid: 'ListModelArtifacts', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [bucket.arn] },
        {
          sid: 'ReadWriteModelArtifacts',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          resources: [bucket.objectsArn()],
        },
        {
          sid: 'OwnLogs',
          actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [`arn:${partition}:logs:${props.region}:${account}:log-group:/aws/sagemaker/*`],
        },
        { sid: 'Metrics', actions: ['cloudwatch:PutMetricData'], resources: ['*'] },
      ]),
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
