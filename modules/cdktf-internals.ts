/**
 * Every place the project relies on cdktf or constructs internals, in one file. Each function checks that the
 * internal it uses is still there and throws a clear error otherwise, instead of silently doing nothing after a
 * cdktf upgrade (or the move to the community fork); __tests__/modules/cdktf-internals.test.ts proves each one still
 * has its effect.
 *
 *   - invokeAspects (cdktf/lib/synthesize/synthesizer): the policy check applies aspects before reading a stack.
 *   - Node._validations (constructs) and ValidateTerraformVersion (cdktf/lib/validations): the probe that runs the
 *     terraform binary at synth is removed.
 *   - App.synth calls prepareStack() then toTerraform() on every stack: stacks cache both between the policy pass
 *     and the write.
 *   - Error.prepareStackTrace: cdktf records the creation stack of every token, and formatting those is capped.
 */
import { TerraformStack } from 'cdktf';
import * as synthesizer from 'cdktf/lib/synthesize/synthesizer';
import * as terraformVersion from 'cdktf/lib/validations/validate-terraform-version';
import type { IConstruct, IValidation } from 'constructs';

function missing(what: string): never {
  throw new Error(
    `cdktf internals: ${what} is missing or changed shape; cdktf or constructs was upgraded. Adapt modules/cdktf-internals.ts.`,
  );
}

/** Applies the aspects of `stack` and of the constructs under it, as synth does before writing. */
export function invokeStackAspects(stack: TerraformStack): void {
  if (typeof synthesizer.invokeAspects !== 'function') missing('invokeAspects in cdktf/lib/synthesize/synthesizer');
  synthesizer.invokeAspects(stack);
}

/**
 * Removes cdktf's "terraform version" validations from a construct: they run the terraform binary once per
 * resource at every synth. constructs keeps validations in a private list and offers no way to remove one.
 * Returns how many were removed.
 */
export function removeTerraformVersionValidations(node: IConstruct): number {
  const validations = (node.node as unknown as { _validations?: unknown })._validations;
  if (!Array.isArray(validations)) missing('Node._validations in constructs');
  const probe = terraformVersion.ValidateTerraformVersion;
  if (typeof probe !== 'function')
    missing('ValidateTerraformVersion in cdktf/lib/validations/validate-terraform-version');
  let removed = 0;
  for (let i = validations.length - 1; i >= 0; i--) {
    if ((validations[i] as IValidation) instanceof probe) {
      validations.splice(i, 1);
      removed++;
    }
  }
  return removed;
}

/**
 * Makes `stack` prepare once and, once locked (the policy pass locks every stack after checking it), serialize
 * once: synth prepares and serializes every stack again after the policy pass, and both resolve every element.
 */
export function cacheSynthesis(stack: TerraformStack): void {
  if (typeof stack.prepareStack !== 'function' || typeof stack.toTerraform !== 'function') {
    missing('TerraformStack.prepareStack or toTerraform');
  }
  const prepare = stack.prepareStack.bind(stack);
  const toTerraform = stack.toTerraform.bind(stack);
  let prepared = false;
  let json: unknown;
  stack.prepareStack = () => {
    if (prepared) return;
    prepare();
    prepared = true;
  };
  stack.toTerraform = () => {
    if (!stack.node.locked) return toTerraform();
    json ??= toTerraform();
    return json;
  };
}

/** Frames a formatted stack trace keeps: Node's default, all that an error message of this process ever shows. */
export const STACK_TRACE_FRAMES = 10;

/**
 * cdktf records the creation stack of every token with an unlimited frame count, and formatting those frames took
 * about a third of a whole-platform synth. Formatted stacks keep STACK_TRACE_FRAMES frames.
 */
export function limitStackTraceFormatting(): void {
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) =>
    [String(error), ...frames.slice(0, STACK_TRACE_FRAMES).map((frame) => `    at ${frame}`)].join('\n');
}
