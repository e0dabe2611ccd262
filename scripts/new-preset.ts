/**
 * `npm run new-preset -- <name> [--layers a,b,...]`: a preset of your own, ready to edit.
 *
 * Writes `config/presets/<name>.ts` (commented and prettier-formatted, with dev, staging and prod and only the layers
 * asked for), registers it in `config/presets/index.ts`, and synthesizes it as `npm run synth` would. Nothing stays
 * behind when any step fails: a bad argument writes nothing, and a failed synth takes both files back.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { PRESETS } from '../config/presets';
import { SERVICE_NAME_RULE } from '../config/schema';

const ROOT = resolve(__dirname, '..');

export class NewPresetError extends Error {}

interface LayerTemplate {
  /** What the layer provisions, for --help and the file's header. */
  readonly summary: string;
  /** Layers it cannot work without (the schema refuses it otherwise). */
  readonly needs?: readonly string[];
  /** A global layer (top level of the preset) rather than one per environment. */
  readonly global?: boolean;
  /** Source of the layer's entry, comment included; `layers` is the list asked for. */
  readonly source: (layers: readonly string[]) => string;
}

/**
 * The layers the command can scaffold, each with a small working start. Switch-only layers without a stack yet are
 * left out: a preset turns them on by hand once they provision something.
 */
export const LAYER_TEMPLATES: Readonly<Record<string, LayerTemplate>> = {
  network: {
    summary: 'VPC, public and private subnets, NAT gateways, endpoints',
    source: (layers) => `
      // VPC with public and private subnets; NAT gateways: one outside prod, one per zone in prod.${
        layers.includes('data') ? '\n// Three zones, because Redshift Serverless (data layer) needs them.' : ''
      }
      network: { enabled: true, availabilityZones: ${layers.includes('data') ? 3 : 2} },`,
  },
  data: {
    summary: 'data buckets, Glue catalog, Redshift Serverless, Kinesis streams',
    needs: ['network'],
    source: () => `
      // Raw and processed data buckets, the Glue catalog and Redshift Serverless; add Kinesis streams under streams.
      data: { enabled: true },`,
  },
  app: {
    summary: 'API (HTTP or REST), functions, tables, parameters, secrets',
    // Its function alarms would notify no one.
    needs: ['alerting'],
    source: () => `
      // The platform's health function behind an HTTP API (GET /health). Add your functions under functions and
      // their routes under api.routes, for example 'GET /items/{id}': { function: 'items', authorization: 'iam' }; a
      // route is IAM- or authorizer-protected, or says why it is public (README, "Who may call a route").
      app: { api: { type: 'http', routes: {} } },`,
  },
  jobs: {
    summary: 'scheduled functions and their tables',
    source: () => `
      // A scheduled function bundled from lambdas/session-maintenance, and the table it cleans.
      jobs: {
        enabled: true,
        tables: { sessions: { partitionKey: { name: 'sessionId', type: 'S' }, ttlAttribute: 'expiresAt' } },
        functions: {
          'session-maintenance': {
            code: { type: 'bundled', handler: 'session-maintenance' },
            schedule: 'rate(1 day)',
            tables: { sessions: { actions: ['Scan', 'BatchWriteItem'], environmentVariable: 'SESSION_TABLE_NAME' } },
          },
        },
      },`,
  },
  alerting: {
    summary: 'severity topics, email, PagerDuty and Slack delivery',
    source: () => `
      // Critical alarms reach the on-call address (and PagerDuty with the oncall layer), warnings the team address.
      alerting: { enabled: true, criticalAlertEmail: 'oncall@example.com', teamNotificationEmail: 'team@example.com' },`,
  },
  monitoring: {
    summary: "the environment's composite health alarm over every stack's critical alarms",
    needs: ['alerting'],
    source: () => `
      // One composite health alarm over the critical alarms of every stack of the environment.
      monitoring: { enabled: true },`,
  },
  oncall: {
    summary: 'PagerDuty team, schedules and escalation policy, for all environments',
    global: true,
    source: () => `
  // The PagerDuty team, a weekly rotation and the escalation policy; the users must exist in PagerDuty.
  oncall: {
    enabled: true,
    schedules: [weeklySchedule('primary', ['oncall-1@example.com', 'oncall-2@example.com'])],
    escalation: { levels: [{ delayMinutes: 15, schedules: ['primary'] }] },
  },`,
  },
};

