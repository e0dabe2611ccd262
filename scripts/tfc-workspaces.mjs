// Prepares the HCP Terraform (Terraform Cloud) workspaces of a synthesized app whose backend is `cloud`: one
// workspace per stack, named after it, with
//   - execution mode local: plans and applies run where the workflow runs, with the AWS credentials it got through
//     GitHub OIDC and the AWS CLI that the app layer's canary shift needs; HCP Terraform keeps state and locks only;
//   - remote state shared with exactly the workspaces that read it: HCP Terraform shares state with no workspace by
//     default, which refuses every cross-stack terraform_remote_state read. The readers are found in the synthesized
//     JSON (each `terraform_remote_state` data source with backend "remote" names the workspace it reads).
//
//   node scripts/tfc-workspaces.mjs --manifest cdktf.out/manifest.json [--dry-run]
//
// --dry-run prints the settings it would apply. Otherwise it needs TF_API_TOKEN (a team token that may manage the
// workspaces) and calls the HCP Terraform API at https://<hostname> from the cloud block, or at TFC_ADDRESS when set.
// Stacks without a cloud block are ignored, so running it on a local- or s3-backed app does nothing.
/* global fetch */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

function fail(message) {
  process.stderr.write(`tfc-workspaces: ${message}\n`);
  process.exit(2);
}

function readJson(file) {
  if (!existsSync(file)) fail(`${file} does not exist (run the synth first)`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The workspace of every cloud-backed stack, with the workspaces allowed to read its state. */
function desiredWorkspaces(manifestFile) {
  const manifest = readJson(manifestFile);
  const root = dirname(manifestFile);
  const workspaces = new Map();
  const reads = [];
  for (const entry of Object.values(manifest.stacks ?? {})) {
    const json = readJson(join(root, entry.synthesizedStackPath));
    const cloud = json.terraform?.cloud;
    if (cloud === undefined) continue;
    const name = cloud.workspaces?.name;
    if (typeof name !== 'string') fail(`stack ${entry.name} has a cloud block without workspaces.name`);
    workspaces.set(name, {
      name,
      organization: cloud.organization,
      hostname: cloud.hostname ?? 'app.terraform.io',
      project: cloud.workspaces.project,
      executionMode: 'local',
      globalRemoteState: false,
      consumers: [],
    });
    for (const data of Object.values(json.data?.terraform_remote_state ?? {})) {
      if (data.backend === 'remote' && typeof data.config?.workspaces?.name === 'string') {
        reads.push({ reader: name, origin: data.config.workspaces.name });
      }
    }
  }
  for (const { reader, origin } of reads) {
    const target = workspaces.get(origin);
    if (target === undefined) fail(`${reader} reads the state of ${origin}, which is not a workspace of this app`);
    if (!target.consumers.includes(reader)) target.consumers.push(reader);
  }
  for (const w of workspaces.values()) w.consumers.sort();
  return [...workspaces.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function client(hostname, token) {
  const base = (process.env.TFC_ADDRESS ?? `https://${hostname}`).replace(/\/+$/, '');
  return async (method, path, body) => {
    const response = await fetch(`${base}/api/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.api+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (method === 'GET' && response.status === 404) return undefined;
    if (!response.ok) fail(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : {};
  };
}

async function projectId(api, organization, project) {
  if (project === undefined) return undefined;
  const found = await api(
    'GET',
    `/organizations/${organization}/projects?filter%5Bnames%5D=${encodeURIComponent(project)}`,
  );
  const id = found?.data?.find((p) => p.attributes?.name === project)?.id;
  if (id === undefined) fail(`project ${project} does not exist in organization ${organization} (create it once)`);
  return id;
}

async function apply(workspaces, token) {
  const ids = new Map();
  for (const w of workspaces) {
    const api = client(w.hostname, token);
    const attributes = {
      'execution-mode': w.executionMode,
      'setting-overwrites': { 'execution-mode': true },
      'global-remote-state': w.globalRemoteState,
    };
    const path = `/organizations/${w.organization}/workspaces/${encodeURIComponent(w.name)}`;
    let workspace = await api('GET', path);
    if (workspace === undefined) {
      const project = await projectId(api, w.organization, w.project);
      workspace = await api('POST', `/organizations/${w.organization}/workspaces`, {
        data: {
          type: 'workspaces',
          attributes: { name: w.name, ...attributes },
          ...(project ? { relationships: { project: { data: { type: 'projects', id: project } } } } : {}),
        },
      });
      process.stdout.write(`created ${w.name}\n`);
    } else {
      workspace = await api('PATCH', path, { data: { type: 'workspaces', attributes } });
    }
    ids.set(w.name, workspace.data.id);
  }
  for (const w of workspaces) {
    const api = client(w.hostname, token);
    // PATCH replaces the list: a reader that no longer reads this state loses access.
    await api('PATCH', `/workspaces/${ids.get(w.name)}/relationships/remote-state-consumers`, {
      data: w.consumers.map((c) => ({ type: 'workspaces', id: ids.get(c) })),
    });
    process.stdout.write(
      `${w.name}: execution mode ${w.executionMode}, state shared with ${w.consumers.join(', ') || 'no workspace'}\n`,
    );
  }
}

const args = process.argv.slice(2);
const manifestAt = args.indexOf('--manifest');
if (manifestAt < 0 || args[manifestAt + 1] === undefined) fail('--manifest is required');
const workspaces = desiredWorkspaces(args[manifestAt + 1]);
if (args.includes('--dry-run')) {
  process.stdout.write(`${JSON.stringify(workspaces, undefined, 2)}\n`);
} else if (workspaces.length === 0) {
  process.stdout.write('tfc-workspaces: no stack uses the cloud backend; nothing to do\n');
} else {
  const token = process.env.TF_API_TOKEN;
  if (!token) fail('TF_API_TOKEN is not set');
  await apply(workspaces, token);
}
