/**
 * The whole app, synthesized as main.ts does: the stack graph, the backends, every preset, and the guarantees of
 * main.ts itself (errors name the field, nothing is written on failure).
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { PRESETS } from '../config/presets';
import { PolicyViolationError } from '../modules/policy';
import { addInsecureBucket, synthPreset } from './support/app';

const ROOT = resolve(__dirname, '..');

describe('default preset', () => {
  const synth = synthPreset({ preset: 'platform' });
  const stackNames = Object.keys(synth.dependencies);

  test('writes the global stacks and, for each environment, at least its app stack', () => {
    expect(stackNames).toContain('platform-bootstrap');
    for (const env of ['dev', 'staging', 'prod']) expect(stackNames).toContain(`platform-${env}-app`);
  });

  test('every stack is named <service>-<layer> or <service>-<env>-<layer>', () => {
    for (const name of stackNames) expect(name).toMatch(/^platform-((dev|staging|prod)-)?[a-z]+$/);
  });

  test('every stack keeps its own local state by default', () => {
    for (const name of stackNames) {
      expect(synth.json(name).terraform.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
    }
  });

  test('every remote state a stack reads resolves to the state file its origin stack writes', () => {
    const stateFileOf = (stack: string, path: string) => resolve(synth.outdir, 'stacks', stack, path);
    let references = 0;
    for (const reader of stackNames) {
      const remote = synth.json(reader).data?.terraform_remote_state ?? {};
      for (const [name, data] of Object.entries(remote) as [string, { backend: string; config: { path: string } }][]) {
        const origin = /^cross-stack-reference-input-(.+)$/.exec(name)?.[1];
        expect(stackNames).toContain(origin);
        expect(data.backend).toBe('local');
        expect(stateFileOf(reader, data.config.path)).toBe(
          stateFileOf(origin as string, synth.json(origin as string).terraform.backend.local.path),
        );
        expect(synth.dependencies[reader]).toContain(origin);
        references++;
      }
    }
    expect(references).toBeGreaterThan(0);
  });

  test('no stack depends on a stack of another environment, and the graph has no cycle', () => {
    const envOf = (name: string) => /^platform-(dev|staging|prod)-/.exec(name)?.[1];
    for (const [name, deps] of Object.entries(synth.dependencies)) {
      // Global stacks may read several environments (the pipeline reads each one's alerting topics).
      if (envOf(name) === undefined) continue;
      for (const dep of deps) {
        if (envOf(dep) !== undefined) expect(envOf(dep)).toBe(envOf(name));
      }
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string): void => {
      if (done.has(name)) return;
      expect(visiting.has(name)).toBe(false);
      visiting.add(name);
      synth.dependencies[name].forEach(visit);
      visiting.delete(name);
      done.add(name);
    };
    stackNames.forEach(visit);
  });

  test('the app stack deploys the health function sized from the environment', () => {
    const sizes = ['dev', 'staging', 'prod'].map((env) => {
      const fn = Object.values(synth.json(`platform-${env}-app`).resource.aws_lambda_function).find(
        (f) => (f as { function_name: string }).function_name === `platform-${env}-health`,
      ) as { memory_size: number; timeout: number };
      return [fn.memory_size, fn.timeout];
    });
    expect(sizes).toEqual([
      [256, 15],
      [512, 30],
      [1024, 30],
    ]);
  });
});

/** Stacks in the longest chain of dependencies: deploying in order must stay shallow (at most four). */
function longestChain(dependencies: Readonly<Record<string, string[]>>): number {
  const depth = new Map<string, number>();
  const of = (name: string): number => {
    if (!depth.has(name)) depth.set(name, 1 + Math.max(0, ...dependencies[name].map(of)));
    return depth.get(name) as number;
  };
  return Math.max(...Object.keys(dependencies).map(of));
}

/** The global delivery stacks each preset has, from its seed. */
const DELIVERY_STACKS: Record<string, string[]> = {
  platform: ['github', 'pipeline'],
  'energy-insights': ['github', 'pipeline'],
  frigg: ['pipeline'],
  phoney: [],
  concert: [],
  smartpack: [],
};

