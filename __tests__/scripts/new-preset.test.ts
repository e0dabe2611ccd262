/**
 * npm run new-preset: its argument rules, the registry edit, and a preset made by the command in a copy of the
 * project that synthesizes, passes eslint and prettier, and passes the registry and loader tests there.
 */
import { spawnSync } from 'child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { PRESETS } from '../../config/presets';
import {
  LAYER_TEMPLATES,
  NewPresetError,
  parseArguments,
  presetSource,
  registerPreset,
} from '../../scripts/new-preset';

const ROOT = resolve(__dirname, '../..');
const EXISTING = Object.keys(PRESETS);

function errorOf(argv: string[]): string {
  try {
    parseArguments(argv, EXISTING);
  } catch (error) {
    if (error instanceof NewPresetError) return error.message;
    throw error;
  }
  throw new Error('expected the arguments to be refused');
}

describe('arguments', () => {
  test('a name and layers: the layers in a fixed order, each once', () => {
    expect(parseArguments(['shop', '--layers', 'monitoring,app,alerting,app'], EXISTING)).toEqual({
      name: 'shop',
      layers: ['app', 'alerting', 'monitoring'],
    });
    expect(parseArguments(['--layers=network', 'shop'], EXISTING)).toEqual({ name: 'shop', layers: ['network'] });
    expect(parseArguments(['shop'], EXISTING).layers).toEqual(['app', 'alerting', 'monitoring']);
  });

  test.each([
    [[], '<name>: expected one preset name, got none'],
    [['a', 'b'], '<name>: expected one preset name, got "a" "b"'],
    [['My_Shop'], '<name>: must be 3 to 20 characters of a-z, 0-9 and -'],
    [['shop-'], 'got "shop-"'],
    [['index'], '<name>: index is a file of config/presets that is not a preset, got "index"'],
    [['platform'], '<name>: preset platform already exists; choose another name, got "platform"'],
    [['shop', '--layers'], '--layers: needs a comma list of layers'],
    [['shop', '--layers', 'app,cdn'], '--layers: must list layers among network, data, app, jobs, alerting'],
    [['shop', '--layers', 'app,,alerting'], '--layers: must list layers among'],
    [['shop', '--layers', 'data,alerting'], '--layers: data needs network; add it, got "data,alerting"'],
    [['shop', '--layers', 'app'], '--layers: app needs alerting; add it, got "app"'],
    [['shop', '--layer', 'app'], '--layer: unknown option'],
  ])('fails when given %j', (argv, message) => {
    expect(errorOf(argv)).toContain(message);
  });

  test('fails when run with a bad name: exit 1, the rule and the value, nothing written', () => {
    const before = readdirSync(join(ROOT, 'config/presets'));
    const index = readFileSync(join(ROOT, 'config/presets/index.ts'), 'utf8');
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/new-preset.ts', 'Bad Name'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('new-preset: <name>: must be 3 to 20 characters');
    expect(run.stderr).toContain('got "Bad Name"');
    expect(readdirSync(join(ROOT, 'config/presets'))).toEqual(before);
    expect(readFileSync(join(ROOT, 'config/presets/index.ts'), 'utf8')).toBe(index);
  });
});

describe('documentation', () => {
  test('help lists exactly the layers the command scaffolds', () => {
    const line = readFileSync(join(ROOT, 'help'), 'utf8')
      .split('\n')
      .find((l) => l.trim().startsWith('layers: '));
    expect(line?.trim().slice('layers: '.length).split(', ')).toEqual(Object.keys(LAYER_TEMPLATES));
  });
});

describe('the registry edit', () => {
  const index = readFileSync(join(ROOT, 'config/presets/index.ts'), 'utf8');

  test('imports the preset in order and registers it last, quoted when its name is not an identifier', () => {
    const edited = registerPreset(index, 'my-shop');
    const lines = edited.split('\n');
    const imports = lines.filter((l) => l.startsWith('import {'));
    expect(imports).toContain("import { myShop } from './my-shop';");
    expect([...imports].sort((a, b) => /'(.*)'/.exec(a)![1].localeCompare(/'(.*)'/.exec(b)![1]))).toEqual(imports);
    expect(lines[lines.indexOf('};') - 1]).toBe("  'my-shop': myShop,");
    expect(registerPreset(index, 'shop').split('\n')).toContain('  shop: shop,');
  });

  test('fails when the registry has a shape it does not know, rather than guess', () => {
    expect(() => registerPreset('export const PRESETS = makeRegistry();\n', 'shop')).toThrow(
      'config/presets/index.ts: no preset imports or no "export const PRESETS ... = {" object found; register shop by hand',
    );
  });
});

