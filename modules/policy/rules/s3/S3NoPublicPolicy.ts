import { PolicyRule } from '../../engine';
import { isAnonymous, parsePolicy, statementsOf } from '../../support/policy-json';

export const S3NoPublicPolicy: PolicyRule = {
  id: 's3-no-public-policy',
  service: 's3',
  level: 'error',
  description: 'No bucket policy allows an anonymous principal without a condition.',
  explanation: 'An unconditioned "*" principal makes the bucket readable or writable by anyone on the internet.',
  references: { fsbp: 'S3.2', cdkNag: 'NIST.800.53.R5-S3BucketPublicReadProhibited', checkov: 'CKV_AWS_70' },
  check: (stack) =>
    stack.resources('aws_s3_bucket_policy').flatMap((p) =>
      statementsOf(parsePolicy(p.config.policy))
        .filter((s) => s.Effect === 'Allow' && isAnonymous(s.Principal) && s.Condition === undefined)
        .map(() => ({ resource: p, message: 'bucket policy allows any principal ("*") without a condition' })),
    ),
};
