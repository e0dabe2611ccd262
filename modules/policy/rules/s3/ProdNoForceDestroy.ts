import { PolicyRule } from '../../engine';
import { isProductionStack } from '../../support/environment';

/** Resource types whose force flag deletes their contents together with them. */
const FORCE_FLAGS: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'force_destroy',
  aws_ecr_repository: 'force_delete',
};

export const ProdNoForceDestroy: PolicyRule = {
  id: 'prod-no-force-destroy',
  service: 's3',
  level: 'error',
  description:
    'No bucket (force_destroy) or ECR repository (force_delete) of a production stack deletes its contents on destroy.',
  explanation:
    'With the force flag a destroy or replacement empties the bucket or repository first, so production objects and images are gone with it.',
  references: {},
  check: (stack) =>
    isProductionStack(stack)
      ? Object.entries(FORCE_FLAGS).flatMap(([type, flag]) =>
          stack
            .resources(type)
            .filter((r) => r.config[flag] === true)
            .map((r) => ({ resource: r, message: `${flag} = true in a production stack` })),
        )
      : [],
};
