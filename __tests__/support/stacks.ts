/** Small stacks for module and policy tests. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { checkTerraformStack, PolicyRule, Violation } from '../../modules/policy';

export function testStack(name = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** The synthesized stack as an object (metadata kept, so suppressions are visible). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

/** Resources of one type, keyed by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resourcesOf(stack: TerraformStack, type: string): Record<string, any> {
  return synthJson(stack).resource?.[type] ?? {};
}

/** The only resource of a type in the stack. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function onlyResource(stack: TerraformStack, type: string): any {
  const all = Object.values(resourcesOf(stack, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Rule IDs the stack violates at error level (what fails synth), with the rules given. */
export function violatedRules(stack: TerraformStack, rules: readonly PolicyRule[]): string[] {
  // Warnings are reported at synth but do not fail it.
  return checkTerraformStack(stack, rules)
    .filter((v: Violation) => v.level === 'error')
    .map((v: Violation) => v.rule);
}
