// Parses every workflow in .github/workflows with GitHub's own workflow parser (@actions/workflow-parser, the one
// behind the Actions language service) and converts it to its template, which also checks jobs, needs, matrices and
// expressions. Prints each file's errors and exits 1 when there is any; `--json` prints, per file, its errors and the
// job IDs the converted template has, for the workflow tests; `--dir <folder>` checks another folder.
import { buildSync } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { pathToFileURL } from 'url';

const root = resolve(import.meta.dirname, '..');

// The parser's ES modules import its schema JSON without an import attribute, which Node 20 refuses; esbuild bundles
// the package (JSON included) into one module once.
const bundle = join(root, '.build', 'workflow-parser.cjs');
mkdirSync(join(root, '.build'), { recursive: true });
buildSync({
  stdin: { contents: "export * from '@actions/workflow-parser';", resolveDir: root },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  logLevel: 'error',
});
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = (await import(pathToFileURL(bundle).href))
  .default;
const dirAt = process.argv.indexOf('--dir');
const folder = dirAt > 0 ? resolve(process.argv[dirAt + 1]) : join(root, '.github', 'workflows');
const files = readdirSync(folder).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));

/** Reusable workflows that other workflows call by path, for the converter to resolve `uses: ./...`. */
const fileProvider = {
  getFileContent: async (ref) => {
    const name = ref.path.replace(/^\.github\/workflows\//, '');
    return { name: ref.path, content: readFileSync(join(folder, name), 'utf8') };
  },
};

const report = [];
for (const file of files.sort()) {
  const content = readFileSync(join(folder, file), 'utf8');
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  let jobs = [];
  if (parsed.value !== undefined) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value, fileProvider);
    errors.push(...(template.errors ?? []).map((e) => e.Message ?? String(e)));
    jobs = (template.jobs ?? []).map((j) => j.id?.value ?? String(j.id));
  }
  report.push({ file, errors, jobs });
}

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(report, undefined, 2)}\n`);
} else {
  for (const { file, errors } of report) {
    process.stdout.write(errors.length === 0 ? `ok ${file}\n` : `${file}:\n${errors.map((e) => `  ${e}\n`).join('')}`);
  }
}
process.exit(report.some((r) => r.errors.length > 0) ? 1 : 0);
