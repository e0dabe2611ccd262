/**
 * No secret value in the synthesized JSON: Actions secrets are set by an administrator, not by Terraform, and Actions
 * variables (which anyone with read access sees) carry nothing that looks like a credential.
 */
import type { Finding, PolicyRule } from '../../engine';
import { looksLikeCredential, looksLikeSecretName } from '../../support/secret-patterns';

const SECRET_TYPES = [
  'github_actions_secret',
  'github_actions_environment_secret',
  'github_actions_organization_secret',
];
const VARIABLE_TYPES = ['github_actions_variable', 'github_actions_environment_variable'];

export const GithubNoPlaintextSecrets: PolicyRule = {
  id: 'github-no-plaintext-secrets',
  service: 'github',
  level: 'error',
  description:
    'No Actions secret carries a value in configuration, and no Actions variable has a credential-like name or value.',
  explanation:
    'A secret value in configuration lands in the Terraform state, plan and repository history; a variable is readable by anyone with read access to the repository.',
  references: {},
  check: (stack) => [
    ...SECRET_TYPES.flatMap((type) =>
      stack
        .resources(type)
        .filter((s) => s.config.plaintext_value !== undefined || s.config.encrypted_value !== undefined)
        .map(
          (s): Finding => ({ resource: s, message: `secret ${s.config.secret_name} has its value in configuration` }),
        ),
    ),
    ...VARIABLE_TYPES.flatMap((type) =>
      stack
        .resources(type)
        .filter(
          (v) =>
            looksLikeSecretName(String(v.config.variable_name ?? '')) ||
            looksLikeCredential(String(v.config.value ?? '')),
        )
        .map((v): Finding => ({ resource: v, message: `variable ${v.config.variable_name} looks like a credential` })),
    ),
  ],
};
