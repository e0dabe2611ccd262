/**
 * One test per cdktf or constructs internal the project relies on (modules/cdktf-internals.ts). Each proves that the
 * internal still exists and that using it still has its effect, so an upgrade that changes one fails here, loudly.
 */
import { Aspects, App, CloudBackend, IAspect, NamedCloudWorkspace, TerraformStack, Testing } from 'cdktf';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';
import type { IConstruct } from 'constructs';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  cacheSynthesis,
  invokeStackAspects,
  limitStackTraceFormatting,
  removeTerraformVersionValidations,
  STACK_TRACE_FRAMES,
} from '../../modules/cdktf-internals';
import { assertCompliant } from '../../modules/policy';
import { testStack } from '../support/stacks';

const validationsOf = (node: IConstruct) => (node.node as unknown as { _validations: unknown[] })._validations;

describe('cdktf internals', () => {
  test('invokeAspects applies the aspects of a stack', () => {
    const stack = testStack();
    const visited: string[] = [];
    const aspect: IAspect = { visit: (node) => void visited.push(node.node.id) };
    Aspects.of(stack).add(aspect);
    invokeStackAspects(stack);
    expect(visited).toContain('aws');
  });

  test('the cloud backend still carries a ValidateTerraformVersion in Node._validations, and it is removed', () => {
    const stack = new TerraformStack(Testing.app(), 'cloud');
    const backend = new CloudBackend(stack, { organization: 'org', workspaces: new NamedCloudWorkspace('ws') });
    expect(Array.isArray(validationsOf(backend))).toBe(true);
    expect(validationsOf(backend).some((v) => v instanceof ValidateTerraformVersion)).toBe(true);
    expect(removeTerraformVersionValidations(backend)).toBeGreaterThan(0);
    expect(validationsOf(backend).some((v) => v instanceof ValidateTerraformVersion)).toBe(false);
  });

  test('fails loudly when Node._validations is gone', () => {
    const stack = testStack();
    const node = stack.node as unknown as { _validations?: unknown };
    node._validations = undefined;
    expect(() => removeTerraformVersionValidations(stack)).toThrow(
      'cdktf internals: Node._validations in constructs is missing or changed shape',
    );
  });

  test('synth still calls prepareStack then toTerraform on each stack, and the cache serves both once', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'internals-')) });
    const real = new TerraformStack(app, 'real');
    let prepared = 0;
    let serialized = 0;
    const prepare = real.prepareStack.bind(real);
    const serialize = real.toTerraform.bind(real);
    real.prepareStack = () => {
      prepared++;
      prepare();
    };
    real.toTerraform = () => {
      serialized++;
      return serialize();
    };
    cacheSynthesis(real);
    assertCompliant(app);
    expect([prepared, serialized]).toEqual([1, 1]);
    app.synth();
    // Synth called both again: the cache answered without preparing or serializing a second time.
    expect([prepared, serialized]).toEqual([1, 1]);
    expect(real.node.locked).toBe(true);
  });

  test('synth prepares and then serializes each stack: the two hooks the cache replaces', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'internals-')) });
    const plain = new TerraformStack(app, 'plain');
    const calls: string[] = [];
    const prepare = plain.prepareStack.bind(plain);
    const serialize = plain.toTerraform.bind(plain);
    plain.prepareStack = () => void (calls.push('prepare'), prepare());
    plain.toTerraform = () => (calls.push('serialize'), serialize());
    app.synth();
    expect(calls).toEqual(['prepare', 'serialize']);
  });

  test(`Error.prepareStackTrace still formats stacks: ${STACK_TRACE_FRAMES} frames at most`, () => {
    const original = Error.prepareStackTrace;
    try {
      limitStackTraceFormatting();
      const deep = (n: number): Error => (n === 0 ? new Error('deep') : deep(n - 1));
      const lines = deep(30).stack!.split('\n');
      expect(lines[0]).toBe('Error: deep');
      expect(lines).toHaveLength(1 + STACK_TRACE_FRAMES);
    } finally {
      Error.prepareStackTrace = original;
    }
  });
});