describe('the preset source', () => {
  test('has the three environments, only the layers asked for, and the app layer off unless asked', () => {
    const source = presetSource({ name: 'shop', layers: ['network'] });
    expect(source).toContain('dev: { ...layers');
    expect(source).toContain('staging: { ...layers');
    expect(source).toContain('prod: { ...layers, logRetentionDays: 30, protectStatefulResources: true }');
    expect(source).toContain('network: { enabled: true');
    expect(source).toContain('app: { enabled: false }');
    for (const layer of Object.keys(LAYER_TEMPLATES).filter((l) => l !== 'network' && l !== 'app')) {
      expect(source).not.toMatch(new RegExp(`^\\s*${layer}: `, 'm'));
    }
  });
});

describe('a preset made by the command, in a copy of the project', () => {
  const work = mkdtempSync(join(tmpdir(), 'new-preset-'));
  const copy = join(work, 'project');
  const bin = (name: string) => join(copy, 'node_modules/.bin', name);
  const run = (command: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(command, args, { cwd: copy, env: { ...process.env, ...env }, encoding: 'utf8' });
  let created: ReturnType<typeof run>;

  beforeAll(() => {
    for (const entry of readdirSync(ROOT)) {
      if (['node_modules', '.git', '.build', 'cdktf.out', 'coverage'].includes(entry)) continue;
      cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    }
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(copy, 'node_modules'));
    created = run(
      bin('tsx'),
      ['scripts/new-preset.ts', 'my-shop', '--layers', 'network,data,app,jobs,alerting,oncall'],
      {
        CDKTF_OUTDIR: join(work, 'out'),
      },
    );
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('writes and registers the preset and synthesizes every environment of it', () => {
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(existsSync(join(copy, 'config/presets/my-shop.ts'))).toBe(true);
    expect(readFileSync(join(copy, 'config/presets/index.ts'), 'utf8')).toContain("'my-shop': myShop,");
    const stacks = readdirSync(join(work, 'out', 'stacks'));
    for (const env of ['dev', 'staging', 'prod']) {
      for (const layer of ['network', 'data', 'app', 'jobs', 'alerting'])
        expect(stacks).toContain(`my-shop-${env}-${layer}`);
      expect(stacks).not.toContain(`my-shop-${env}-monitoring`);
    }
    expect(stacks).toEqual(expect.arrayContaining(['my-shop-bootstrap', 'my-shop-oncall']));
  });

  test('passes eslint and prettier', () => {
    const files = ['config/presets/my-shop.ts', 'config/presets/index.ts'];
    const eslint = run(bin('eslint'), files);
    expect(eslint.stdout + eslint.stderr).toBe('');
    expect(eslint.status).toBe(0);
    expect(run(bin('prettier'), ['--check', ...files]).status).toBe(0);
  });

  test('the registry and loader tests, which read the registry, pass with it', () => {
    const jest = run(bin('jest'), ['--verbose', '__tests__/config/presets.test.ts', '__tests__/config/load.test.ts']);
    expect(jest.stderr).toContain('Tests:');
    expect(jest.stderr).not.toContain('failed');
    expect(jest.stderr).toContain('my-shop');
    expect(jest.status).toBe(0);
  });

  describe.each([
    [
      'its region is one AWS does not have',
      "region: 'us-east-1'",
      "region: 'xx-moon-1'",
      /^ {2}region: must be a region of the AWS provider 5\.100\.0 \(nearest: .+\), got "xx-moon-1"$/m,
    ],
    [
      'a bundled handler name is mistyped',
      "handler: 'session-maintenance'",
      "handler: 'sesion-maintenance'",
      /^ {2}environments\.dev\.jobs\.functions\.session-maintenance\.code\.handler: must name a handler folder under lambdas\/ \(.*session-maintenance.*\), got "sesion-maintenance"; did you mean session-maintenance\?$/m,
    ],
  ])('synth fails when %s', (_, from, to, message) => {
    test('exit 1, one line naming the field, no stack trace, nothing written', () => {
      const file = join(copy, 'config/presets/my-shop.ts');
      const original = readFileSync(file, 'utf8');
      expect(original).toContain(from);
      writeFileSync(file, original.replace(from, to));
      const outdir = join(work, 'failed-out');
      const synth = run(process.execPath, ['scripts/run-app.mjs', 'main.ts'], {
        PLATFORM_PRESET: 'my-shop',
        PLATFORM_ENVS: 'dev',
        CDKTF_OUTDIR: outdir,
      });
      writeFileSync(file, original);
      expect(synth.status).toBe(1);
      expect(synth.stderr).toMatch(message);
      expect(synth.stderr).toContain('(PLATFORM_ENVS selects dev; not validated: staging, prod)');
      expect(synth.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(outdir)).toBe(false);
    });
  });

  test('refuses to overwrite it', () => {
    const again = run(bin('tsx'), ['scripts/new-preset.ts', 'my-shop']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('new-preset: <name>: preset my-shop already exists');
  });
});
