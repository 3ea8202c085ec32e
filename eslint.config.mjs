// ESLint (flat config) with typescript-eslint's recommended, type-aware-free rules: fast enough for every
// `npm test`. tsc (strict, see tsconfig.json) already checks types; this catches what it does not.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly',
        Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly',
        clearInterval: 'readonly', setImmediate: 'readonly', performance: 'readonly', URL: 'readonly',
        TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', fetch: 'readonly',
        globalThis: 'readonly', queueMicrotask: 'readonly', AbortController: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // YAML indentation in patterns reads best as the spaces themselves.
      'no-regex-spaces': 'off',
    },
  },
  {
    // The real-VS-Code harness passes some functions to page.evaluate(): they run in the browser.
    files: ['scripts/vscode/**', 'tools/vscode/**'],
    languageOptions: { globals: { document: 'readonly', NodeFilter: 'readonly', window: 'readonly', getComputedStyle: 'readonly' } },
  },
);
