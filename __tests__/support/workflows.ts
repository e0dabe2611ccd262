/** The repository's workflows, read as YAML, for the workflow tests and the tests that compare stacks with them. */
import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { parse } from 'yaml';

export const WORKFLOW_DIR = resolve(__dirname, '..', '..', '.github', 'workflows');

// Workflow YAML is untyped data; tests read it defensively.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Workflow = Record<string, any>;

export function workflowFiles(): string[] {
  return readdirSync(WORKFLOW_DIR)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort();
}

export function readWorkflow(file: string): Workflow {
  return parse(readFileSync(join(WORKFLOW_DIR, file), 'utf8'));
}

/** Check names the pull-request workflow reports for its jobs without a matrix (matrix jobs report one per entry). */
export function pullRequestCheckNames(): string[] {
  const jobs = readWorkflow('pull-request.yml').jobs as Record<string, Workflow>;
  return Object.entries(jobs)
    .filter(([, job]) => job.strategy?.matrix === undefined)
    .map(([id, job]) => (typeof job.name === 'string' ? job.name : id));
}
