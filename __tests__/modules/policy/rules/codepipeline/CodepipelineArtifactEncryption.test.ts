import { CodepipelineArtifactEncryption } from '../../../../../modules/policy/rules/codepipeline/CodepipelineArtifactEncryption';
import { Json, pipelineWith } from './fixtures';

describe('codepipeline-artifact-encryption: ' + CodepipelineArtifactEncryption.description, () => {
  test('compliant: a pipeline with a KMS artifact store and a connection source passes', () => {
    expect(CodepipelineArtifactEncryption.check(pipelineWith())).toEqual([]);
  });

  test('non-compliant: artifact encryption fails without a key, with a key not of type KMS, and without a store', () => {
    const changes: [string, (p: Json) => unknown][] = [
      ['no encryption key', (p) => delete p.artifact_store[0].encryption_key],
      ['a key without the KMS type', (p) => (p.artifact_store[0].encryption_key = { id: 'k', type: 'X' })],
      ['no artifact store', (p) => (p.artifact_store = [])],
    ];
    for (const [, change] of changes) {
      expect(CodepipelineArtifactEncryption.check(pipelineWith(change)).map((f) => f.message)).toEqual([
        'an artifact store has no encryption_key of type KMS',
      ]);
    }
  });
});
