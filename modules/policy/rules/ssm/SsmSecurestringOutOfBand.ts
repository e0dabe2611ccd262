import { PolicyRule, SynthResource } from '../../engine';

function ignoresValue(resource: SynthResource): boolean {
  const ignored: unknown = resource.config.lifecycle?.ignore_changes;
  return ignored === 'all' || (Array.isArray(ignored) && ignored.includes('value'));
}

export const SsmSecurestringOutOfBand: PolicyRule = {
  id: 'ssm-securestring-out-of-band',
  service: 'ssm',
  level: 'error',
  description: 'SecureString parameters get their value out of band: Terraform creates them and ignores the value.',
  explanation: 'A SecureString value written by Terraform sits in plain text in the state file and the plan.',
  references: {},
  check: (stack) =>
    stack
      .resources('aws_ssm_parameter')
      .filter((p) => p.config.type === 'SecureString' && !ignoresValue(p))
      .map((p) => ({
        resource: p,
        message: 'SecureString parameter does not ignore changes to value (its value belongs out of band)',
      })),
};
