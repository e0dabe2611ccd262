/**
 * Credentials reach a build by reference (Secrets Manager or SSM Parameter Store), never as a plaintext environment
 * variable, which anyone who may read the project (and its build logs) sees.
 */
import { blocks, type PolicyRule } from '../../engine';
import { looksLikeCredential, looksLikeSecretName } from '../../support/secret-patterns';

export const CodebuildNoPlaintextCredentials: PolicyRule = {
  id: 'codebuild-no-plaintext-credentials',
  service: 'codebuild',
  level: 'error',
  description:
    'No CodeBuild environment variable of type PLAINTEXT has a credential-like name (token, secret, password, key) or value.',
  explanation:
    'A PLAINTEXT variable is visible to anyone who can read the project or its build logs, and is stored in the Terraform state and plan.',
  references: { fsbp: 'CodeBuild.2' },
  check: (stack) =>
    stack.resources('aws_codebuild_project').flatMap((p) =>
      blocks(p.config.environment)
        .flatMap((e) => blocks(e.environment_variable))
        .filter((v) => (v.type ?? 'PLAINTEXT') === 'PLAINTEXT')
        .filter((v) => looksLikeSecretName(String(v.name ?? '')) || looksLikeCredential(String(v.value ?? '')))
        .map((v) => ({
          resource: p,
          message: `environment variable ${v.name} is PLAINTEXT; pass it as SECRETS_MANAGER or PARAMETER_STORE`,
        })),
    ),
};
