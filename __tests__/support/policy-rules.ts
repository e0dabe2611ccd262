/** Runs one policy rule over a hand-written synthesized stack, for the per-rule compliant / non-compliant tests. */
import { PolicyRule, StackView } from '../../modules/policy';

/** A synthesized stack's JSON: `resource.<type>.<name>` blocks and, where a rule reads them, providers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackJson = Record<string, any>;

/** The findings of `rule` on the stack, as `<address>: <message>`. */
export function findingsOf(rule: PolicyRule, json: StackJson): string[] {
  return rule.check(new StackView('test', json)).map((f) => `${f.resource.address}: ${f.message}`);
}

/** A stack JSON whose AWS provider tags it as an environment's, as BaseStack does. */
export function inEnvironment(environment: string, resource: StackJson): StackJson {
  // BaseStack's Production tag (core/environment.ts isProduction); the fixtures' prod environments are production.
  const tags = { Environment: environment, Production: String(['prod', 'production'].includes(environment)) };
  return { provider: { aws: [{ default_tags: [{ tags }] }] }, resource };
}

/** A policy document as the synthesized JSON carries it. */
export function policy(...statements: StackJson[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
