/**
 * app (per environment): the API functions of the environment.
 *
 * Provisions: the `health` function (bundled from lambdas/health) with its role, log group and tracing.
 * Consumes: the environment's app settings (memory, timeout) and log retention.
 * Exposes: the functions, for the API, monitoring and deployment layers.
 */
import { Construct } from 'constructs';
import type { Environment, PlatformConfig } from '../config/schema';
import { LambdaAsset } from '../modules/lambda-asset';
import { NodeFunction } from '../modules/node-function';
import { BaseStack } from './base-stack';

export interface AppStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
}

export class AppStack extends BaseStack {
  readonly health: NodeFunction;

  constructor(scope: Construct, props: AppStackProps) {
    super(scope, { config: props.config, environment: props.environment, layer: 'app' });
    const env = props.environment;
    const code = new LambdaAsset(this, 'health-code', { handler: 'health' });
    this.health = new NodeFunction(this, 'health', {
      naming: this.naming,
      name: 'health',
      description: `Health check of ${props.config.service} ${env.name}`,
      code,
      memoryMb: env.app.memoryMb,
      timeoutSeconds: env.app.timeoutSeconds,
      logRetentionDays: env.logRetentionDays,
      environment: {
        SERVICE: props.config.service,
        ENVIRONMENT: env.name,
        VERSION: code.bundle.version,
      },
    });
  }
}
