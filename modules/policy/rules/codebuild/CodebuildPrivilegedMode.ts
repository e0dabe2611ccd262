/**
 * Privileged mode gives the build root on its host's Docker daemon. Only builds that produce container images need
 * it, and those say so with a suppression (BuildProject adds it when the caller declares that the build builds images).
 */
import { blocks, type PolicyRule } from '../../engine';

export const CodebuildPrivilegedMode: PolicyRule = {
  id: 'codebuild-privileged-mode',
  service: 'codebuild',
  level: 'error',
  description:
    'No CodeBuild project runs in privileged mode unless it builds container images (suppressed with that reason).',
  explanation:
    "Privileged mode gives the build root access to the host's Docker daemon, so a compromised dependency can escape the build container.",
  references: { fsbp: 'CodeBuild.5', cdkNag: 'AwsSolutions-CB3' },
  check: (stack) =>
    stack
      .resources('aws_codebuild_project')
      .filter((p) => blocks(p.config.environment).some((e) => e.privileged_mode === true))
      .map((p) => ({ resource: p, message: 'project runs in privileged mode' })),
};
