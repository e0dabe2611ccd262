import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { inflateRawSync } from 'zlib';
import { createHash } from 'crypto';

type LambdaAssetModule = typeof import('../../modules/lambda-asset');

/** A fresh copy of the module, so that its per-process bundle cache starts empty (as in a new synth). */
function freshModule(): LambdaAssetModule {
  let mod: LambdaAssetModule | undefined;
  jest.isolateModules(() => {
    mod = require('../../modules/lambda-asset');
  });
  return mod as LambdaAssetModule;
}

function handlerDir(source: string): string {
  const root = mkdtempSync(join(tmpdir(), 'lambdas-'));
  mkdirSync(join(root, 'demo'));
  writeFileSync(join(root, 'demo', 'index.ts'), source);
  return root;
}

/** The first entry of a zip, inflated (enough to look at the bundled index.js). */
function firstEntry(zip: Buffer): string {
  const nameLength = zip.readUInt16LE(26);
  const size = zip.readUInt32LE(18);
  const start = 30 + nameLength + zip.readUInt16LE(28);
  return inflateRawSync(zip.subarray(start, start + size)).toString('utf8');
}

const SOURCE = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async (): Promise<string> => String(client.config.serviceId ?? 'dynamodb');
`;

describe('bundleHandler', () => {
  // jest.doMock registers for the whole file, not just inside isolateModules.
  afterEach(() => jest.dontMock('esbuild'));

  test('two synths of the same code give identical zips and hashes', () => {
    const dir = handlerDir(SOURCE);
    const first = freshModule().bundleHandler('demo', dir);
    const firstZip = readFileSync(first.zipPath);
    // A touched but unchanged source is rebuilt (its stamp changed) and must give the same bytes.
    const entry = join(dir, 'demo', 'index.ts');
    utimesSync(entry, new Date(), new Date(Date.now() + 5000));
    let rebuilt = false;
    let second: ReturnType<LambdaAssetModule['bundleHandler']> | undefined;
    jest.isolateModules(() => {
      const esbuild = jest.requireActual('esbuild');
      jest.doMock('esbuild', () => ({
        ...esbuild,
        buildSync: (...args: unknown[]) => {
          rebuilt = true;
          return esbuild.buildSync(...args);
        },
      }));
      second = (require('../../modules/lambda-asset') as LambdaAssetModule).bundleHandler('demo', dir);
    });
    expect(rebuilt).toBe(true);
    expect(second?.sourceCodeHash).toBe(first.sourceCodeHash);
    expect(readFileSync(second!.zipPath).equals(firstZip)).toBe(true);
  });

  test('a later synth reuses the bundle while no file it was built from has changed', () => {
    const dir = handlerDir(SOURCE);
    const first = freshModule().bundleHandler('demo', dir);
    let second: ReturnType<LambdaAssetModule['bundleHandler']> | undefined;
    jest.isolateModules(() => {
      jest.doMock('esbuild', () => ({
        ...jest.requireActual('esbuild'),
        buildSync: () => {
          throw new Error('rebuilt although nothing changed');
        },
      }));
      second = (require('../../modules/lambda-asset') as LambdaAssetModule).bundleHandler('demo', dir);
    });
    expect(second).toEqual(first);
  });

  test('the hash is the base64 SHA-256 of the zip, as Lambda expects', () => {
    const bundle = freshModule().bundleHandler('demo', handlerDir(SOURCE));
    const digest = createHash('sha256').update(readFileSync(bundle.zipPath)).digest();
    expect(bundle.sourceCodeHash).toBe(digest.toString('base64'));
    expect(bundle.version).toBe(digest.toString('hex').slice(0, 12));
  });

  test('the hash changes when the code changes', () => {
    const a = freshModule().bundleHandler('demo', handlerDir(SOURCE));
    const b = freshModule().bundleHandler('demo', handlerDir(SOURCE.replace("'dynamodb'", "'other'")));
    expect(b.sourceCodeHash).not.toBe(a.sourceCodeHash);
  });

  test('bundles minified CommonJS with a linked source map and leaves the AWS SDK to the runtime', () => {
    const bundle = freshModule().bundleHandler('demo', handlerDir(SOURCE));
    const js = firstEntry(readFileSync(bundle.zipPath));
    expect(js).toContain('require("@aws-sdk/client-dynamodb")');
    expect(js).toContain('//# sourceMappingURL=index.js.map');
    expect(js.split('\n').length).toBeLessThanOrEqual(3);
  });

  test('fails when the handler has no entry point', () => {
    expect(() => freshModule().bundleHandler('missing', handlerDir(SOURCE))).toThrow(
      /Lambda handler "missing" has no entry point at .*missing\/index\.ts/,
    );
  });
});
