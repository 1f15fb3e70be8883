// The plugin's lint: ESLint's and typescript-eslint's recommended rules, formatting left to
// Prettier (.prettierrc, Strapi's settings). `npm run lint` runs both; .ci/run runs it first.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['plugins/extranet/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, strapi: 'readonly' } },
    rules: {
      // Strapi's own types leave entity rows untyped; the plugin narrows them where it decides
      // (access/ allows none, below).
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // The shared contracts are `declare namespace`s, one per endpoint, as content-releases' are.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    // The access rule and its doors name every shape they read (access/types.ts for what Strapi
    // leaves untyped): no `any`, their unit tests included.
    files: ['plugins/extranet/server/src/access/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['plugins/extranet/**/__tests__/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ['plugins/extranet/admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['plugins/extranet/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier
);
