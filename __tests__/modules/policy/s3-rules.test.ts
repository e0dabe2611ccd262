import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { policyDocument } from '../../../modules/iam-policy';
import { checkTerraformStack } from '../../../modules/policy';
import { S3Encryption } from '../../../modules/policy/rules/s3/S3Encryption';
import { S3NoPublicPolicy } from '../../../modules/policy/rules/s3/S3NoPublicPolicy';
import { S3PublicAccessBlock } from '../../../modules/policy/rules/s3/S3PublicAccessBlock';
import { S3TlsOnly } from '../../../modules/policy/rules/s3/S3TlsOnly';
import { S3Versioning } from '../../../modules/policy/rules/s3/S3Versioning';
import { SecureBucket } from '../../../modules/secure-bucket';
import { testStack, violatedRules } from '../../support/stacks';

const BUCKET_RULES = [S3PublicAccessBlock, S3Encryption, S3Versioning, S3TlsOnly];

describe('S3 rules', () => {
  test('a SecureBucket passes every S3 rule', () => {
    const stack = testStack();
    new SecureBucket(stack, 'ok', { bucketName: 'ok-bucket' });
    expect(violatedRules(stack, [...BUCKET_RULES, S3NoPublicPolicy])).toEqual([]);
  });

  test('a bare bucket fails each bucket rule, naming stack and resource', () => {
    const stack = testStack('insecure');
    new S3Bucket(stack, 'bare', { bucket: 'bare-bucket' });
    const violations = checkTerraformStack(stack, BUCKET_RULES);
    expect(violations.map((v) => v.rule)).toEqual(BUCKET_RULES.map((r) => r.id));
    expect(violations[0]).toEqual({
      rule: 's3-public-access-block',
      level: 'error',
      stack: 'insecure',
      resource: 'aws_s3_bucket.bare',
      message: 'bucket has no public access block with all four flags set to true',
    });
  });

  test('a public access block with one flag off still fails', () => {
    const stack = testStack();
    const secure = new SecureBucket(stack, 'b', { bucketName: 'b-bucket' });
    const block = secure.node.findChild('public-access') as unknown as { restrictPublicBuckets: boolean };
    block.restrictPublicBuckets = false;
    expect(violatedRules(stack, [S3PublicAccessBlock])).toEqual(['s3-public-access-block']);
  });

  test('a policy allowing anyone without a condition fails s3-no-public-policy', () => {
    const stack = testStack();
    const bucket = new S3Bucket(stack, 'site', { bucket: 'site-bucket' });
    new S3BucketPolicy(stack, 'public', {
      bucket: bucket.id,
      policy: policyDocument([
        {
          actions: ['s3:GetObject'],
          resources: [`${bucket.arn}/*`],
          principals: [{ type: '*', identifiers: ['*'] }],
        },
      ]),
    });
    expect(violatedRules(stack, [S3NoPublicPolicy])).toEqual(['s3-no-public-policy']);
  });

  test('a conditioned service principal passes s3-no-public-policy', () => {
    const stack = testStack();
    const secure = new SecureBucket(stack, 'origin', { bucketName: 'origin-bucket' });
    secure.addToResourcePolicy({
      actions: ['s3:GetObject'],
      resources: [secure.objectsArn()],
      principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
      conditions: [
        { test: 'StringEquals', variable: 'AWS:SourceArn', values: ['arn:aws:cloudfront::1:distribution/X'] },
      ],
    });
    expect(violatedRules(stack, [S3NoPublicPolicy, S3TlsOnly])).toEqual([]);
  });
});
