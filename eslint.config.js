// Self-lint (STYLE.md item 25): typescript-eslint on our own code, eslint-plugin-eslint-plugin on rules and rule
// tests, and our own `all` config on src/ — taken from the build, so `npm run build` must run first (`npm test` does).
import { existsSync } from 'node:fs';

import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';

const builtPlugin = new URL('./dist/index.js', import.meta.url);
if (!existsSync(builtPlugin)) {
  throw new Error('eslint.config.js dogfoods the built plugin: run `npm run build` before `npm run lint`.');
}
const { default: cleanup } = await import(builtPlugin.href);

const code = ['src/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bench/**/*.{js,mjs,ts}', '*.{js,mjs,ts}'];
const nodeScripts = ['scripts/**/*.{js,mjs}', 'bench/**/*.{js,mjs}', '*.{js,mjs}'];

// ESLint's own `recommended` rules. `@eslint/js` is no dependency of ours (ESLint 10 no longer depends on it; the copy
// in node_modules is 8.x, pulled in by the SARIF formatter's ESLint 8, with an older set), so the set is read from the
// installed ESLint's rule metadata (`meta.docs.recommended`), which is where `@eslint/js` builds it from.
const eslintRecommended = Object.fromEntries(
  [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended === true).map(([name]) => [name, 'error']),
);
// The globals of the Node.js that runs ESLint, which is the one that runs our scripts (ES modules: no `require`,
// `module` or `__dirname`).
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));

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
    // Benchmark, demo and fuzz scripts and the config files: plain JavaScript run by Node.js.
    name: 'cleanup-repo/node-scripts',
    files: nodeScripts,
    languageOptions: { globals: nodeGlobals },
    rules: {
      ...eslintRecommended,
      // `@typescript-eslint/no-unused-vars` (above) reports these, with the same `_` convention.
      'no-unused-vars': 'off',
    },
  },
  {
    // The strictest type-aware set typescript-eslint publishes, on the plugin's own source.
    name: 'cleanup-repo/typescript-eslint/strict-type-checked',
    files: ['src/**/*.ts'],
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
