/**
 * The one source of physical names: `<service>-<env>-<component>` for per-environment resources and
 * `<service>-<component>` for global ones, lower-case, checked against each resource kind's AWS limits at synth
 * (the rules live in core/naming-rules.ts, which config uses too).
 */
import { checkName, prefixedName, type NameKind } from '../core/naming-rules';

export { checkName, COMPONENT_RULE, NAME_RULES, NameError, prefixedName, type NameKind } from '../core/naming-rules';

export class Naming {
  /** The prefix every name of this scope starts with. */
  readonly prefix: string;

  /**
   * @param service the service name from config
   * @param environment the environment name; absent for global resources
   */
  constructor(
    readonly service: string,
    readonly environment?: string,
  ) {
    this.prefix = environment === undefined ? service : `${service}-${environment}`;
  }

  /** The same service in another environment, or global when `environment` is undefined. */
  withEnvironment(environment?: string): Naming {
    return new Naming(this.service, environment);
  }

  /** `<prefix>-<component>`, checked against the limits of `kind`. */
  name(component: string, kind: NameKind = 'generic'): string {
    return prefixedName(this.prefix, component, kind);
  }

  /** The stack of a layer: `<service>-<env>-<layer>`, or `<service>-<layer>` for global layers. */
  stackName(layer: string): string {
    return this.name(layer, 'stack');
  }

  /** The log group Lambda writes to for a function of this name. */
  static lambdaLogGroup(functionName: string): string {
    return checkName(`/aws/lambda/${functionName}`, 'logGroup');
  }

  /** SSM parameter path prefix of this scope: `/<service>/<env>/`. */
  get parameterPath(): string {
    return this.environment === undefined ? `/${this.service}/` : `/${this.service}/${this.environment}/`;
  }
}
