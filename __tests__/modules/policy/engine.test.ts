import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { assertCompliant, checkTerraformStack, PolicyViolationError, suppressPolicy } from '../../../modules/policy';
import { s3Versioning } from '../../../modules/policy/rules/s3';
import { synthJson, testStack } from '../../support/stacks';

describe('policy engine', () => {
  test('a suppression with a reason exempts the resource from that rule only, and shows in the JSON', () => {
    const stack = testStack();
    const bucket = new S3Bucket(stack, 'scratch', { bucket: 'scratch' });
    suppressPolicy(bucket, 's3-versioning', 'scratch data, recreated on demand');
    expect(checkTerraformStack(stack, [s3Versioning])).toEqual([]);
    expect(synthJson(stack).resource.aws_s3_bucket.scratch['//'].suppressions).toEqual({
      's3-versioning': 'scratch data, recreated on demand',
    });
    expect(checkTerraformStack(stack).map((v) => v.rule)).toContain('s3-encryption');
  });

  test('fails when a suppression has no written reason', () => {
    const stack = testStack('s');
    const bucket = new S3Bucket(stack, 'scratch', { bucket: 'scratch' });
    suppressPolicy(bucket, 's3-versioning', '  ');
    expect(checkTerraformStack(stack, [s3Versioning])).toEqual([
      {
        rule: 's3-versioning',
        stack: 's',
        resource: 'aws_s3_bucket.scratch',
        message: 'bucket versioning is not enabled',
      },
      {
        rule: 'policy-suppression-reason',
        stack: 's',
        resource: 'aws_s3_bucket.scratch',
        message: 'suppression of s3-versioning has no written reason',
      },
    ]);
  });

  test('assertCompliant lists every violation of every stack in one error', () => {
    const app = Testing.app();
    for (const name of ['a', 'b']) {
      const stack = new TerraformStack(app, name);
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new S3Bucket(stack, 'one', { bucket: `${name}-one` });
    }
    expect(() => assertCompliant(app, [s3Versioning])).toThrow(PolicyViolationError);
    expect(() => assertCompliant(app, [s3Versioning])).toThrow(
      'policy check failed with 2 violation(s):\n' +
        '  [s3-versioning] a aws_s3_bucket.one: bucket versioning is not enabled\n' +
        '  [s3-versioning] b aws_s3_bucket.one: bucket versioning is not enabled',
    );
  });
});