/** File names in config/presets/ that are not presets. */
const RESERVED_NAMES = ['index', 'examples'];

export interface NewPresetOptions {
  readonly name: string;
  readonly layers: readonly string[];
}

const DEFAULT_LAYERS = ['app', 'alerting', 'monitoring'];

/** `<name> [--layers a,b]`; every problem names the argument, the rule and the value. */
export function parseArguments(argv: readonly string[], existing: readonly string[]): NewPresetOptions {
  const positional: string[] = [];
  let layersArg: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--layers') {
      layersArg = argv[++i];
      if (layersArg === undefined) throw new NewPresetError('--layers: needs a comma list of layers');
    } else if (arg.startsWith('--layers=')) {
      layersArg = arg.slice('--layers='.length);
    } else if (arg.startsWith('-')) {
      throw new NewPresetError(`${arg}: unknown option; usage: npm run new-preset -- <name> [--layers a,b,...]`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) {
    throw new NewPresetError(
      `<name>: expected one preset name, got ${positional.length === 0 ? 'none' : positional.map((p) => JSON.stringify(p)).join(' ')}; usage: npm run new-preset -- <name> [--layers a,b,...]`,
    );
  }
  const name = positional[0];
  if (!SERVICE_NAME_RULE.test(name)) {
    throw new NewPresetError(
      `<name>: must be 3 to 20 characters of a-z, 0-9 and -, start with a letter and not end with - (it becomes the service name that starts every resource name), got ${JSON.stringify(name)}`,
    );
  }
  if (RESERVED_NAMES.includes(name)) {
    throw new NewPresetError(
      `<name>: ${name} is a file of config/presets that is not a preset, got ${JSON.stringify(name)}`,
    );
  }
  if (existing.includes(name)) {
    throw new NewPresetError(`<name>: preset ${name} already exists; choose another name, got ${JSON.stringify(name)}`);
  }
  const layers = layersArg === undefined ? DEFAULT_LAYERS : layersArg.split(',').map((l) => l.trim());
  const known = Object.keys(LAYER_TEMPLATES);
  for (const layer of layers) {
    if (!known.includes(layer)) {
      throw new NewPresetError(`--layers: must list layers among ${known.join(', ')}, got ${JSON.stringify(layer)}`);
    }
  }
  for (const layer of layers) {
    for (const needed of LAYER_TEMPLATES[layer].needs ?? []) {
      if (!layers.includes(needed)) {
        throw new NewPresetError(`--layers: ${layer} needs ${needed}; add it, got ${JSON.stringify(layers.join(','))}`);
      }
    }
  }
  // In the order of LAYER_TEMPLATES, each once, so the same request always writes the same file.
  return { name, layers: known.filter((l) => layers.includes(l)) };
}

/** `energy-insights` → `energyInsights`: the preset's export. */
export function exportName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The preset's source before formatting. */
export function presetSource(options: NewPresetOptions): string {
  const { name, layers } = options;
  const perEnvironment = layers.filter((l) => !LAYER_TEMPLATES[l].global);
  const global = layers.filter((l) => LAYER_TEMPLATES[l].global);
  const appOff = layers.includes('app')
    ? ''
    : `
      // The app layer is on unless switched off (it always serves the health function).
      app: { enabled: false },`;
  const layerList = layers.map((l) => `${l}: ${LAYER_TEMPLATES[l].summary}`).join('; ');
  const header = wrap(
    `${name}: describe your product here. Layers: ${layerList}. Written by ` +
      `\`npm run new-preset -- ${name} --layers ${layers.join(',')}\`; edit it freely: the schema (config/schema.ts, ` +
      'config/layers/*.ts) checks every field at synth and names the field of any mistake.',
  );
  return `/**
${header.map((l) => ` * ${l}`).join('\n')}
 */
import type { PlatformConfigInput } from '../schema';
${global.includes('oncall') ? "import { weeklySchedule } from './examples';\n" : ''}
type EnvironmentInput = PlatformConfigInput['environments'][string];

/** What every environment shares; each environment below sets what differs. */
const layers: EnvironmentInput = {${perEnvironment.map((l) => LAYER_TEMPLATES[l].source(layers)).join('')}${appOff}
};

export const ${exportName(name)}: PlatformConfigInput = {
  service: '${name}',
  region: 'us-east-1',
  // The GitHub repository that deploys this product: the bootstrap stack's deploy roles trust its environments.
  repository: { owner: 'example-org', name: '${name}', defaultBranch: 'main' },${global.map((l) => LAYER_TEMPLATES[l].source(layers)).join('')}
  environments: {
    dev: { ...layers, logRetentionDays: 7 },
    staging: { ...layers, logRetentionDays: 14 },
    // protectStatefulResources marks production: deletion protection, canary deployments, paging on errors.
    prod: { ...layers, logRetentionDays: 30, protectStatefulResources: true },
  },
};
`;
}

