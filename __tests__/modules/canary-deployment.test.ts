import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CanaryDeployment, CanaryDeploymentProps } from '../../modules/canary-deployment';
import { Naming } from '../../modules/naming';
import { NodeFunction } from '../../modules/node-function';
import { BASELINE_RULES } from '../../modules/policy';
import { CodedeployRollbackOnAlarm } from '../../modules/policy/rules/codedeploy/CodedeployRollbackOnAlarm';
import { onlyResource, resourcesOf, synthJson, testStack, violatedRules } from '../support/stacks';

const naming = new Naming('svc', 'prod');

function build(props: Partial<CanaryDeploymentProps> = {}, externallyShifted = true) {
  const stack = testStack();
  const fn = new NodeFunction(stack, 'fn', {
    naming,
    name: 'api',
    code: { kind: 's3', bucket: 'b', key: 'k.zip' },
    logRetentionDays: 7,
    alias: { externallyShifted },
  });
  const alarm = (id: string) =>
    new CloudwatchMetricAlarm(stack, id, {
      alarmName: `svc-prod-api-${id}`,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      alarmActions: ['arn:aws:sns:us-east-1:111111111111:t'],
    });
  const alarms = [alarm('errors'), alarm('latency')];
  const deployment = new CanaryDeployment(stack, 'deployment', {
    naming,
    strategy: 'canary',
    region: 'us-east-1',
    ...props,
  });
  return { stack, fn, alarms, deployment };
}

describe('CanaryDeployment', () => {
  test("seed 004's canary: 10 % for 10 minutes, then the rest", () => {
    const { stack } = build();
    expect(onlyResource(stack, 'aws_codedeploy_deployment_config')).toMatchObject({
      deployment_config_name: 'svc-prod-canary-10pct-10min',
      compute_platform: 'Lambda',
      traffic_routing_config: { type: 'TimeBasedCanary', time_based_canary: { percentage: 10, interval: 10 } },
      lifecycle: { create_before_destroy: true },
    });
    expect(onlyResource(stack, 'aws_codedeploy_app')).toMatchObject({
      name: 'svc-prod-functions',
      compute_platform: 'Lambda',
    });
  });

  test('linear: percentage more every interval, and the shift waits long enough for all steps', () => {
    const { stack, deployment } = build({ strategy: 'linear', percentage: 25, intervalMinutes: 5 });
    expect(onlyResource(stack, 'aws_codedeploy_deployment_config')).toMatchObject({
      deployment_config_name: 'svc-prod-linear-25pct-5min',
      traffic_routing_config: { type: 'TimeBasedLinear', time_based_linear: { percentage: 25, interval: 5 } },
    });
    expect(deployment.timeoutSeconds).toBe((4 * 5 + 15) * 60);
  });

  test('a deployment group per function that rolls back on failure and on its alarms', () => {
    const { stack, fn, alarms, deployment } = build();
    deployment.addFunction('api', fn, alarms);
    expect(onlyResource(stack, 'aws_codedeploy_deployment_group')).toMatchObject({
      deployment_group_name: 'svc-prod-api',
      deployment_style: { deployment_option: 'WITH_TRAFFIC_CONTROL', deployment_type: 'BLUE_GREEN' },
      auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
      alarm_configuration: {
        enabled: true,
        alarms: alarms.map((a) => `\${aws_cloudwatch_metric_alarm.${a.friendlyUniqueId}.alarm_name}`),
      },
    });
    expect(violatedRules(stack, [CodedeployRollbackOnAlarm])).toEqual([]);
  });

  test('its role may move only the registered aliases and read only their alarms', () => {
    const { stack, fn, alarms, deployment } = build();
    deployment.addFunction('api', fn, alarms);
    const role = resourcesOf(stack, 'aws_iam_role');
    const codedeploy = Object.values(role).find((r) => r.name === 'svc-prod-codedeploy');
    expect(JSON.parse(codedeploy.assume_role_policy).Statement[0].Principal).toEqual({
      Service: 'codedeploy.amazonaws.com',
    });
    const policy = Object.values(resourcesOf(stack, 'aws_iam_role_policy')).find((p) => p.name === 'shift-own-aliases');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: 'ShiftApi',
        Effect: 'Allow',
        Action: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
        Resource: `\${aws_lambda_alias.${fn.alias?.friendlyUniqueId}.arn}`,
      },
      {
        Sid: 'WatchApi',
        Effect: 'Allow',
        Action: 'cloudwatch:DescribeAlarms',
        Resource: alarms.map((a) => `\${aws_cloudwatch_metric_alarm.${a.friendlyUniqueId}.arn}`),
      },
    ]);
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });

  test('a new version runs the shift script, with what it needs, after the group and alias exist', () => {
    const { stack, fn, alarms, deployment } = build();
    deployment.addFunction('api', fn, alarms);
    const shift = Object.values(synthJson(stack).resource.terraform_data)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const version = `\${aws_lambda_function.${fn.function.friendlyUniqueId}.version}`;
    expect(shift.triggers_replace).toEqual({ version });
    const exec = shift.provisioner[0]['local-exec'];
    expect(exec.command).toMatch(/^bash "assets\/.+\/shift-lambda-traffic\.sh"$/);
    expect(exec.environment).toMatchObject({
      FUNCTION_NAME: `\${aws_lambda_function.${fn.function.friendlyUniqueId}.function_name}`,
      TARGET_VERSION: version,
      AWS_REGION: 'us-east-1',
      TIMEOUT_SECONDS: String(25 * 60),
    });
    expect(shift.depends_on).toEqual(expect.arrayContaining([`aws_lambda_alias.${fn.alias?.friendlyUniqueId}`]));
  });

  describe('fails when', () => {
    test('the function has no alias, or there are no alarms to roll back on, or it is added twice', () => {
      const stack = testStack();
      const bare = new NodeFunction(stack, 'bare', {
        naming,
        name: 'bare',
        code: { kind: 's3', bucket: 'b', key: 'k.zip' },
        logRetentionDays: 7,
      });
      const deployment = new CanaryDeployment(stack, 'deployment', { naming, strategy: 'canary', region: 'us-east-1' });
      expect(() => deployment.addFunction('bare', bare, [])).toThrow(
        'function svc-prod-bare has no alias for CodeDeploy to shift',
      );
      const built = build();
      expect(() => built.deployment.addFunction('api', built.fn, [])).toThrow(
        'function svc-prod-api: CodeDeploy needs alarms to roll back on',
      );
      built.deployment.addFunction('api', built.fn, built.alarms);
      expect(() => built.deployment.addFunction('api', built.fn, built.alarms)).toThrow(
        'function api is already under CodeDeploy',
      );
    });

    test('percentage or interval are out of range', () => {
      expect(() => build({ percentage: 100 })).toThrow('percentage must be a whole number between 1 and 99, got 100');
      expect(() => build({ intervalMinutes: 0 })).toThrow(
        'intervalMinutes must be a whole number between 1 and 2880, got 0',
      );
    });
  });
});
