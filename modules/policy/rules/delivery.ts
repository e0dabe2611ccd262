/** Delivery baseline: CodeBuild, CodePipeline, and the GitHub repository, environments and OIDC trust. */
import type { PolicyRule } from '../engine';
import { codebuildEncryption } from './codebuild/encryption';
import { codebuildLogGroup } from './codebuild/logs';
import { codebuildNoPlaintextCredentials } from './codebuild/plaintext-credentials';
import { codebuildPrivilegedMode } from './codebuild/privileged-mode';
import { codepipelineArtifactEncryption } from './codepipeline/artifact-encryption';
import { codepipelineConnectionSource } from './codepipeline/connection-source';
import { githubEnvironmentProtection } from './github/environment-protection';
import { githubNoPlaintextSecrets } from './github/no-plaintext-secrets';
import { githubOidcProvider } from './github/oidc-provider';
import { githubRulesetProtection } from './github/ruleset-protection';

export const DELIVERY_RULES: readonly PolicyRule[] = [
  codebuildEncryption,
  codebuildPrivilegedMode,
  codebuildNoPlaintextCredentials,
  codebuildLogGroup,
  codepipelineArtifactEncryption,
  codepipelineConnectionSource,
  githubRulesetProtection,
  githubEnvironmentProtection,
  githubNoPlaintextSecrets,
  githubOidcProvider,
];
