import { Finding, PolicyRule } from '../../engine';

export const EcrLifecyclePolicyRequired: PolicyRule = {
  id: 'ecr-lifecycle-policy',
  service: 'ecr',
  level: 'error',
  description: 'Every ECR repository has a lifecycle policy, so old images expire.',
  explanation: 'Without a lifecycle policy images accumulate forever, and so do their storage cost and scan findings.',
  references: { fsbp: 'ECR.3' },
  check: (stack) =>
    stack
      .resources('aws_ecr_repository')
      .flatMap((r): Finding[] =>
        stack.referencing('aws_ecr_lifecycle_policy', 'repository', r, 'name').length > 0
          ? []
          : [{ resource: r, message: 'repository has no aws_ecr_lifecycle_policy in this stack' }],
      ),
};
