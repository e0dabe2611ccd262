import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The provider package roots load every resource class (seconds and hundreds of MB): import from lib/<resource>.
const providerRoots = ['@cdktf/provider-aws', '@cdktf/provider-github', '@cdktf/provider-pagerduty'].map((name) => ({
  name,
  message: `Import the resource from ${name}/lib/<resource> instead of the package root.`,
}));

/**
 * Folder directions: core/ is the leaf every folder may use; config/ is data and rules (no provider classes);
 * handlers ship alone in their bundles; constructs know nothing of the stacks that use them.
 */
const restrictFolders = (from, forbidden) => ({
  files: [`${from}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: providerRoots,
        // Relative imports only: the project's folders are reached as ../<folder>/ or ../../<folder>/.
        patterns: forbidden.map((name) => ({
          regex: `^(\\.{1,2}/)+${name}(/|$)`,
          message: `${from}/ must not import ${name}/ (folder directions: core <- config <- modules <- stacks; lambdas use core only).`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'cdktf.out/', '.build/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // typescript-eslint's recommended set turns this off because tsc reports it (TS1117), but tests (swc) and synth
      // (esbuild) never type-check: a preset with two 'ANY /' routes would synthesize, the second silently winning.
      'no-dupe-keys': 'error',
      'no-restricted-imports': ['error', { paths: providerRoots }],
      // process.env is read in main.ts only; everything else takes typed config.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read process.env only in main.ts.' },
      ],
    },
  },
  restrictFolders('core', ['config', 'modules', 'stacks', 'lambdas']),
  restrictFolders('config', ['modules', 'stacks', 'lambdas']),
  restrictFolders('lambdas', ['config', 'modules', 'stacks']),
  restrictFolders('modules', ['stacks']),
  {
    files: ['main.ts', 'scripts/**', '__tests__/**', 'lambdas/**', 'jest.config.js', 'eslint.config.mjs'],
    rules: { 'no-restricted-properties': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
