/**
 * Terraform Cloud mode: the synthesized JSON of a cloud-backed app (one workspace per stack, remote state read
 * through the `remote` backend), and scripts/tfc-workspaces.mjs, which sets every workspace to local execution and
 * shares each state with exactly its readers, against an HCP Terraform API stand-in on 127.0.0.1.
 */
import { spawn, spawnSync } from 'child_process';
import { join, resolve } from 'path';
import { validateConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';
import { synthesizeConfig, synthPreset } from '../support/app';
import { MutableInput } from '../support/config';
import { HttpStub, json, startStub } from '../support/http-stub';

const SCRIPT = resolve(__dirname, '..', '..', 'scripts', 'tfc-workspaces.mjs');

const input = structuredClone(PRESETS['energy-insights']) as MutableInput;
input.state = { backend: 'cloud', organization: 'acme', project: 'platform' };
const synth = synthesizeConfig(validateConfig(input));
const manifest = join(synth.outdir, 'manifest.json');
const stackNames = Object.keys(synth.dependencies);

interface Workspace {
  name: string;
  organization: string;
  project: string;
  executionMode: string;
  globalRemoteState: boolean;
  consumers: string[];
}

describe('cloud backend', () => {
  test('every stack has a cloud block naming its own workspace in the project', () => {
    for (const name of stackNames) {
      expect(synth.json(name).terraform.cloud).toEqual({
        organization: 'acme',
        hostname: 'app.terraform.io',
        workspaces: { name, project: 'platform' },
      });
    }
  });

  test('cross-stack reads go through the remote backend to the origin workspace', () => {
    const remote = synth.json('energy-insights-pipeline').data.terraform_remote_state;
    expect(remote['cross-stack-reference-input-energy-insights-bootstrap']).toEqual({
      backend: 'remote',
      config: { organization: 'acme', hostname: 'app.terraform.io', workspaces: { name: 'energy-insights-bootstrap' } },
    });
  });
});

describe('tfc-workspaces --dry-run', () => {
  const result = spawnSync('node', [SCRIPT, '--manifest', manifest, '--dry-run'], { encoding: 'utf8' });
  const workspaces = JSON.parse(result.stdout) as Workspace[];
  const byName = Object.fromEntries(workspaces.map((w) => [w.name, w]));

  test('one workspace per stack, each in local execution mode, none sharing state with the whole organization', () => {
    expect(workspaces.map((w) => w.name).sort()).toEqual([...stackNames].sort());
    for (const w of workspaces) {
      expect(w).toMatchObject({
        organization: 'acme',
        project: 'platform',
        executionMode: 'local',
        globalRemoteState: false,
      });
    }
  });

  test("each workspace's consumers are exactly the stacks that depend on it", () => {
    for (const origin of stackNames) {
      const readers = stackNames.filter((reader) => {
        const remote = synth.json(reader).data?.terraform_remote_state ?? {};
        return Object.keys(remote).includes(`cross-stack-reference-input-${origin}`);
      });
      expect(byName[origin].consumers).toEqual(readers.sort());
    }
    expect(byName['energy-insights-bootstrap'].consumers).toEqual([
      'energy-insights-github',
      'energy-insights-pipeline',
    ]);
  });

  test('a local-state app needs no workspace', () => {
    const local = spawnSync(
      'node',
      [
        SCRIPT,
        '--manifest',
        join(synthPreset({ preset: 'energy-insights', environments: ['dev'] }).outdir, 'manifest.json'),
      ],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      },
    );
    expect(local.status).toBe(0);
    expect(local.stdout).toContain('no stack uses the cloud backend');
  });
});

describe('tfc-workspaces against the API', () => {
  let api: HttpStub;
  const existing = new Set(['energy-insights-bootstrap']);
  const idOf = (name: string) => `ws-${name}`;

  beforeAll(async () => {
    api = await startStub((req, res) => {
      const show = /^\/api\/v2\/organizations\/acme\/workspaces\/([^/?]+)$/.exec(req.url);
      if (req.method === 'GET' && show) {
        const name = decodeURIComponent(show[1]);
        return existing.has(name) ? json(res, 200, { data: { id: idOf(name) } }) : json(res, 404, { errors: [] });
      }
      if (req.method === 'PATCH' && show) return json(res, 200, { data: { id: idOf(decodeURIComponent(show[1])) } });
      if (req.method === 'GET' && req.url.startsWith('/api/v2/organizations/acme/projects')) {
        return json(res, 200, { data: [{ id: 'prj-1', attributes: { name: 'platform' } }] });
      }
      if (req.method === 'POST' && req.url === '/api/v2/organizations/acme/workspaces') {
        return json(res, 201, { data: { id: idOf(JSON.parse(req.body).data.attributes.name) } });
      }
      if (req.method === 'PATCH' && /\/relationships\/remote-state-consumers$/.test(req.url)) {
        return json(res, 204, {});
      }
      json(res, 400, { errors: [{ detail: `unexpected ${req.method} ${req.url}` }] });
    });
    const status = await new Promise<number | null>((done) => {
      const child = spawn('node', [SCRIPT, '--manifest', manifest], {
        env: { PATH: process.env.PATH, TF_API_TOKEN: 'test-token', TFC_ADDRESS: api.url },
        stdio: 'inherit',
      });
      child.on('close', done);
    });
    expect(status).toBe(0);
  });
  afterAll(() => api.close());

  test('authenticates every call with the team token as a JSON:API client', () => {
    for (const r of api.requests) {
      expect(r.headers.authorization).toBe('Bearer test-token');
      expect(r.headers['content-type']).toBe('application/vnd.api+json');
    }
  });

  test('updates an existing workspace to local execution, overriding the project default', () => {
    const patch = api.requests.find(
      (r) => r.method === 'PATCH' && r.url.endsWith('/workspaces/energy-insights-bootstrap'),
    );
    expect(JSON.parse(patch!.body).data.attributes).toEqual({
      'execution-mode': 'local',
      'setting-overwrites': { 'execution-mode': true },
      'global-remote-state': false,
    });
  });

  test('creates a missing workspace in its project', () => {
    const created = api.requests
      .filter((r) => r.method === 'POST')
      .map((r) => JSON.parse(r.body).data)
      .find((d) => d.attributes.name === 'energy-insights-github');
    expect(created).toMatchObject({
      attributes: { 'execution-mode': 'local', 'global-remote-state': false },
      relationships: { project: { data: { type: 'projects', id: 'prj-1' } } },
    });
  });

  test("replaces each workspace's remote-state consumers with its readers' workspace IDs", () => {
    const consumers = api.requests.find(
      (r) => r.url === `/api/v2/workspaces/${idOf('energy-insights-bootstrap')}/relationships/remote-state-consumers`,
    );
    expect(consumers!.method).toBe('PATCH');
    expect(JSON.parse(consumers!.body).data).toEqual([
      { type: 'workspaces', id: idOf('energy-insights-github') },
      { type: 'workspaces', id: idOf('energy-insights-pipeline') },
    ]);
  });
});
