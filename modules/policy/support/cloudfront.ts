/** Look-ups the CloudFront rules share: distributions, their cache behaviours, and the region of a provider. */
import { blocks, type StackView, type SynthResource } from '../engine';

/** CloudFront takes viewer certificates and CLOUDFRONT-scoped web ACLs only from this region. */
export const CLOUDFRONT_GLOBAL_REGION = 'us-east-1';

/** Viewer security policies of TLS 1.2 with the 2021 cipher suites or newer. */
export const MODERN_VIEWER_TLS_POLICIES = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

export function distributions(stack: StackView): SynthResource[] {
  return stack.resources('aws_cloudfront_distribution');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function cacheBehaviours(distribution: SynthResource): Record<string, any>[] {
  return [...blocks(distribution.config.default_cache_behavior), ...blocks(distribution.config.ordered_cache_behavior)];
}

/**
 * Region of the AWS provider a resource uses: `provider` is absent (the default `aws` provider) or `aws.<alias>`.
 * Undefined when the region is not a literal.
 */
export function providerRegion(stack: StackView, resource: SynthResource): string | undefined {
  const reference = typeof resource.config.provider === 'string' ? resource.config.provider : 'aws';
  const alias = reference.startsWith('aws.') ? reference.slice(4) : undefined;
  const configs = blocks(stack.json?.provider?.aws);
  const config = configs.find((c) => (alias === undefined ? c.alias === undefined : c.alias === alias));
  return typeof config?.region === 'string' ? config.region : undefined;
}

/** Resources of `type` that `value` references (`${type.name.attr}`). */
export function referencedResources(stack: StackView, type: string, value: unknown): SynthResource[] {
  if (typeof value !== 'string') return [];
  return stack.resources(type).filter((r) => value.includes(`\${${r.address}.`));
}
