/**
 * Jest transpiles with swc (no type checking: `npm run typecheck` does that once, separately).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  // A temporary folder per run, removed at the end: no test run leaves temporary files behind.
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  // Only with --coverage (npm run test:coverage, the pull-request workflow): plain `npm test` stays uninstrumented.
  collectCoverageFrom: ['core/**/*.ts', 'config/**/*.ts', 'modules/**/*.ts', 'stacks/**/*.ts', 'lambdas/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { statements: 70, branches: 70, functions: 70, lines: 70 } },
  testTimeout: 60000,
};
