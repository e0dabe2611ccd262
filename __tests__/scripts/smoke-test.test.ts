/** scripts/smoke-test.mjs against a health endpoint served on 127.0.0.1. */
import { spawn } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { HttpStub, json, startStub } from '../support/http-stub';

const SCRIPT = resolve(__dirname, '..', '..', 'scripts', 'smoke-test.mjs');

/** Runs the script asynchronously (the stub answers in this process) with fast retries. */
function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('node', [SCRIPT, ...args, '--attempts', '3', '--delay-ms', '10', '--timeout-ms', '2000'], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** An outputs folder as the deploy loop writes it: one cdktf outputs file per stack. */
function outputsFolder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'outputs-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

describe('smoke-test', () => {
  let stub: HttpStub;
  let answers: { status: number; body: unknown }[];

  beforeEach(async () => {
    answers = [];
    stub = await startStub((_req, res) => {
      const answer = answers.shift() ?? { status: 200, body: { status: 'ok', environment: 'dev', version: '1' } };
      json(res, answer.status, answer.body);
    });
  });
  afterEach(() => stub.close());

  test('passes when every api-url of the outputs answers /health with status ok in the right environment', async () => {
    const dir = outputsFolder({
      'svc-dev-app.json': { 'svc-dev-app': { 'api-url': `${stub.url}/` } },
      'svc-dev-network.json': { 'svc-dev-network': { 'vpc-id': 'vpc-1' } },
    });
    const result = await run(['--outputs', dir, '--environment', 'dev']);
    expect(result.status).toBe(0);
    expect(stub.requests.map((r) => r.url)).toEqual(['/health']);
  });

  test('retries a stage that is not ready yet', async () => {
    answers = [{ status: 503, body: {} }];
    const result = await run(['--url', stub.url]);
    expect(result.status).toBe(0);
    expect(stub.requests).toHaveLength(2);
  });

  test('fails when the endpoint keeps failing, naming it and the last answer', async () => {
    answers = [0, 1, 2].map(() => ({ status: 500, body: { message: 'boom' } }));
    const result = await run(['--url', stub.url]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`FAILED ${stub.url}/health after 3 attempt(s): HTTP 500`);
  });

  test('fails when the API answers for another environment', async () => {
    answers = [0, 1, 2].map(() => ({ status: 200, body: { status: 'ok', environment: 'staging' } }));
    const result = await run(['--url', stub.url, '--environment', 'prod']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('answers for environment staging, expected prod');
  });

  test('reads the folder from the variable CodeBuild names for a secondary input', async () => {
    const dir = outputsFolder({ 'svc-dev-app.json': { 'svc-dev-app': { 'api-url': stub.url } } });
    const result = await run(['--outputs-env', 'OUTPUTS_VARIABLE_TARGET'], { OUTPUTS_VARIABLE_TARGET: dir });
    expect(result.status).toBe(0);
    expect(stub.requests).toHaveLength(1);
  });

  test('a deployment without an API has nothing to check and passes, saying so', async () => {
    const dir = outputsFolder({ 'svc-dev-cdn.json': { 'svc-dev-cdn': { 'distribution-id': 'E1' } } });
    const result = await run(['--outputs', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no api-url output');
    expect(stub.requests).toEqual([]);
  });
});
