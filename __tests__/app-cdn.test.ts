/**
 * The cdn layer in the whole app: every preset that turns it on synthesizes it, and adding it keeps the stack graph
 * shallow (the longest chain of dependencies, counted in stacks, is at most four).
 */
import { synthPreset } from './support/app';

const MAX_DEPENDENCY_CHAIN = 4;

/** Number of stacks on the longest dependency path starting at any stack. */
function longestChain(dependencies: Readonly<Record<string, readonly string[]>>): { length: number; path: string[] } {
  const memo = new Map<string, string[]>();
  const visit = (name: string): string[] => {
    const known = memo.get(name);
    if (known) return known;
    const below = (dependencies[name] ?? []).map(visit).reduce<string[]>((a, b) => (b.length > a.length ? b : a), []);
    const path = [name, ...below];
    memo.set(name, path);
    return path;
  };
  const path = Object.keys(dependencies)
    .map(visit)
    .reduce<string[]>((a, b) => (b.length > a.length ? b : a), []);
  return { length: path.length, path };
}

describe.each(['frigg', 'smartpack', 'platform'])('preset %s with the cdn layer', (preset) => {
  const synth = synthPreset({ preset });

  test('has a cdn stack in every environment, depending on nothing but its alerting stack', () => {
    for (const env of Object.keys(synth.config.environments)) {
      const name = `${preset}-${env}-cdn`;
      expect(synth.dependencies[name]).toBeDefined();
      for (const dependency of synth.dependencies[name]) expect(dependency).toBe(`${preset}-${env}-alerting`);
    }
  });

  test(`keeps the longest dependency chain at most ${MAX_DEPENDENCY_CHAIN} stacks`, () => {
    const { length, path } = longestChain(synth.dependencies);
    // The path is in the message when this fails.
    expect(length <= MAX_DEPENDENCY_CHAIN ? [] : path).toEqual([]);
  });
});

describe('longestChain', () => {
  test('counts stacks on the longest path, and fails a graph one stack too deep', () => {
    expect(longestChain({ a: ['b'], b: ['c'], c: [], d: ['c'] })).toEqual({ length: 3, path: ['a', 'b', 'c'] });
    expect(longestChain({ a: ['b'], b: ['c'], c: ['d'], d: ['e'], e: [] }).length).toBeGreaterThan(
      MAX_DEPENDENCY_CHAIN,
    );
  });
});
