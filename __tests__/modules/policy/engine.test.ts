import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import {
  assertCompliant,
  checkTerraformStack,
  formatPolicyReport,
  PolicyRule,
  PolicyViolationError,
  suppressPolicy,
} from '../../../modules/policy';
import { S3Versioning } from '../../../modules/policy/rules/s3/S3Versioning';
import { synthJson, testStack } from '../../support/stacks';

describe('policy engine', () => {
  test('a suppression with a reason exempts the resource from that rule only, and shows in the JSON', () => {
    const stack = testStack();
    const bucket = new S3Bucket(stack, 'scratch', { bucket: 'scratch' });
    suppressPolicy(bucket, 's3-versioning', 'scratch data, recreated on demand');
    expect(checkTerraformStack(stack, [S3Versioning])).toEqual([]);
    expect(synthJson(stack).resource.aws_s3_bucket.scratch['//'].suppressions).toEqual({
      's3-versioning': 'scratch data, recreated on demand',
    });
    expect(checkTerraformStack(stack).map((v) => v.rule)).toContain('s3-encryption');
  });

  test('fails when a suppression has no written reason', () => {
    const stack = testStack('s');
    const bucket = new S3Bucket(stack, 'scratch', { bucket: 'scratch' });
    suppressPolicy(bucket, 's3-versioning', '  ');
    expect(checkTerraformStack(stack, [S3Versioning])).toEqual([
      {
        rule: 's3-versioning',
        level: 'error',
        stack: 's',
        resource: 'aws_s3_bucket.scratch',
        message: 'bucket versioning is not enabled',
      },
      {
        rule: 'policy-suppression-reason',
        level: 'error',
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
    expect(() => assertCompliant(app, [S3Versioning])).toThrow(PolicyViolationError);
    expect(() => assertCompliant(app, [S3Versioning])).toThrow(
      'policy check failed with 2 violation(s):\n' +
        '  [s3-versioning] a aws_s3_bucket.one: bucket versioning is not enabled\n' +
        '  [s3-versioning] b aws_s3_bucket.one: bucket versioning is not enabled',
    );
  });

  test('fails when a suppression excuses nothing (the resource complies)', () => {
    const stack = testStack('s');
    const bucket = new S3Bucket(stack, 'scratch', { bucket: 'scratch' });
    suppressPolicy(bucket, 's3-versioning', 'left over');
    new S3BucketVersioningA(stack, 'versioning', {
      bucket: bucket.bucket,
      versioningConfiguration: { status: 'Enabled' },
    });
    expect(checkTerraformStack(stack, [S3Versioning]).map((v) => v.message)).toEqual([
      'suppression of s3-versioning excuses nothing: the resource complies, remove it',
    ]);
  });

  test('a warning-level finding does not stop synth; it and every suppression are in the report', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'w');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const excused = new S3Bucket(stack, 'excused', { bucket: 'excused' });
    suppressPolicy(excused, 's3-versioning', 'scratch data, rebuilt on demand');
    new S3Bucket(stack, 'plain', { bucket: 'plain' });
    const warnOnly: PolicyRule = { ...S3Versioning, id: 'bucket-note', level: 'warning' };
    const report = assertCompliant(app, [
      warnOnly,
      { ...S3Versioning, check: (v) => S3Versioning.check(v).slice(0, 1) },
    ]);
    expect(report.warnings.map((w) => `${w.rule} ${w.resource}`)).toEqual([
      'bucket-note aws_s3_bucket.excused',
      'bucket-note aws_s3_bucket.plain',
    ]);
    expect(report.suppressions).toEqual([
      {
        rule: 's3-versioning',
        stack: 'w',
        resource: 'aws_s3_bucket.excused',
        reason: 'scratch data, rebuilt on demand',
      },
    ]);
    expect(formatPolicyReport(report).split('\n')).toEqual([
      'policy check: passed, 1 suppression(s), 2 warning(s)',
      '  suppressed s3-versioning: 1',
      '    w aws_s3_bucket.excused: scratch data, rebuilt on demand',
      '  warning [bucket-note] w aws_s3_bucket.excused: bucket versioning is not enabled',
      '  warning [bucket-note] w aws_s3_bucket.plain: bucket versioning is not enabled',
    ]);
  });
});
