// Smoke test of a deployed environment: GET <api-url>/health of every API the deployment produced must answer 200
// with {"status":"ok"} and, when given, the expected environment. The API URLs come from the stacks' outputs as
// `cdktf deploy --outputs-file` writes them ({"<stack>": {"api-url": "...", ...}}), one file per stack in a folder.
// The GitHub deploy workflow and the pipeline's integration-test stage both run it after each environment.
//
//   node scripts/smoke-test.mjs (--outputs <file or folder> | --outputs-env <variable naming the folder> | --url <base>)
//     [--environment <name>] [--attempts 10] [--delay-ms 6000] [--timeout-ms 5000]
//
// A fresh deployment may need a few seconds before its stage answers, so each endpoint is retried.
/* global fetch, setTimeout, AbortSignal */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

const HEALTH_PATH = '/health';

function fail(message) {
  process.stderr.write(`smoke-test: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { attempts: '10', 'delay-ms': '6000', 'timeout-ms': '5000' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) fail(`bad arguments near ${argv[i]}`);
    options[argv[i].slice(2)] = argv[i + 1];
  }
  return options;
}

/** API base URLs in cdktf outputs files: every output named api-url, in any stack. */
function apiUrlsIn(path) {
  if (!existsSync(path)) fail(`${path} does not exist`);
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(path, f))
    : [path];
  return files.flatMap((file) =>
    Object.entries(JSON.parse(readFileSync(file, 'utf8'))).flatMap(([stack, outputs]) =>
      Object.entries(outputs ?? {})
        .filter(([name, value]) => /(^|[-_])api-url$/.test(name) && typeof value === 'string')
        .map(([, url]) => ({ stack, url })),
    ),
  );
}

async function check(url, options) {
  const target = `${url.replace(/\/+$/, '')}${HEALTH_PATH}`;
  const attempts = Number(options.attempts);
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(target, { signal: AbortSignal.timeout(Number(options['timeout-ms'])) });
      const text = await response.text();
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (response.status !== 200) last = `HTTP ${response.status}`;
      else if (body?.status !== 'ok') last = `body is not {"status":"ok"}: ${text.slice(0, 200)}`;
      else if (options.environment && body.environment !== options.environment) {
        last = `answers for environment ${body.environment}, expected ${options.environment}`;
      } else {
        process.stdout.write(`ok ${target} (${body.environment ?? 'unknown'} ${body.version ?? ''})\n`);
        return true;
      }
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, Number(options['delay-ms'])));
  }
  process.stderr.write(`FAILED ${target} after ${attempts} attempt(s): ${last}\n`);
  return false;
}

const options = parseArgs(process.argv.slice(2));
let targets;
if (options.url) targets = [{ stack: '(given)', url: options.url }];
else if (options.outputs) targets = apiUrlsIn(options.outputs);
else if (options['outputs-env']) {
  const folder = process.env[options['outputs-env']];
  if (!folder) fail(`environment variable ${options['outputs-env']} is not set`);
  targets = apiUrlsIn(folder);
} else fail('give --outputs, --outputs-env or --url');

if (targets.length === 0) {
  // Presets without an API (the CDN-only Frigg) deploy no health endpoint; their apply is the test.
  process.stdout.write('smoke-test: the deployment has no API (no api-url output); nothing to check\n');
  process.exit(0);
}
const results = [];
for (const target of targets) results.push(await check(target.url, options));
if (results.includes(false)) process.exit(1);
