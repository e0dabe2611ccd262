/** S3 baseline: private, encrypted, versioned, TLS-only. */
import { blocks, Finding, PolicyRule, StackView, SynthResource } from '../engine';
import { isAnonymous, parsePolicy, statementsOf } from './policy-json';

function eachBucket(stack: StackView, check: (bucket: SynthResource) => string | undefined): Finding[] {
  return stack.resources('aws_s3_bucket').flatMap((bucket) => {
    const message = check(bucket);
    return message === undefined ? [] : [{ resource: bucket, message }];
  });
}

export const s3PublicAccessBlock: PolicyRule = {
  id: 's3-public-access-block',
  description: 'Every bucket has a public access block with all four flags on.',
  check: (stack) =>
    eachBucket(stack, (bucket) => {
      const blocksOn = stack
        .referencing('aws_s3_bucket_public_access_block', 'bucket', bucket, 'bucket')
        .some(
          (b) =>
            b.config.block_public_acls === true &&
            b.config.block_public_policy === true &&
            b.config.ignore_public_acls === true &&
            b.config.restrict_public_buckets === true,
        );
      return blocksOn ? undefined : 'bucket has no public access block with all four flags set to true';
    }),
};

export const s3Encryption: PolicyRule = {
  id: 's3-encryption',
  description: 'Every bucket has default server-side encryption.',
  check: (stack) =>
    eachBucket(stack, (bucket) => {
      const encrypted = stack
        .referencing('aws_s3_bucket_server_side_encryption_configuration', 'bucket', bucket, 'bucket')
        .some((c) =>
          blocks(c.config.rule).some((r) =>
            blocks(r.apply_server_side_encryption_by_default).some((d) => typeof d.sse_algorithm === 'string'),
          ),
        );
      return encrypted ? undefined : 'bucket has no default server-side encryption configuration';
    }),
};

export const s3Versioning: PolicyRule = {
  id: 's3-versioning',
  description: 'Every bucket has versioning enabled.',
  check: (stack) =>
    eachBucket(stack, (bucket) => {
      const enabled = stack
        .referencing('aws_s3_bucket_versioning', 'bucket', bucket, 'bucket')
        .some((v) => blocks(v.config.versioning_configuration).some((c) => c.status === 'Enabled'));
      return enabled ? undefined : 'bucket versioning is not enabled';
    }),
};

export const s3TlsOnly: PolicyRule = {
  id: 's3-tls-only',
  description: 'Every bucket policy denies requests that do not use TLS.',
  check: (stack) =>
    eachBucket(stack, (bucket) => {
      const denies = stack
        .referencing('aws_s3_bucket_policy', 'bucket', bucket, 'bucket')
        .some((p) =>
          statementsOf(parsePolicy(p.config.policy)).some(
            (s) => s.Effect === 'Deny' && String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false',
          ),
        );
      return denies ? undefined : 'bucket has no policy denying aws:SecureTransport = false';
    }),
};

export const s3NoPublicPolicy: PolicyRule = {
  id: 's3-no-public-policy',
  description: 'No bucket policy allows an anonymous principal without a condition.',
  check: (stack) =>
    stack.resources('aws_s3_bucket_policy').flatMap((p) =>
      statementsOf(parsePolicy(p.config.policy))
        .filter((s) => s.Effect === 'Allow' && isAnonymous(s.Principal) && s.Condition === undefined)
        .map(() => ({ resource: p, message: 'bucket policy allows any principal ("*") without a condition' })),
    ),
};

export const S3_RULES: readonly PolicyRule[] = [
  s3PublicAccessBlock,
  s3Encryption,
  s3Versioning,
  s3TlsOnly,
  s3NoPublicPolicy,
];
