/**
 * Builds every stack of a validated configuration: the global stacks once, then each environment's layers. A
 * disabled layer produces no stack. This is what main.ts runs and what the app-level tests synthesize.
 */
import { App } from 'cdktf';
import { environmentsOf } from '../config/load';
import type { PlatformConfig } from '../config/schema';
import { AppStack } from './app-stack';
import { BootstrapStack } from './bootstrap-stack';

export interface EnvironmentStacks {
  readonly app?: AppStack;
}

export interface PlatformStacks {
  readonly bootstrap?: BootstrapStack;
  readonly environments: Readonly<Record<string, EnvironmentStacks>>;
}

export function buildPlatform(app: App, config: PlatformConfig): PlatformStacks {
  const environments = environmentsOf(config);
  const bootstrap = config.bootstrap.enabled
    ? new BootstrapStack(app, { config, environments: environments.map((e) => e.name) })
    : undefined;
  const perEnvironment: Record<string, EnvironmentStacks> = {};
  for (const environment of environments) {
    perEnvironment[environment.name] = {
      app: environment.app.enabled ? new AppStack(app, { config, environment }) : undefined,
    };
  }
  return { bootstrap, environments: perEnvironment };
}
