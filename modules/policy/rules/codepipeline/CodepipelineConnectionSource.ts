/**
 * GitHub sources go through a CodeStar connection (a GitHub App the organization installs), not the version 1
 * GitHub action, whose configuration holds a personal access token (the seed's GitHubToken parameter).
 */
import { blocks, type PolicyRule } from '../../engine';

export const CodepipelineConnectionSource: PolicyRule = {
  id: 'codepipeline-connection-source',
  service: 'codepipeline',
  level: 'error',
  description: 'No pipeline action uses the GitHub (version 1) provider or an OAuthToken in its configuration.',
  explanation:
    'The version 1 GitHub action authenticates with a long-lived personal access token stored in the pipeline configuration; a connection is a GitHub App with scoped, rotating credentials.',
  references: {},
  check: (stack) =>
    stack.resources('aws_codepipeline').flatMap((p) =>
      blocks(p.config.stage)
        .flatMap((s) => blocks(s.action))
        .filter((a) => a.provider === 'GitHub' || (a.configuration ?? {}).OAuthToken !== undefined)
        .map((a) => ({
          resource: p,
          message: `action ${a.name} authenticates with a GitHub token; use CodeStarSourceConnection`,
        })),
    ),
};
