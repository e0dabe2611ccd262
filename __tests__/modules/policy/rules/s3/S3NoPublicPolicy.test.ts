import { S3NoPublicPolicy } from '../../../../../modules/policy/rules/s3/S3NoPublicPolicy';
import { findingsOf, policy } from '../../../../support/policy-rules';

describe('s3-no-public-policy: ' + S3NoPublicPolicy.description, () => {
  test('compliant: anonymous principal only under a condition', () => {
    expect(
      findingsOf(S3NoPublicPolicy, {
        resource: {
          aws_s3_bucket_policy: {
            p: {
              bucket: 'b',
              policy: policy({
                Effect: 'Allow',
                Principal: '*',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::b/*',
                Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
              }),
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: anonymous principal without condition', () => {
    expect(
      findingsOf(S3NoPublicPolicy, {
        resource: {
          aws_s3_bucket_policy: {
            p: {
              bucket: 'b',
              policy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }),
            },
          },
        },
      }),
    ).toEqual(['aws_s3_bucket_policy.p: bucket policy allows any principal ("*") without a condition']);
  });
});
