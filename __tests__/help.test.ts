/**
 * The first-deployment order in `help` must work: every stack holding a bucket that the first artifact is uploaded
 * to is deployed before the upload step, and so is everything that stack depends on (checked against the stack
 * graph of every preset).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { PRESETS } from '../config/presets';
import { synthPreset } from './support/app';

const help = readFileSync(join(__dirname, '..', 'help'), 'utf8').split('\n');
const start = help.findIndex((l) => l.startsWith('First deployment of an environment'));
const block = help.slice(start + 1, help.indexOf('', start));
const upload = block.findIndex((l) => l.includes('upload the first artifact'));

/** The layers deployed before the upload step, in order: `<service>-<env>-<layer>` or global `<service>-<layer>`. */
const beforeUpload = block
  .slice(0, upload)
  .map((l) => /(?:npx cdktf|npm run cdktf --) deploy <service>-(?:<env>-)?([a-z]+)\b/.exec(l)?.[1])
  .filter((layer): layer is string => layer !== undefined);

/**
 * Buckets that first artifacts are uploaded to: the registry's and the data layer's, not the pipeline's artifact
 * store (`-pipeline-artifacts`), which CodePipeline fills itself.
 */
const ARTIFACT_BUCKET = /(?<!-pipeline)-(artifacts|lambda-deployments)$/;

function artifactBucketStacks(synth: ReturnType<typeof synthPreset>): string[] {
  return Object.keys(synth.dependencies).filter((stack) =>
    Object.values(synth.json(stack).resource?.aws_s3_bucket ?? {}).some((b) =>
      ARTIFACT_BUCKET.test(String((b as { bucket?: string }).bucket)),
    ),
  );
}

describe('help: first deployment of an environment', () => {
  test('the stacks holding artifact buckets are the data stack (data layer on) and the registry (off)', () => {
    expect(artifactBucketStacks(synthPreset({ preset: 'platform', environments: ['dev'] }))).toEqual([
      'platform-dev-data',
    ]);
    expect(artifactBucketStacks(synthPreset({ preset: 'smartpack', environments: ['dev'] }))).toEqual([
      'smartpack-dev-registry',
    ]);
  });

  test('has an upload step after the stacks it needs', () => {
    expect(upload).toBeGreaterThan(0);
    expect(beforeUpload).toEqual(expect.arrayContaining(['bootstrap', 'registry', 'network', 'data']));
  });

  test.each(Object.keys(PRESETS))(
    '%s: artifact buckets and their dependencies are deployed before the upload',
    (preset) => {
      const synth = synthPreset({ preset });
      const layerOf = (stack: string) => stack.split('-').pop() as string;
      const holders = artifactBucketStacks(synth);
      for (const stack of holders) {
        expect(beforeUpload).toContain(layerOf(stack));
        for (const dependency of synth.dependencies[stack]) {
          const position = beforeUpload.indexOf(layerOf(dependency));
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThan(beforeUpload.indexOf(layerOf(stack)));
        }
      }
    },
  );
});
