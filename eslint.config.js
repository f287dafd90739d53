// Self-lint (STYLE.md item 25): typescript-eslint on our own code, eslint-plugin-eslint-plugin on rules and rule
// tests, and our own `all` config on src/ — taken from the build, so `npm run build` must run first (`npm test` does).
import { existsSync } from 'node:fs';

import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const builtPlugin = new URL('./dist/index.js', import.meta.url);
if (!existsSync(builtPlugin)) {
  throw new Error('eslint.config.js dogfoods the built plugin: run `npm run build` before `npm run lint`.');
}
const { default: cleanup } = await import(builtPlugin.href);

const code = ['src/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.{js,ts}', 'bench/**/*.{js,ts}', '*.{js,ts}'];

export default defineConfig(
  {
    name: 'cleanup-repo/ignores',
    ignores: [
      'dist/',
      'coverage/',
      'tests/fixtures/',
      'tests/integration/fixtures/',
      'tests/meta/corpus/',
      'examples/',
      'bench/.cache/',
    ],
  },
  {
    name: 'cleanup-repo/linter-options',
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
  },
  {
    name: 'cleanup-repo/typescript-eslint',
    files: code,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The strictest type-aware set typescript-eslint publishes, on the plugin's own source.
    name: 'cleanup-repo/typescript-eslint/strict-type-checked',
    files: ['src/**/*.ts'],
    // Files still to clean up (issue 13): each leaves this list when `strictTypeChecked` passes on it.
    ignores: [
      'src/analysis/guarantee.ts',
      'src/analysis/loops.ts',
      'src/analysis/paths.ts',
      'src/analysis/teardown.ts',
      'src/fix/statements.ts',
      'src/fix/tryFinally.ts',
      'src/fix/using.ts',
      'src/resources/disposables.ts',
      'src/resources/handles.ts',
      'src/resources/match.ts',
      'src/resources/owned.ts',
      'src/resources/types.ts',
      'src/rules/no-leaked-listener.ts',
      'src/rules/no-leaked-timer.ts',
      'src/rules/prefer-using.ts',
      'src/rules/release-in-finally.ts',
      'src/rules/require-stop-signal.ts',
      'src/util/listeners.ts',
      'src/util/walk.ts',
    ],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Template literals of numbers and booleans in messages are intended.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    name: 'cleanup-repo/eslint-plugin/rules',
    files: ['src/rules/**/*.ts'],
    extends: [eslintPlugin.configs['rules-recommended']],
    rules: {
      // STYLE.md item 5.
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Require|Disallow|Enforce) [^]*[^.]$' }],
    },
  },
  {
    name: 'cleanup-repo/eslint-plugin/tests',
    files: ['tests/rules/**/*.ts'],
    extends: [eslintPlugin.configs['tests-recommended']],
    // These rules find `run` calls only on testers constructed in the same file (`new CleanupRuleTester()`), not on
    // the shared testers imported from tests/RuleTester.ts.
    settings: { 'eslint-plugin': { ruleTesterConstructors: ['RuleTester', 'CleanupRuleTester'] } },
    rules: {
      // STYLE.md item 18: every invalid case states its output (or `output: null`).
      'eslint-plugin/consistent-output': ['error', 'always'],
    },
  },
  {
    // Dogfood: every rule of this plugin, with type information, on its own source.
    name: 'cleanup-repo/dogfood',
    files: ['src/**/*.ts'],
    extends: [cleanup.configs.all],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
);
