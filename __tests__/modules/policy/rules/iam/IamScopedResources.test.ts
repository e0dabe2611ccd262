import { IamScopedResources } from '../../../../../modules/policy/rules/iam/IamScopedResources';
import { findingsOf, policy } from '../../../../support/policy-rules';

describe('iam-scoped-resources: ' + IamScopedResources.description, () => {
  test('compliant: "*" only for actions without resource-level permissions', () => {
    expect(
      findingsOf(IamScopedResources, {
        resource: {
          aws_iam_role_policy: {
            p: { role: 'r', policy: policy({ Effect: 'Allow', Action: ['xray:PutTraceSegments'], Resource: '*' }) },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: a scopable action on "*"', () => {
    expect(
      findingsOf(IamScopedResources, {
        resource: {
          aws_iam_role_policy: {
            p: { role: 'r', policy: policy({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }) },
          },
        },
      }),
    ).toEqual(['aws_iam_role_policy.p: Allow statement grants s3:GetObject on Resource "*"']);
  });
});
