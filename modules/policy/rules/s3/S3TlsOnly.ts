import { PolicyRule } from '../../engine';
import { parsePolicy, statementsOf } from '../../support/policy-json';
import { eachBucket } from '../../support/s3';

export const S3TlsOnly: PolicyRule = {
  id: 's3-tls-only',
  service: 's3',
  level: 'error',
  description: 'Every bucket policy denies requests that do not use TLS.',
  explanation:
    'Plain HTTP requests expose object data and credentials-derived signatures on the wire; the bucket policy must refuse them.',
  references: { fsbp: 'S3.5', cdkNag: 'AwsSolutions-S10' },
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
