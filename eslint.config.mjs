import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
      // The provider package roots load every resource class (seconds and hundreds of MB): import from lib/<resource>.
      'no-restricted-imports': [
        'error',
        {
          paths: ['@cdktf/provider-aws', '@cdktf/provider-github', '@cdktf/provider-pagerduty'].map((name) => ({
            name,
            message: `Import the resource from ${name}/lib/<resource> instead of the package root.`,
          })),
        },
      ],
      // process.env is read in main.ts only; everything else takes typed config.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read process.env only in main.ts.' },
      ],
    },
  },
  {
    files: ['main.ts', 'scripts/**', '__tests__/**', 'lambdas/**', 'jest.config.js', 'eslint.config.mjs'],
    rules: { 'no-restricted-properties': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
