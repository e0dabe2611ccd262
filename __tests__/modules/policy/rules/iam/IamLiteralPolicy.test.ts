import { IamLiteralPolicy } from '../../../../../modules/policy/rules/iam/IamLiteralPolicy';
import { findingsOf, policy } from '../../../../support/policy-rules';

describe('iam-literal-policy: ' + IamLiteralPolicy.description, () => {
  test('compliant: literal JSON', () => {
    expect(
      findingsOf(IamLiteralPolicy, {
        resource: {
          aws_iam_policy: {
            p: { policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: a data-source reference', () => {
    expect(
      findingsOf(IamLiteralPolicy, {
        resource: { aws_iam_policy: { p: { policy: '${data.aws_iam_policy_document.d.json}' } } },
      }),
    ).toEqual(['aws_iam_policy.p: policy is not literal JSON; build it with policyDocument()']);
  });
});
