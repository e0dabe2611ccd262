import { S3NoPublicPolicy } from '../../../../../modules/policy/rules/s3/S3NoPublicPolicy';
import { findingsOf, policy, StackJson } from '../../../../support/policy-rules';

/** Bucket policy `p` letting anyone read the objects of bucket `b`, with the given extra keys (a condition). */
const anonymousRead = (extra: StackJson) => ({
  resource: {
    aws_s3_bucket_policy: {
      p: {
        bucket: 'b',
        policy: policy({
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          ...extra,
        }),
      },
    },
  },
});

describe('s3-no-public-policy: ' + S3NoPublicPolicy.description, () => {
  test('compliant: anonymous principal only under a condition', () => {
    const condition = { Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } };
    expect(findingsOf(S3NoPublicPolicy, anonymousRead(condition))).toEqual([]);
  });

  test('non-compliant: anonymous principal without condition', () => {
    expect(findingsOf(S3NoPublicPolicy, anonymousRead({}))).toEqual([
      'aws_s3_bucket_policy.p: bucket policy allows any principal ("*") without a condition',
    ]);
  });
});
