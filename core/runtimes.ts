/**
 * Lambda runtimes the platform knows: the one its own handlers (lambdas/) are bundled for, and those a zip function
 * built elsewhere may declare (container images bring their own).
 */

/** Runtime of the handlers bundled from `lambdas/`, and the default of every Node.js function. */
export const DEFAULT_NODE_RUNTIME = 'nodejs22.x';

/** Runtimes of zip functions built outside this repository. */
export const ZIP_RUNTIMES = [
  'nodejs20.x',
  'nodejs22.x',
  'python3.11',
  'python3.12',
  'python3.13',
  'java21',
  'provided.al2023',
] as const;
export type ZipRuntime = (typeof ZIP_RUNTIMES)[number];
