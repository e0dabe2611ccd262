import { PolicyRule } from '../../engine';

export const EcrImmutableTags: PolicyRule = {
  id: 'ecr-immutable-tags',
  service: 'ecr',
  level: 'error',
  description: 'Every ECR repository has immutable tags, so a tag always names the same image.',
  explanation: 'With mutable tags a push can silently replace the image a function or rollback points at.',
  references: { fsbp: 'ECR.2', checkov: 'CKV_AWS_51' },
  check: (stack) =>
    stack
      .resources('aws_ecr_repository')
      .filter((r) => r.config.image_tag_mutability !== 'IMMUTABLE')
      .map((r) => ({ resource: r, message: 'repository does not have image_tag_mutability = "IMMUTABLE"' })),
};
