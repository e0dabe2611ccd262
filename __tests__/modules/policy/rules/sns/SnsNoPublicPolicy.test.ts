import { SnsNoPublicPolicy } from '../../../../../modules/policy/rules/sns/SnsNoPublicPolicy';
import { findingsOf, policy, StackJson } from '../../../../support/policy-rules';

/** Topic policy `p` letting any AWS principal publish to topic `t`, with the given extra keys (a condition). */
const anonymousPublish = (extra: StackJson) => ({
  resource: {
    aws_sns_topic_policy: {
      p: {
        arn: 't',
        policy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: 't', ...extra }),
      },
    },
  },
});

describe('sns-no-public-policy: ' + SnsNoPublicPolicy.description, () => {
  test('compliant: anonymous principal confined to the account', () => {
    const condition = { Condition: { StringEquals: { 'AWS:SourceOwner': '111111111111' } } };
    expect(findingsOf(SnsNoPublicPolicy, anonymousPublish(condition))).toEqual([]);
  });

  test('non-compliant: anonymous principal without a condition', () => {
    expect(findingsOf(SnsNoPublicPolicy, anonymousPublish({}))).toEqual([
      'aws_sns_topic_policy.p: topic policy allows any principal ("*") without an account condition',
    ]);
  });
});
