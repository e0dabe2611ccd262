/** Pipeline artifacts (the source and every build's output) are encrypted with a customer-managed KMS key. */
import { blocks, type PolicyRule } from '../../engine';

export const CodepipelineArtifactEncryption: PolicyRule = {
  id: 'codepipeline-artifact-encryption',
  service: 'codepipeline',
  level: 'error',
  description: "Every artifact store of a pipeline names a KMS encryption key (not the S3 default's AWS-managed key).",
  explanation:
    'Pipeline artifacts hold the source and every build output; under the AWS-managed key anyone allowed to use S3 in the account can read them.',
  references: { checkov: 'CKV_AWS_219' },
  check: (stack) =>
    stack
      .resources('aws_codepipeline')
      .filter((p) => {
        const stores = blocks(p.config.artifact_store);
        return (
          stores.length === 0 ||
          stores.some(
            (s) => !blocks(s.encryption_key).some((k) => k.type === 'KMS' && typeof k.id === 'string' && k.id !== ''),
          )
        );
      })
      .map((p) => ({ resource: p, message: 'an artifact store has no encryption_key of type KMS' })),
};
