/**
 * The preset registry: every preset file is registered under its file name, so a preset added to config/presets is
 * selectable and every test that goes over "all presets" covers it.
 */
import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';
import { basename, join, resolve } from 'path';
import { DEFAULT_PRESET, presetNames } from '../../config/load';
import { PRESETS } from '../../config/presets';

const DIR = join(__dirname, '../../config/presets');

/** Exports of a module that look like a preset (a service and environments). */
function presetExports(file: string): unknown[] {
  const exports = require(join(DIR, file)) as Record<string, unknown>;
  return Object.values(exports).filter(
    (v) => v !== null && typeof v === 'object' && 'service' in v && 'environments' in v,
  );
}

describe('preset registry', () => {
  // Files of config/presets that export a preset; helpers such as examples.ts export none.
  const presetFiles = readdirSync(DIR).filter(
    (f) => f.endsWith('.ts') && f !== 'index.ts' && presetExports(f).length > 0,
  );

  test.each(presetFiles)('%s exports one preset, registered under the file name', (file) => {
    expect(presetExports(file)).toEqual([PRESETS[basename(file, '.ts')]]);
  });

  test('every registered preset comes from its own file', () => {
    expect([...presetNames()].sort()).toEqual(presetFiles.map((f) => basename(f, '.ts')).sort());
  });

  test('the default preset is registered first', () => {
    expect(presetNames()[0]).toBe(DEFAULT_PRESET);
  });
});

describe('lint of presets', () => {
  test('fails when an object literal repeats a key (two ANY / routes would silently keep the second)', () => {
    const source = ["export const routes = { 'ANY /': { function: 'api' }, 'ANY /': { function: 'other' } };", ''].join(
      '\n',
    );
    const root = resolve(__dirname, '../..');
    const run = spawnSync(
      join(root, 'node_modules/.bin/eslint'),
      ['--stdin', '--stdin-filename', 'config/presets/dupe.ts'],
      {
        cwd: root,
        input: source,
        encoding: 'utf8',
      },
    );
    expect(run.stdout).toContain("Duplicate key 'ANY /'  no-dupe-keys");
    expect(run.status).toBe(1);
  });
});
