/** Removes the run's temporary folder (global-setup.ts) with everything the tests left in it. */
import { rmSync } from 'fs';
import { RUN_TMPDIR_VARIABLE } from './global-setup';

export default function globalTeardown(): void {
  const runDir = process.env[RUN_TMPDIR_VARIABLE];
  if (runDir) rmSync(runDir, { recursive: true, force: true });
  const original = process.env.PLATFORM_TEST_ORIGINAL_TMPDIR;
  if (original) process.env.TMPDIR = original;
  else delete process.env.TMPDIR;
}
