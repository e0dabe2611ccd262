import { CodepipelineConnectionSource } from '../../../../../modules/policy/rules/codepipeline/CodepipelineConnectionSource';
import { Json, pipelineWith } from './fixtures';

describe('codepipeline-connection-source: ' + CodepipelineConnectionSource.description, () => {
  test('compliant: a pipeline with a KMS artifact store and a connection source passes', () => {
    expect(CodepipelineConnectionSource.check(pipelineWith())).toEqual([]);
  });

  test('non-compliant: the source fails with the GitHub version 1 provider, and with an OAuth token', () => {
    const changes: [string, (p: Json) => unknown][] = [
      ['the GitHub version 1 provider', (p) => (p.stage[0].action[0] = { name: 'Source', provider: 'GitHub' })],
      [
        'an OAuth token in the configuration',
        (p) => (p.stage[0].action[0].configuration.OAuthToken = 'token-from-somewhere'),
      ],
    ];
    for (const [, change] of changes) {
      expect(CodepipelineConnectionSource.check(pipelineWith(change)).map((f) => f.message)).toEqual([
        'action Source authenticates with a GitHub token; use CodeStarSourceConnection',
      ]);
    }
  });
});