describe('every preset', () => {
  test.each(Object.keys(PRESETS))(
    '%s synthesizes, passes the policy check, has its delivery stacks and chains of at most four stacks',
    (preset) => {
      const synth = synthPreset({ preset });
      const service = PRESETS[preset].service;
      const names = Object.keys(synth.dependencies);
      expect(names).toContain(`${service}-bootstrap`);
      const delivery = names.filter((n) => n === `${service}-github` || n === `${service}-pipeline`);
      expect(delivery).toEqual(DELIVERY_STACKS[preset].map((layer) => `${service}-${layer}`));
      expect(longestChain(synth.dependencies)).toBeLessThanOrEqual(4);
      // Every output says what it is for.
      const undescribed = names.flatMap((stack) =>
        Object.entries((synth.json(stack).output ?? {}) as Record<string, { description?: string }>)
          .filter(([id, output]) => !id.startsWith('cross-stack-output-') && !output.description?.trim())
          .map(([id]) => `${stack} output.${id}`),
      );
      expect(undescribed).toEqual([]);
    },
  );
});

describe('backends', () => {
  test('narrowing to one environment builds only its stacks', () => {
    const names = Object.keys(synthPreset({ preset: 'concert', environments: ['dev'] }).dependencies);
    expect(names.filter((n) => /-(staging|prod)-/.test(n))).toEqual([]);
    expect(names).toContain('concert-dev-app');
  });
});

describe('policy check over the whole app', () => {
  test('rejects a deliberately insecure bucket, naming rule, stack and resource', () => {
    let error: unknown;
    try {
      synthPreset({ preset: 'platform', environments: ['dev'] }, (stacks) => addInsecureBucket(stacks, 'dev'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyViolationError);
    const message = (error as Error).message;
    for (const rule of ['s3-public-access-block', 's3-encryption', 's3-versioning', 's3-tls-only']) {
      expect(message).toContain(`[${rule}] platform-dev-app aws_s3_bucket.insecure:`);
    }
  });
});

describe('main.ts', () => {
  function runMain(env: Record<string, string>) {
    const outdir = join(mkdtempSync(join(tmpdir(), 'main-')), 'cdktf.out');
    const result = spawnSync(process.execPath, ['scripts/run-app.mjs', 'main.ts'], {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
      encoding: 'utf8',
    });
    return { ...result, outdir };
  }

  test('synthesizes the selected preset and environments into the output folder, naming the skipped ones', () => {
    const run = runMain({ PLATFORM_PRESET: 'phoney', PLATFORM_ENVS: 'dev' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'PLATFORM_ENVS: building dev; skipped staging, prod and the global stacks that hold every environment (bootstrap, github, pipeline)',
    );
    const stacks = readdirSync(join(run.outdir, 'stacks'));
    expect(stacks).toContain('phoney-dev-app');
    expect(stacks).not.toContain('phoney-bootstrap');
  });

  test('as precompiled JavaScript and without a terraform binary, packages every file (handlers, layer, deploy script)', () => {
    // The app bundle runs from .build/app/, so anything resolved from a source file's folder would break here; prod
    // has terraform_data resources, whose cdktf validation would otherwise run the terraform binary.
    const run = runMain({ PLATFORM_ENVS: 'prod', PATH: '/nonexistent' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const assets = readdirSync(join(run.outdir, 'stacks', 'platform-prod-app', 'assets'));
    for (const prefix of ['health-code_zip_', 'shared-layer_zip_', 'deployment_shift-script_']) {
      expect(assets.filter((a) => a.startsWith(prefix))).toHaveLength(1);
    }
  });

  test('fails when the preset is unknown: exit 1, the valid choices, and nothing written', () => {
    const run = runMain({ PLATFORM_PRESET: 'nope' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `PLATFORM_PRESET: unknown preset "nope"; valid presets: ${Object.keys(PRESETS).join(', ')}`,
    );
    expect(existsSync(run.outdir)).toBe(false);
  });

  test('fails when an environment is unknown: exit 1 and nothing written', () => {
    const run = runMain({ PLATFORM_ENVS: 'dev,qa' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'PLATFORM_ENVS: unknown environment "qa"; valid environments of preset platform: dev, staging, prod',
    );
    expect(existsSync(run.outdir)).toBe(false);
  });

  test.each([',', ' ', 'dev,,prod'])(
    'fails when PLATFORM_ENVS is %j: exit 1, naming the variable, nothing written',
    (envs) => {
      const run = runMain({ PLATFORM_ENVS: envs });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`PLATFORM_ENVS: must be environment names separated by commas`);
      expect(existsSync(run.outdir)).toBe(false);
    },
  );
});
