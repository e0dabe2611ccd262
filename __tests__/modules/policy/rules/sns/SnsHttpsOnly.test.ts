import { SnsHttpsOnly } from '../../../../../modules/policy/rules/sns/SnsHttpsOnly';
import { findingsOf } from '../../../../support/policy-rules';

describe('sns-https-only: ' + SnsHttpsOnly.description, () => {
  test('compliant: an HTTPS endpoint', () => {
    expect(
      findingsOf(SnsHttpsOnly, {
        resource: {
          aws_sns_topic_subscription: {
            s: { topic_arn: 't', protocol: 'https', endpoint: 'https://hooks.example.com' },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: a plain HTTP endpoint', () => {
    expect(
      findingsOf(SnsHttpsOnly, {
        resource: {
          aws_sns_topic_subscription: { s: { topic_arn: 't', protocol: 'http', endpoint: 'http://hooks.example.com' } },
        },
      }),
    ).toEqual(['aws_sns_topic_subscription.s: subscription delivers over http; use https']);
  });
});
