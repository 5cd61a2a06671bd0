// One linter over the whole tree (web, supabase/local, functions, tests, scripts); prettier owns formatting.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  {
    ignores: [
      '**/node_modules/**',
      'build/**',
      '.svelte-kit/**',
      'web/.svelte-kit/**',
      '.stack/**',
      '.deno/**',
      'test-results/**',
      'playwright-report/**',
      'tests/bench/routing/instances/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, Deno: 'readonly' } },
    rules: {
      // Boundaries with untyped JSON (wire formats, pg rows) use `any` deliberately; CONVENTIONS.md asks for
      // types where they are easy, which a linter cannot judge.
      '@typescript-eslint/no-explicit-any': 'off',
      // The app has no `paths.base`, so wrapping every href in resolve() would change nothing.
      'svelte/no-navigation-without-resolve': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
);
