import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { bundleFolder, LambdaLayer } from '../../modules/lambda-layer';
import { Naming } from '../../modules/naming';
import { onlyResource, testStack } from '../support/stacks';

/** A fresh folder with the given files. */
function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layer-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

/** Entry names of a zip, from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (zip.readUInt32LE(i) !== 0x02014b50) continue;
    const length = zip.readUInt16LE(i + 28);
    names.push(zip.subarray(i + 46, i + 46 + length).toString('utf8'));
  }
  return names;
}

describe('LambdaLayer', () => {
  test('publishes a version of the folder with its compatible runtimes', () => {
    const stack = testStack();
    const layer = new LambdaLayer(stack, 'layer', {
      naming: new Naming('svc', 'dev'),
      name: 'shared',
      folder: 'lambdas/layers/shared',
      compatibleRuntimes: ['nodejs22.x', 'python3.12'],
    });
    expect(onlyResource(stack, 'aws_lambda_layer_version')).toMatchObject({
      layer_name: 'svc-dev-shared',
      compatible_runtimes: ['nodejs22.x', 'python3.12'],
      source_code_hash: layer.bundle.sourceCodeHash,
    });
  });

  test('the shared layer holds the runtime-config module for Node.js and Python', () => {
    const { zipPath } = bundleFolder('lambdas/layers/shared');
    const entries = zipEntries(readFileSync(zipPath));
    expect(entries).toEqual(
      expect.arrayContaining([
        'nodejs/node_modules/@platform/runtime-config/index.js',
        'nodejs/node_modules/@platform/runtime-config/package.json',
        'python/platform_runtime_config.py',
      ]),
    );
    expect(entries.some((e) => e.endsWith('.gitignore') || e.includes('__pycache__'))).toBe(false);
  });

  test('the zip depends only on the files: same content, same hash; changed content, new hash', () => {
    const a = bundleFolder(folder({ 'nodejs/node_modules/x/index.js': 'module.exports = 1;', 'python/x.py': 'X = 1' }));
    const b = bundleFolder(folder({ 'python/x.py': 'X = 1', 'nodejs/node_modules/x/index.js': 'module.exports = 1;' }));
    const c = bundleFolder(folder({ 'nodejs/node_modules/x/index.js': 'module.exports = 2;', 'python/x.py': 'X = 1' }));
    expect(a.sourceCodeHash).toBe(b.sourceCodeHash);
    expect(c.sourceCodeHash).not.toBe(a.sourceCodeHash);
  });

  describe('fails when', () => {
    test('the folder is missing or empty', () => {
      expect(() => bundleFolder('lambdas/layers/missing')).toThrow(
        /layer folder lambdas\/layers\/missing does not exist/,
      );
      expect(() => bundleFolder(folder({}))).toThrow(/is empty/);
    });

    test('no compatible runtime is given', () => {
      expect(
        () =>
          new LambdaLayer(testStack(), 'layer', {
            naming: new Naming('svc', 'dev'),
            name: 'shared',
            folder: 'lambdas/layers/shared',
            compatibleRuntimes: [],
          }),
      ).toThrow('layer shared: compatibleRuntimes must list 1 to 15 runtimes');
    });
  });
});
