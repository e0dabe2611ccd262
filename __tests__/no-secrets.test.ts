/**
 * No secret in code, config, fixtures or synthesized JSON: no tracked file and no synthesized stack of any preset
 * holds a string of a well-known credential format (modules/policy/support/secret-patterns.ts). Tests that need such
 * a value build it at run time (support/credential-shapes.ts).
 */
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { PRESETS } from '../config/presets';
import { credentialsIn } from '../modules/policy/support/secret-patterns';
import { synthPreset } from './support/app';
import { CREDENTIAL_SHAPED } from './support/credential-shapes';

const ROOT = join(__dirname, '..');

/** The files git tracks, and the new ones it does not ignore. */
function projectFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout.split('\0').filter((f) => f !== '' && !f.endsWith('package-lock.json'));
}

describe('no credential in the project', () => {
  test('the scan finds every format it knows, anywhere in a text', () => {
    const text = `key=${CREDENTIAL_SHAPED.awsAccessKeyId}; hook: "${CREDENTIAL_SHAPED.slackWebhookUrl}"`;
    expect(credentialsIn(text)).toEqual([CREDENTIAL_SHAPED.awsAccessKeyId, CREDENTIAL_SHAPED.slackWebhookUrl]);
    expect(credentialsIn('arn:aws:iam::111111111111:role/x, https://hooks.example.com/services/x')).toEqual([]);
  });

  test('no tracked file holds one', () => {
    const files = projectFiles();
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        return []; // deleted in the working tree
      }
      return credentialsIn(text).map((c) => `${file}: ${c.slice(0, 12)}...`);
    });
    expect(found).toEqual([]);
  });

  test.each(Object.keys(PRESETS))('no synthesized stack of %s holds one', (preset) => {
    const synth = synthPreset({ preset });
    const found = Object.keys(synth.dependencies).flatMap((stack) =>
      credentialsIn(JSON.stringify(synth.json(stack))).map((c) => `${stack}: ${c.slice(0, 12)}...`),
    );
    expect(found).toEqual([]);
  });
});
