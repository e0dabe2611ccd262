import { BASELINE_RULES, checkStack, PolicyRule, StackView } from '../../../modules/policy';
import { codebuildEncryption } from '../../../modules/policy/rules/codebuild/encryption';
import { codebuildLogGroup } from '../../../modules/policy/rules/codebuild/logs';
import { codebuildNoPlaintextCredentials } from '../../../modules/policy/rules/codebuild/plaintext-credentials';
import { codebuildPrivilegedMode } from '../../../modules/policy/rules/codebuild/privileged-mode';
import { DELIVERY_RULES } from '../../../modules/policy/rules/delivery';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A project as the platform's BuildProject writes it, with one change. */
function stackWith(change: (project: Json) => void = () => undefined): StackView {
  const project: Json = {
    name: 'svc-synth',
    encryption_key: '${aws_kms_key.key.arn}',
    environment: {
      type: 'LINUX_CONTAINER',
      privileged_mode: false,
      environment_variable: [
        { name: 'PLATFORM_PRESET', value: 'platform', type: 'PLAINTEXT' },
        { name: 'PAGERDUTY_TOKEN', value: 'svc-pagerduty-token', type: 'SECRETS_MANAGER' },
      ],
    },
    logs_config: { cloudwatch_logs: { status: 'ENABLED', group_name: '${aws_cloudwatch_log_group.logs.name}' } },
  };
  change(project);
  return new StackView('svc-pipeline', {
    resource: {
      aws_codebuild_project: { synth: project },
      aws_cloudwatch_log_group: { logs: { name: '/aws/codebuild/svc-synth', retention_in_days: 30 } },
    },
  });
}

const messages = (rule: PolicyRule, view: StackView) => rule.check(view).map((f) => f.message);

describe('CodeBuild rules', () => {
  test('every rule is in the baseline, and a project like BuildProject writes passes them all', () => {
    for (const rule of DELIVERY_RULES) expect(BASELINE_RULES).toContain(rule);
    expect(checkStack(stackWith(), DELIVERY_RULES)).toEqual([]);
  });

  test.each([
    ['no key', (p: Record<string, unknown>) => delete p.encryption_key],
    ['the AWS-managed S3 key', (p: Record<string, unknown>) => (p.encryption_key = 'alias/aws/s3')],
  ])('encryption fails with %s', (_, change) => {
    expect(messages(codebuildEncryption, stackWith(change))).toEqual([
      'project has no customer-managed encryption_key',
    ]);
  });

  test('privileged mode fails unless suppressed with a reason', () => {
    const privileged = stackWith((p) => (p.environment.privileged_mode = true));
    expect(messages(codebuildPrivilegedMode, privileged)).toEqual(['project runs in privileged mode']);
    const suppressed = stackWith((p) => {
      p.environment.privileged_mode = true;
      p['//'] = { suppressions: { 'codebuild-privileged-mode': 'builds container images' } };
    });
    expect(checkStack(suppressed, [codebuildPrivilegedMode])).toEqual([]);
  });

  test.each([
    ['a token by name', { name: 'GITHUB_TOKEN', value: 'x' }],
    ['a password by name, type omitted', { name: 'DB_PASSWORD', value: 'x', type: undefined }],
    ['an AWS access key by value', { name: 'KEY_ID', value: 'AKIAABCDEFGHIJKLMNOP', type: 'PLAINTEXT' }],
    [
      'a Slack webhook by value',
      { name: 'HOOK', value: 'https://hooks.slack.com/services/T0/B0/x', type: 'PLAINTEXT' },
    ],
  ])('plaintext credentials fail: %s', (_, variable) => {
    const view = stackWith((p) => p.environment.environment_variable.push({ type: 'PLAINTEXT', ...variable }));
    expect(messages(codebuildNoPlaintextCredentials, view)).toEqual([
      `environment variable ${variable.name} is PLAINTEXT; pass it as SECRETS_MANAGER or PARAMETER_STORE`,
    ]);
  });

  test('a credential passed by reference to Secrets Manager or Parameter Store passes', () => {
    const view = stackWith((p) =>
      p.environment.environment_variable.push({ name: 'API_KEY', value: '/svc/key', type: 'PARAMETER_STORE' }),
    );
    expect(messages(codebuildNoPlaintextCredentials, view)).toEqual([]);
  });

  test('logging fails without CloudWatch logs, and with a group the stack does not create', () => {
    expect(
      messages(
        codebuildLogGroup,
        stackWith((p) => delete p.logs_config),
      ),
    ).toEqual(['project has no logs_config.cloudwatch_logs.group_name']);
    expect(
      messages(
        codebuildLogGroup,
        stackWith((p) => (p.logs_config.cloudwatch_logs.group_name = '/aws/codebuild/elsewhere')),
      ),
    ).toEqual(['log group /aws/codebuild/elsewhere is not created in this stack']);
  });
});
