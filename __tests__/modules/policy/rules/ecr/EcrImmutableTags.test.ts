import { EcrImmutableTags } from '../../../../../modules/policy/rules/ecr/EcrImmutableTags';
import { findingsOf } from '../../../../support/policy-rules';

describe('ecr-immutable-tags: ' + EcrImmutableTags.description, () => {
  test('compliant: immutable tags', () => {
    expect(
      findingsOf(EcrImmutableTags, {
        resource: { aws_ecr_repository: { r: { name: 'r', image_tag_mutability: 'IMMUTABLE' } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: mutable tags', () => {
    expect(
      findingsOf(EcrImmutableTags, {
        resource: { aws_ecr_repository: { r: { name: 'r', image_tag_mutability: 'MUTABLE' } } },
      }),
    ).toEqual(['aws_ecr_repository.r: repository does not have image_tag_mutability = "IMMUTABLE"']);
  });
});
