/** Which environment a synthesized stack belongs to, and whether it is production, from its default tags. */
import { blocks, StackView } from '../engine';

/** The default tags of a stack's AWS provider (the platform's BaseStack sets them on every stack). */
function defaultTags(stack: StackView): Record<string, unknown> | undefined {
  for (const provider of blocks(stack.json?.provider?.aws)) {
    for (const defaults of blocks(provider.default_tags)) {
      if (defaults.tags !== undefined) return defaults.tags as Record<string, unknown>;
    }
  }
  return undefined;
}

/** The environment of a platform stack. */
export function stackEnvironment(stack: StackView): string | undefined {
  const environment = defaultTags(stack)?.Environment;
  return typeof environment === 'string' ? environment : undefined;
}

/**
 * Whether the stack is a production environment's (the rules that hold only there): the `Production` tag that
 * BaseStack writes from core/environment.ts isProduction, so that rules and stacks share one definition.
 */
export function isProductionStack(stack: StackView): boolean {
  return defaultTags(stack)?.[PRODUCTION_TAG] === 'true';
}

/** Default tag that records isProduction on every resource of an environment's stacks. */
export const PRODUCTION_TAG = 'Production';
