import { StackView } from '../../../modules/policy';
import { codepipelineArtifactEncryption } from '../../../modules/policy/rules/codepipeline/artifact-encryption';
import { codepipelineConnectionSource } from '../../../modules/policy/rules/codepipeline/connection-source';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function pipelineWith(change: (pipeline: Json) => void = () => undefined): StackView {
  const pipeline: Json = {
    name: 'svc-delivery',
    pipeline_type: 'V2',
    artifact_store: [{ location: 'bucket', type: 'S3', encryption_key: { id: '${aws_kms_key.key.arn}', type: 'KMS' } }],
    stage: [
      {
        name: 'Source',
        action: [
          {
            name: 'Source',
            provider: 'CodeStarSourceConnection',
            configuration: { ConnectionArn: '${aws_codestarconnections_connection.connection.arn}' },
          },
        ],
      },
    ],
  };
  change(pipeline);
  return new StackView('svc-pipeline', { resource: { aws_codepipeline: { pipeline } } });
}

describe('CodePipeline rules', () => {
  test('a pipeline with a KMS artifact store and a connection source passes', () => {
    expect(codepipelineArtifactEncryption.check(pipelineWith())).toEqual([]);
    expect(codepipelineConnectionSource.check(pipelineWith())).toEqual([]);
  });

  test.each([
    ['no encryption key', (p: Json) => delete p.artifact_store[0].encryption_key],
    ['a key without the KMS type', (p: Json) => (p.artifact_store[0].encryption_key = { id: 'k', type: 'X' })],
    ['no artifact store', (p: Json) => (p.artifact_store = [])],
  ])('artifact encryption fails with %s', (_, change) => {
    expect(codepipelineArtifactEncryption.check(pipelineWith(change)).map((f) => f.message)).toEqual([
      'an artifact store has no encryption_key of type KMS',
    ]);
  });

  test.each([
    ['the GitHub version 1 provider', (p: Json) => (p.stage[0].action[0] = { name: 'Source', provider: 'GitHub' })],
    [
      'an OAuth token in the configuration',
      (p: Json) => (p.stage[0].action[0].configuration.OAuthToken = 'token-from-somewhere'),
    ],
  ])('the source fails with %s', (_, change) => {
    expect(codepipelineConnectionSource.check(pipelineWith(change)).map((f) => f.message)).toEqual([
      'action Source authenticates with a GitHub token; use CodeStarSourceConnection',
    ]);
  });
});
