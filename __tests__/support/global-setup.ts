/**
 * One temporary folder per test run, removed by global-teardown.ts: every test, cdktf's Testing helpers and every
 * process a test starts put their temporary files under it (os.tmpdir() reads TMPDIR), so a run leaves nothing
 * behind in the system's temporary folder, whatever a test forgets to remove.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const RUN_TMPDIR_VARIABLE = 'PLATFORM_TEST_RUN_TMPDIR';

export default function globalSetup(): void {
  const runDir = mkdtempSync(join(tmpdir(), 'platform-tests-'));
  // Workers start after this and inherit the environment; the original is kept for the teardown to restore.
  process.env[RUN_TMPDIR_VARIABLE] = runDir;
  process.env.PLATFORM_TEST_ORIGINAL_TMPDIR = process.env.TMPDIR ?? '';
  process.env.TMPDIR = runDir;
}
