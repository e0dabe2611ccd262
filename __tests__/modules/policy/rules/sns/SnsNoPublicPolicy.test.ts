import { SnsNoPublicPolicy } from '../../../../../modules/policy/rules/sns/SnsNoPublicPolicy';
import { findingsOf, policy } from '../../../../support/policy-rules';

describe('sns-no-public-policy: ' + SnsNoPublicPolicy.description, () => {
  test('compliant: anonymous principal confined to the account', () => {
    expect(
      findingsOf(SnsNoPublicPolicy, {
        resource: {
          aws_sns_topic_policy: {
            p: {
              arn: 't',
              policy: policy({
                Effect: 'Allow',
                Principal: { AWS: '*' },
                Action: 'sns:Publish',
                Resource: 't',
                Condition: { StringEquals: { 'AWS:SourceOwner': '111111111111' } },
              }),
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: anonymous principal without a condition', () => {
    expect(
      findingsOf(SnsNoPublicPolicy, {
        resource: {
          aws_sns_topic_policy: {
            p: {
              arn: 't',
              policy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: 't' }),
            },
          },
        },
      }),
    ).toEqual(['aws_sns_topic_policy.p: topic policy allows any principal ("*") without an account condition']);
  });
});
