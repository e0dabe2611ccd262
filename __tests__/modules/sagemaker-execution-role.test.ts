import { Naming } from '../../modules/naming';
import { BASELINE_RULES } from '../../modules/policy';
import { SagemakerExecutionRole } from '../../modules/sagemaker-execution-role';
import { SecureBucket } from '../../modules/secure-bucket';
import { onlyResource, testStack, violatedRules } from '../support/stacks';

describe('SagemakerExecutionRole', () => {
  test('SageMaker of this account may assume it, and it reaches only the model artifacts bucket', () => {
    const stack = testStack();
    const bucket = new SecureBucket(stack, 'models', { bucketName: 'concert-dev-model-artifacts' });
    new SagemakerExecutionRole(stack, 'sagemaker', {
      naming: new Naming('concert', 'dev'),
      modelArtifactsBucket: bucket,
      region: 'us-east-1',
    });
    const role = onlyResource(stack, 'aws_iam_role');
    expect(role.name).toBe('concert-dev-sagemaker');
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': expect.stringContaining('data.aws_caller_identity') } },
    });
    const statements = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy).Statement;
    const bucketArn = `\${aws_s3_bucket.${bucket.bucket.friendlyUniqueId}.arn}`;
    expect(statements.find((s: { Sid: string }) => s.Sid === 'ListModelArtifacts').Resource).toBe(bucketArn);
    expect(statements.find((s: { Sid: string }) => s.Sid === 'ReadWriteModelArtifacts').Resource).toBe(
      `${bucketArn}/*`,
    );
    expect(statements.find((s: { Sid: string }) => s.Sid === 'OwnLogs').Resource).toMatch(
      /:log-group:\/aws\/sagemaker\/\*$/,
    );
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });
});
