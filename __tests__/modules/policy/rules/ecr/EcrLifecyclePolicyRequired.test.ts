import { EcrLifecyclePolicyRequired } from '../../../../../modules/policy/rules/ecr/EcrLifecyclePolicyRequired';
import { findingsOf } from '../../../../support/policy-rules';

describe('ecr-lifecycle-policy: ' + EcrLifecyclePolicyRequired.description, () => {
  test('compliant: a lifecycle policy', () => {
    expect(
      findingsOf(EcrLifecyclePolicyRequired, {
        resource: {
          aws_ecr_repository: { r: { name: 'r' } },
          aws_ecr_lifecycle_policy: { l: { repository: '${aws_ecr_repository.r.name}', policy: '{}' } },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no lifecycle policy', () => {
    expect(findingsOf(EcrLifecyclePolicyRequired, { resource: { aws_ecr_repository: { r: { name: 'r' } } } })).toEqual([
      'aws_ecr_repository.r: repository has no aws_ecr_lifecycle_policy in this stack',
    ]);
  });
});
