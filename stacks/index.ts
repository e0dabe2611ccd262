/**
 * Builds every stack of a validated configuration: the global stacks once, then each environment's layers. A
 * disabled layer produces no stack. This is what main.ts runs and what the app-level tests synthesize.
 */
import { App, TerraformStack } from 'cdktf';
import { existsSync, rmSync } from 'fs';
import { environmentsOf } from '../config/load';
import type { PlatformConfig } from '../config/schema';
import { mergeAlarmThresholds } from '../core/alarm-thresholds';
import { functionMonitoring } from '../modules/monitoring/function-monitoring';
import type { NodeFunction } from '../modules/node-function';
import { assertCompliant } from '../modules/policy';
import { AlertingStack } from './alerting-stack';
import { AppStack } from './app-stack';
import { BootstrapStack } from './bootstrap-stack';
import { DataStack } from './data-stack';
import { JobsStack } from './jobs-stack';
import type { MonitoringHandles } from './layer-handles';
import { MonitoringStack } from './monitoring-stack';
import { NetworkStack } from './network-stack';
import { ObservabilityStack, observedFunctions, type ObservedFunction } from './observability-stack';
import { OncallStack } from './oncall-stack';
import { needsRegistry, RegistryStack } from './registry-stack';

export interface EnvironmentStacks {
  /** NetworkHandles: VPC, subnets, security groups. */
  readonly network?: NetworkStack;
  /** DataHandles: data buckets, streams, Glue, Redshift. */
  readonly data?: DataStack;
  /** The environment's alert topics (AlertingHandles): layers route their alarms through it with routeBySeverity. */
  readonly alerting?: AlertingStack;
  /** RegistryHandles: ECR repositories and artifacts bucket, deployed before the functions that use them. */
  readonly registry?: RegistryStack;
  /** AppHandles: the API, its functions, tables, parameters and secrets. */
  readonly app?: AppStack;
  /** Scheduled functions and their tables; uses the app layer's. */
  readonly jobs?: JobsStack;
  /** Log metric filters, Insights queries, X-Ray and the error processor over the functions of the stacks above. */
  readonly observability?: ObservabilityStack;
  /** Created last: its composite alarm names the alarms of the other stacks. */
  readonly monitoring?: MonitoringStack;
}

export interface PlatformStacks {
  readonly bootstrap?: BootstrapStack;
  readonly oncall?: OncallStack;
  readonly environments: Readonly<Record<string, EnvironmentStacks>>;
}

export function buildPlatform(app: App, config: PlatformConfig): PlatformStacks {
  const environments = environmentsOf(config);
  const bootstrap = config.bootstrap.enabled
    ? new BootstrapStack(app, { config, environments: environments.map((e) => e.name) })
    : undefined;
  const oncall = config.oncall.enabled ? new OncallStack(app, { config }) : undefined;
  const perEnvironment: Record<string, EnvironmentStacks> = {};
  for (const environment of environments) {
    const network = environment.network.enabled ? new NetworkStack(app, { config, environment }) : undefined;
    // The schema refuses the data layer without the network layer.
    const data = environment.data.enabled && network ? new DataStack(app, { config, environment, network }) : undefined;
    const alerting = environment.alerting.enabled
      ? new AlertingStack(app, { config, environment, escalationPolicy: oncall?.escalationPolicy })
      : undefined;
    const registry = needsRegistry(environment) ? new RegistryStack(app, { config, environment }) : undefined;
    const compute = { config, environment, network, data, registry };
    const appStack = environment.app.enabled ? new AppStack(app, { ...compute, alerting }) : undefined;
    const jobs = environment.jobs.enabled ? new JobsStack(app, { ...compute, app: appStack }) : undefined;
    // Every function of the environment goes here, by family, so that observability filters and subscribes its logs.
    const functions: ObservedFunction[] = [
      ...observedFunctions('app', appStack?.functions ?? {}),
      ...observedFunctions('jobs', jobs?.functions ?? {}),
      ...observedFunctions('alerting', alerting ? [alerting.processor.fn] : []),
    ];
    const observability =
      environment.observability.enabled && alerting && functions.length > 0
        ? new ObservabilityStack(app, { config, environment, alerting, functions })
        : undefined;
    // Every stack of the environment goes here, so that the monitoring stack below composes its alarms.
    const stacks: EnvironmentStacks = {
      network,
      data,
      alerting,
      registry,
      app: appStack,
      jobs,
      observability,
    };
    const all = Object.values(stacks).filter((s): s is TerraformStack => s instanceof TerraformStack);
    const monitoring =
      environment.monitoring.enabled && alerting
        ? new MonitoringStack(app, {
            config,
            environment,
            alerting,
            watched: [
              ...all.filter(isMonitoringHandles),
              ...legacyFunctionHandles([
                ['api', appStack?.functions ?? {}],
                ['jobs', jobs?.functions ?? {}],
                ['alerting', alerting ? [alerting.processor.fn] : []],
              ]),
            ],
            routed: all,
          })
        : undefined;
    perEnvironment[environment.name] = { ...stacks, monitoring };
  }
  return { bootstrap, oncall, environments: perEnvironment };
}

function isMonitoringHandles(stack: TerraformStack): stack is TerraformStack & MonitoringHandles {
  const s = stack as Partial<MonitoringHandles>;
  return Array.isArray(s.createdAlarms) && Array.isArray(s.watchedResources);
}

/**
 * Transitional: the functions of stacks that do not implement MonitoringHandles yet (their alarms are still routed
 * with routeBySeverity), as watched resources, so that the dashboards show them. Remove once those stacks expose
 * their own handles; a stack that does is watched through them and must not be listed here.
 */
function legacyFunctionHandles(
  layers: readonly (readonly [
    area: string,
    functions: Readonly<Record<string, NodeFunction>> | readonly NodeFunction[],
  ])[],
): MonitoringHandles[] {
  const thresholds = mergeAlarmThresholds().function;
  return [
    {
      createdAlarms: [],
      watchedResources: layers.flatMap(([area, functions]) =>
        Object.values(functions).map(
          (fn) =>
            functionMonitoring({
              name: fn.node.id,
              functionName: fn.functionName,
              aliasName: fn.alias?.nameInput,
              timeoutSeconds: fn.function.timeoutInput ?? 10,
              area,
              thresholds,
            }).resource,
        ),
      ),
    },
  ];
}

/**
 * What `cdktf synth` runs (through main.ts): builds every stack, runs the policy check over all of them, then
 * writes them. Any failure leaves no output behind.
 */
export function synthesizePlatform(config: PlatformConfig, outdir: string): void {
  limitStackTraceFormatting();
  const outdirExisted = existsSync(outdir);
  // App creates the output folder up front.
  const app = new App({ outdir });
  try {
    buildPlatform(app, config);
    assertCompliant(app);
    app.synth();
  } catch (error) {
    if (!outdirExisted) rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * cdktf records the creation stack of every token with an unlimited frame count, and formatting those frames took
 * about a third of a whole-platform synth. Formatted stacks keep Node's default depth of 10 frames, which is all
 * that an error message of this process ever shows.
 */
function limitStackTraceFormatting(): void {
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) =>
    [String(error), ...frames.slice(0, 10).map((frame) => `    at ${frame}`)].join('\n');
}
