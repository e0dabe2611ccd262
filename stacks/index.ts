/**
 * Builds every stack of a validated configuration: the global stacks once, then each environment's layers. A
 * disabled layer produces no stack. This is what main.ts runs and what the app-level tests synthesize.
 */
import { App } from 'cdktf';
import { existsSync, rmSync } from 'fs';
import { environmentsOf } from '../config/load';
import { pipelineEnvironments } from '../config/layers/pipeline';
import type { PlatformConfig } from '../config/schema';
import { limitStackTraceFormatting } from '../modules/cdktf-internals';
import { assertCompliant, PolicyReport } from '../modules/policy';
import { AlertingStack } from './alerting-stack';
import { AppStack } from './app-stack';
import { BootstrapStack } from './bootstrap-stack';
import { CodegenStack } from './codegen-stack';
import { CdnStack } from './cdn-stack';
import { DataStack } from './data-stack';
import { GithubStack } from './github-stack';
import { JobsStack } from './jobs-stack';
import type { MonitoringHandles } from './layer-handles';
import { MonitoringStack } from './monitoring-stack';
import { NetworkStack } from './network-stack';
import { ObservabilityStack, observedFunctions, type ObservedFunction } from './observability-stack';
import { OncallStack } from './oncall-stack';
import { PipelineStack } from './pipeline-stack';
import { needsRegistry, RegistryStack } from './registry-stack';

export interface EnvironmentStacks {
  /** NetworkHandles: VPC, subnets, security groups. */
  readonly network?: NetworkStack;
  /** DataHandles: data buckets, streams, Glue, Redshift. */
  readonly data?: DataStack;
  /** The environment's alert topics (AlertingHandles): every layer's AlarmFactory routes its alarms to them. */
  readonly alerting?: AlertingStack;
  /** RegistryHandles: ECR repositories and artifacts bucket, deployed before the functions that use them. */
  readonly registry?: RegistryStack;
  /** AppHandles: the API, its functions, tables, parameters and secrets. */
  readonly app?: AppStack;
  /** Scheduled functions and their tables; uses the app layer's. */
  readonly jobs?: JobsStack;
  /** Code-generation queue, worker, tables, buckets and cache (MonitoringHandles). */
  readonly codegen?: CodegenStack;
  /** CdnHandles: distributions, origin buckets and the package API; depends only on alerting. */
  readonly cdn?: CdnStack;
  /** Log metric filters, Insights queries, X-Ray and the error processor over the functions of the stacks above. */
  readonly observability?: ObservabilityStack;
  /** Created last: its system-health composite names the health composite of every other stack. */
  readonly monitoring?: MonitoringStack;
}

export interface PlatformStacks {
  readonly bootstrap?: BootstrapStack;
  readonly oncall?: OncallStack;
  /** Repository settings, ruleset, environments and Actions variables; needs the bootstrap stack. */
  readonly github?: GithubStack;
  /** CodePipeline delivery; reads the bootstrap deploy roles and the alerting topics of the environments it deploys. */
  readonly pipeline?: PipelineStack;
  readonly environments: Readonly<Record<string, EnvironmentStacks>>;
}

