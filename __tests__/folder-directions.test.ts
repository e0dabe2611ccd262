/**
 * The folder directions are eslint rules (eslint.config.mjs); this proves each rule fires on a forbidden import and
 * stays quiet on an allowed one, so a typo in the config cannot switch a direction off unnoticed.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..');

const forbidden: [string, string, string][] = [
  ['core/x.ts', '../config/schema', 'core/ must not import config/'],
  ['core/x.ts', '../modules/naming', 'core/ must not import modules/'],
  ['config/layers/x.ts', '../../modules/naming', 'config/ must not import modules/'],
  ['config/x.ts', '../stacks/base-stack', 'config/ must not import stacks/'],
  ['config/layers/x.ts', '../../lambdas/alert-processor/slack', 'config/ must not import lambdas/'],
  ['lambdas/health/x.ts', '../../config/schema', 'lambdas/ must not import config/'],
  ['lambdas/health/x.ts', '../../modules/severity', 'lambdas/ must not import modules/'],
  ['modules/monitoring/x.ts', '../../stacks/app-stack', 'modules/ must not import stacks/'],
];
const allowed: [string, string][] = [
  ['config/layers/x.ts', '../../core/severity'],
  ['lambdas/health/x.ts', '../../core/alarm-description'],
  ['modules/x.ts', '../config/schema'],
  ['stacks/x.ts', '../modules/naming'],
];

/**
 * eslint's messages for each [file, import] as if the file held only that import: one eslint process (its config
 * is an ES module, which the test runtime cannot load itself) lints every case.
 */
function lint(cases: readonly (readonly [string, string])[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const [file, target] of cases) {
      const [result] = await eslint.lintText(\`import * as m from '\${target}';\\nexport const used = m;\\n\`, { filePath: file });
      out.push(result.messages.map((m) => m.message));
    }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

describe('folder directions', () => {
  const results = lint([...forbidden.map(([file, target]) => [file, target] as const), ...allowed]);

  test.each(forbidden.map((c, i) => [...c, i] as const))('fails when %s imports %s', (_file, _target, message, i) => {
    expect(results[i].join('\n')).toContain(message);
  });

  test.each(allowed.map((c, i) => [...c, forbidden.length + i] as const))('allows %s to import %s', (_f, _t, i) => {
    expect(results[i]).toEqual([]);
  });
});
