/** scripts/notify-deployment.mjs posting to a Slack stand-in on 127.0.0.1. */
import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { HttpStub, json, startStub } from '../support/http-stub';

const SCRIPT = resolve(__dirname, '..', '..', 'scripts', 'notify-deployment.mjs');

function run(env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string }> {
  return new Promise((done) => {
    const child = spawn('node', [SCRIPT], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (status) => done({ status, stdout }));
  });
}

describe('notify-deployment', () => {
  let stub: HttpStub;
  let status: number;
  beforeEach(async () => {
    status = 200;
    stub = await startStub((_, res) => json(res, status, {}));
  });
  afterEach(() => stub.close());

  test('a green message when every environment deployed, and the same headline in the run summary', async () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
    writeFileSync(summary, '');
    const result = await run({
      RESULTS: 'dev=success staging=success prod=success',
      COMMIT: '0123456789abcdef',
      RUN_URL: 'https://github.example/run/1',
      SLACK_WEBHOOK_URL: `${stub.url}/hook`,
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(result.status).toBe(0);
    const payload = JSON.parse(stub.requests[0].body);
    expect(payload.text).toBe('Deployment of 0123456789ab succeeded in dev, staging, prod');
    expect(payload.attachments[0].color).toBe('good');
    expect(readFileSync(summary, 'utf8')).toContain('succeeded in dev, staging, prod');
  });

  test('a red message naming each result when an environment failed', async () => {
    await run({ RESULTS: 'dev=success staging=failure prod=skipped', COMMIT: 'abc', SLACK_WEBHOOK_URL: stub.url });
    const payload = JSON.parse(stub.requests[0].body);
    expect(payload.text).toBe('Deployment of abc FAILED: dev success, staging failure, prod skipped');
    expect(payload.attachments[0].color).toBe('danger');
    expect(payload.attachments[0].fields).toContainEqual({ title: 'staging', value: 'failure', short: true });
  });

  test('fails when Slack refuses the message', async () => {
    status = 403;
    const result = await run({ RESULTS: 'dev=success', SLACK_WEBHOOK_URL: stub.url });
    expect(result.status).toBe(1);
  });

  test('without a webhook, only the summary: no request and success', async () => {
    const result = await run({ RESULTS: 'dev=failure' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no Slack webhook configured');
    expect(stub.requests).toEqual([]);
  });
});