export function buildPlatform(app: App, config: PlatformConfig): PlatformStacks {
  const environments = environmentsOf(config);
  const regionOf = (e: (typeof environments)[number]) => e.region ?? config.region;
  // The API Gateway CloudWatch setting is one per account and region: the bootstrap stack owns it, or else the
  // first environment's app stack in each region with a REST API.
  const withRestApi = environments.filter((e) => e.app.enabled && e.app.api !== undefined && e.app.api.type !== 'http');
  const firstRestApiOfRegion = new Map<string, string>();
  for (const e of withRestApi)
    if (!firstRestApiOfRegion.has(regionOf(e))) firstRestApiOfRegion.set(regionOf(e), e.name);
  const bootstrap = config.bootstrap.enabled
    ? new BootstrapStack(app, {
        config,
        environments: environments.map((e) => e.name),
        apiGatewayLoggingRegions: [...firstRestApiOfRegion.keys()],
        glueEncryptionRegions: environments.filter((e) => e.data.enabled).map(regionOf),
      })
    : undefined;
  const accountOwners = new Set(bootstrap ? [] : firstRestApiOfRegion.values());
  const oncall = config.oncall.enabled ? new OncallStack(app, { config }) : undefined;
  const perEnvironment: Record<string, EnvironmentStacks> = {};
  for (const environment of environments) {
    // First: every other layer routes its alarms to the alerting topics.
    const alerting = environment.alerting.enabled
      ? new AlertingStack(app, { config, environment, escalationPolicy: oncall?.escalationPolicy })
      : undefined;
    const network = environment.network.enabled ? new NetworkStack(app, { config, environment, alerting }) : undefined;
    // The schema refuses the data layer without the network layer.
    const data =
      environment.data.enabled && network ? new DataStack(app, { config, environment, network, alerting }) : undefined;
    const registry = needsRegistry(environment) ? new RegistryStack(app, { config, environment }) : undefined;
    const compute = { config, environment, network, data, registry };
    const appStack = environment.app.enabled
      ? new AppStack(app, { ...compute, alerting, ownsApiGatewayAccount: accountOwners.has(environment.name) })
      : undefined;
    // REST stages log through the account setting the bootstrap stack owns: it must be applied first.
    if (appStack && bootstrap && withRestApi.includes(environment)) appStack.addDependency(bootstrap);
    const jobs = environment.jobs.enabled ? new JobsStack(app, { ...compute, app: appStack, alerting }) : undefined;
    const codegen = environment.codegen.enabled
      ? new CodegenStack(app, { config, environment, network, alerting })
      : undefined;
    const cdn = environment.cdn.enabled ? new CdnStack(app, { config, environment, alerting }) : undefined;
    // Every function of the environment goes here, by family, so that observability filters and subscribes its logs.
    const functions: ObservedFunction[] = [
      ...observedFunctions('app', appStack?.functions ?? {}),
      ...observedFunctions('jobs', jobs?.functions ?? {}),
      ...observedFunctions('alerting', alerting ? [alerting.processor.fn] : []),
      ...observedFunctions('codegen', codegen ? [codegen.worker] : []),
      ...observedFunctions('cdn', cdn?.packageApi ? [cdn.packageApi.function] : []),
    ];
    const observability =
      environment.observability.enabled && alerting && functions.length > 0
        ? new ObservabilityStack(app, { config, environment, alerting, functions })
        : undefined;
    const stacks: EnvironmentStacks = {
      network,
      data,
      alerting,
      registry,
      app: appStack,
      jobs,
      codegen,
      cdn,
      observability,
    };
    // Every stack that owns alarms goes here, so that the system-health composite names its health composite.
    const watched: MonitoringHandles[] = [alerting, network, data, appStack, jobs, codegen, cdn, observability].filter(
      (s): s is NonNullable<typeof s> => s !== undefined,
    );
    const monitoring =
      environment.monitoring.enabled && alerting
        ? new MonitoringStack(app, { config, environment, alerting, watched })
        : undefined;
    perEnvironment[environment.name] = { ...stacks, monitoring };
  }
  const github =
    config.github.enabled && bootstrap ? new GithubStack(app, { config, environments, bootstrap }) : undefined;
  const pipeline =
    config.pipeline.enabled && bootstrap ? buildPipeline(app, config, bootstrap, perEnvironment) : undefined;
  return { bootstrap, oncall, github, pipeline, environments: perEnvironment };
}

/** The pipeline over the environments it deploys that this synth builds (PLATFORM_ENVS may narrow them). */
function buildPipeline(
  app: App,
  config: PlatformConfig,
  bootstrap: BootstrapStack,
  environments: Readonly<Record<string, EnvironmentStacks>>,
): PipelineStack | undefined {
  const targets = pipelineEnvironments(config.pipeline, config.environments)
    .deploys.filter((name) => environments[name] !== undefined)
    .map((name) => ({ name, deployRoleArn: bootstrap.deployRoles[name].arn, alerting: environments[name].alerting }));
  return targets.length > 0 ? new PipelineStack(app, { config, targets }) : undefined;
}

/**
 * What `cdktf synth` runs (through main.ts): builds every stack, runs the policy check over all of them, then
 * writes them and returns what the check excused or warned about, for the synth summary. Any failure leaves no
 * output behind.
 */
export function synthesizePlatform(config: PlatformConfig, outdir: string): PolicyReport {
  limitStackTraceFormatting();
  const outdirExisted = existsSync(outdir);
  // App creates the output folder up front.
  const app = new App({ outdir });
  try {
    buildPlatform(app, config);
    const report = assertCompliant(app);
    app.synth();
    return report;
  } catch (error) {
    if (!outdirExisted) rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}
