/**
 * `npm run cdktf -- <command> [args]`: the cdktf CLI as this project runs it.
 *
 * - Offline: Terraform and cdktf check for updates and send telemetry (checkpoint-api.hashicorp.com), and cdktf asks
 *   the npm registry for a newer version of itself; CHECKPOINT_DISABLE and DISABLE_VERSION_CHECK turn all of it off
 *   for every command, and for the terraform runs the CLI starts.
 * - Errors once: the CLI prints each line the app writes to stderr as it comes and then again in its summary, so a
 *   configuration error would show twice. Commands that synthesize run the app here first (scripts/run-app.mjs, as
 *   cdktf.json does), which prints an error once and stops; the CLI then runs with --skip-synth on the fresh output.
 */
import { spawnSync } from 'child_process';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '..');

/** The variables that keep Terraform and the cdktf CLI off the network. */
export const OFFLINE_ENV: Readonly<Record<string, string>> = { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' };

/** Commands whose CLI run synthesizes first, and which of them can be told not to. */
const SYNTHESIZING = ['synth', 'deploy', 'diff', 'destroy', 'output', 'list'];
const SKIP_SYNTH = ['deploy', 'diff', 'destroy', 'output'];

export interface Step {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The runs one invocation takes, in order; each must succeed for the next to start. */
export function cdktfSteps(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Step[] {
  const offline = { ...env, ...OFFLINE_ENV };
  const [command] = args;
  const cli = (cliArgs: readonly string[]): Step => ({
    command: process.execPath,
    args: [require.resolve('cdktf-cli/bundle/bin/cdktf'), ...cliArgs],
    env: offline,
  });
  if (command === undefined || !SYNTHESIZING.includes(command)) return [cli(args)];
  const outdir = outputOf(args) ?? env.CDKTF_OUTDIR ?? 'cdktf.out';
  const synth: Step = {
    command: process.execPath,
    args: [join(ROOT, 'scripts', 'run-app.mjs'), join(ROOT, 'main.ts')],
    env: { ...offline, CDKTF_OUTDIR: outdir },
  };
  // The app writes what `cdktf synth` writes; the CLI would only synthesize the same again.
  if (command === 'synth' && args.length === 1) return [synth];
  const rest = args.slice(1);
  const output = outputOf(args) === undefined ? ['--output', outdir] : [];
  if (SKIP_SYNTH.includes(command) && !rest.includes('--skip-synth')) {
    return [synth, cli([command, ...rest, ...output, '--skip-synth'])];
  }
  return [synth, cli([command, ...rest, ...output])];
}

function outputOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--output' || args[i] === '-o') return args[i + 1];
    if (args[i].startsWith('--output=')) return args[i].slice('--output='.length);
  }
  return undefined;
}

if (require.main === module) {
  for (const step of cdktfSteps(process.argv.slice(2), process.env)) {
    const run = spawnSync(step.command, step.args, { cwd: ROOT, env: step.env, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
