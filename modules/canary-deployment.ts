/**
 * Gradual traffic shifting of function versions with CodeDeploy: one CodeDeploy application and deployment
 * configuration (canary or linear) per stack, one deployment group per function with automatic rollback on
 * deployment failure and on its alarms, and a service role that may move only those aliases and read only those
 * alarms.
 *
 * Terraform itself never starts CodeDeploy deployments. So each function also gets a `terraform_data` resource that
 * is replaced whenever the function publishes a version; its local-exec runs scripts/shift-lambda-traffic.sh, which
 * creates the deployment from the alias's current version to the new one and waits for the outcome. The function's
 * alias must be created with `externallyShifted`, so that Terraform leaves its version to CodeDeploy.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CodedeployApp } from '@cdktf/provider-aws/lib/codedeploy-app';
import { CodedeployDeploymentConfig } from '@cdktf/provider-aws/lib/codedeploy-deployment-config';
import { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AssetType, DataResource, Lazy, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { join } from 'path';
import { PROJECT_ROOT } from './build-output';
import { policyDocument, PolicyStatement, serviceTrustPolicy } from './iam-policy';
import { Naming } from './naming';
import type { NodeFunction } from './node-function';

export const SHIFT_SCRIPT = join(PROJECT_ROOT, 'scripts', 'shift-lambda-traffic.sh');

/** Minutes the shift script waits beyond the configured shifting time (deployment start, alarm evaluation). */
const WAIT_MARGIN_MINUTES = 15;

export interface CanaryDeploymentProps {
  readonly naming: Naming;
  /** `canary`: `percentage` for `intervalMinutes`, then all; `linear`: `percentage` more every `intervalMinutes`. */
  readonly strategy: 'canary' | 'linear';
  /** @default 10 */
  readonly percentage?: number;
  /** @default 10 */
  readonly intervalMinutes?: number;
  /** Region of the functions, for the shift script. */
  readonly region: string;
}

export class CanaryDeployment extends Construct {
  readonly application: CodedeployApp;
  readonly deploymentConfig: CodedeployDeploymentConfig;
  readonly role: IamRole;
  readonly groups: Record<string, CodedeployDeploymentGroup> = {};
  /** How long the shift script waits for a deployment. */
  readonly timeoutSeconds: number;
  private readonly statements: PolicyStatement[] = [];
  private readonly script: TerraformAsset;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: CanaryDeploymentProps) {
    super(scope, id);
    const percentage = props.percentage ?? 10;
    const interval = props.intervalMinutes ?? 10;
    if (!Number.isInteger(percentage) || percentage < 1 || percentage > 99) {
      throw new Error(`percentage must be a whole number between 1 and 99, got ${percentage}`);
    }
    if (!Number.isInteger(interval) || interval < 1 || interval > 2880) {
      throw new Error(`intervalMinutes must be a whole number between 1 and 2880, got ${interval}`);
    }
    this.region = props.region;
    const steps = props.strategy === 'canary' ? 1 : Math.ceil(100 / percentage);
    this.timeoutSeconds = (steps * interval + WAIT_MARGIN_MINUTES) * 60;

    this.application = new CodedeployApp(this, 'application', {
      name: props.naming.name('functions'),
      computePlatform: 'Lambda',
    });
    this.deploymentConfig = new CodedeployDeploymentConfig(this, 'config', {
      // The shape is in the name: a changed shape is a new configuration, created before the old one is dropped
      // (CodeDeploy refuses to delete a configuration a group still uses).
      deploymentConfigName: props.naming.name(`${props.strategy}-${percentage}pct-${interval}min`),
      computePlatform: 'Lambda',
      trafficRoutingConfig:
        props.strategy === 'canary'
          ? { type: 'TimeBasedCanary', timeBasedCanary: { percentage, interval } }
          : { type: 'TimeBasedLinear', timeBasedLinear: { percentage, interval } },
      lifecycle: { createBeforeDestroy: true },
    });
    this.role = new IamRole(this, 'role', {
      name: props.naming.name('codedeploy', 'iamRole'),
      assumeRolePolicy: serviceTrustPolicy('codedeploy.amazonaws.com'),
    });
    new IamRolePolicy(this, 'policy', {
      name: 'shift-own-aliases',
      role: this.role.id,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });
    this.script = new TerraformAsset(this, 'shift-script', { path: SHIFT_SCRIPT, type: AssetType.FILE });
  }

  /** Puts a function's alias under CodeDeploy, rolled back when any of `alarms` fires. */
  addFunction(name: string, fn: NodeFunction, alarms: readonly CloudwatchMetricAlarm[]): CodedeployDeploymentGroup {
    const alias = fn.alias;
    if (alias === undefined) throw new Error(`function ${fn.functionName} has no alias for CodeDeploy to shift`);
    if (alarms.length === 0) throw new Error(`function ${fn.functionName}: CodeDeploy needs alarms to roll back on`);
    if (this.groups[name]) throw new Error(`function ${name} is already under CodeDeploy`);
    this.statements.push(
      {
        sid: `Shift${pascal(name)}`,
        actions: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
        resources: [alias.arn],
      },
      { sid: `Watch${pascal(name)}`, actions: ['cloudwatch:DescribeAlarms'], resources: alarms.map((a) => a.arn) },
    );
    const group = new CodedeployDeploymentGroup(this, `group-${name}`, {
      appName: this.application.name,
      deploymentGroupName: fn.functionName,
      serviceRoleArn: this.role.arn,
      deploymentConfigName: this.deploymentConfig.deploymentConfigName,
      deploymentStyle: { deploymentOption: 'WITH_TRAFFIC_CONTROL', deploymentType: 'BLUE_GREEN' },
      autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
      alarmConfiguration: { enabled: true, alarms: alarms.map((a) => a.alarmName) },
    });
    this.groups[name] = group;
    new DataResource(this, `shift-${name}`, {
      // Replaced, and so run again, whenever the function publishes a version.
      triggersReplace: { version: fn.function.version },
      provisioners: [
        {
          type: 'local-exec',
          command: `bash "${this.script.path}"`,
          environment: {
            FUNCTION_NAME: fn.function.functionName,
            ALIAS: alias.name,
            TARGET_VERSION: fn.function.version,
            APPLICATION: this.application.name,
            DEPLOYMENT_GROUP: group.deploymentGroupName,
            AWS_REGION: this.region,
            TIMEOUT_SECONDS: String(this.timeoutSeconds),
          },
        },
      ],
      dependsOn: [group, alias],
    });
    return group;
  }
}

function pascal(name: string): string {
  return name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