/** Words in lines of at most `width` characters, for the header comment (prettier leaves comments alone). */
function wrap(text: string, width = 114): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

/**
 * Adds the preset to the registry source: its import in the sorted import block, its entry last in PRESETS. The
 * edit is textual and refuses a registry whose shape it does not recognize rather than guess.
 */
export function registerPreset(indexSource: string, name: string): string {
  const ident = exportName(name);
  const importLine = `import { ${ident} } from './${name}';`;
  const lines = indexSource.split('\n');
  const imports = lines
    .map((line, i) => ({ line, i, from: /^import \{ \w+ \} from '\.\/([a-z0-9-]+)';$/.exec(line)?.[1] }))
    .filter((l) => l.from !== undefined);
  const open = lines.findIndex((l) => /^export const PRESETS\b.*= \{$/.test(l));
  const close = open < 0 ? -1 : lines.findIndex((l, i) => i > open && l === '};');
  if (imports.length === 0 || open < 0 || close < 0) {
    throw new NewPresetError(
      `config/presets/index.ts: no preset imports or no "export const PRESETS ... = {" object found; register ${ident} by hand`,
    );
  }
  const key = ident === name ? name : `'${name}'`;
  lines.splice(close, 0, `  ${key}: ${ident},`);
  const before = imports.find((l) => (l.from as string) > name);
  lines.splice(before ? before.i : imports[imports.length - 1].i + 1, 0, importLine);
  return lines.join('\n');
}

async function formatted(file: string, source: string): Promise<string> {
  // Loaded when needed: prettier's entry point imports ESM dynamically, which jest (importing this module) refuses.
  const { format, resolveConfig } = await import('prettier');
  return format(source, { ...(await resolveConfig(file)), filepath: file });
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseArguments(argv, Object.keys(PRESETS));
  const presetFile = join(ROOT, 'config', 'presets', `${options.name}.ts`);
  const indexFile = join(ROOT, 'config', 'presets', 'index.ts');
  if (existsSync(presetFile)) {
    throw new NewPresetError(`<name>: config/presets/${options.name}.ts already exists; it is not overwritten`);
  }
  const index = readFileSync(indexFile, 'utf8');
  const registered = await formatted(indexFile, registerPreset(index, options.name));
  const source = await formatted(presetFile, presetSource(options));
  writeFileSync(presetFile, source);
  writeFileSync(indexFile, registered);
  const synth = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-app.mjs'), join(ROOT, 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PLATFORM_PRESET: options.name, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' },
    stdio: 'inherit',
  });
  if (synth.status !== 0) {
    rmSync(presetFile, { force: true });
    writeFileSync(indexFile, index);
    throw new NewPresetError(`synth of ${options.name} failed (above); config/presets/${options.name}.ts was removed`);
  }
  process.stdout.write(
    `wrote config/presets/${options.name}.ts, registered it in config/presets/index.ts and synthesized it into ` +
      `${process.env.CDKTF_OUTDIR ?? 'cdktf.out'}/. Next: edit the preset, then\n` +
      `  PLATFORM_PRESET=${options.name} npm run synth\n  npm test && npm run lint\n`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (!(error instanceof NewPresetError)) throw error;
    process.stderr.write(`new-preset: ${error.message}\n`);
    process.exit(1);
  });
}
