/**
 * The one definition of a production environment. An environment is production when it protects its stateful
 * resources (`protectStatefulResources`: deletion protection and prevent_destroy); every default that differs in
 * production (canary deployments, paging on errors, high PagerDuty urgency, NAT per zone, flow logs, longer secret
 * recovery) reads it through `isProduction`, never through the environment's name.
 */

/** What `isProduction` reads of an environment. */
export interface ProductionMarker {
  readonly protectStatefulResources: boolean;
}

export function isProduction(environment: ProductionMarker): boolean {
  return environment.protectStatefulResources;
}
