import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/fixtures/**', 'tests/meta/corpus/**'],
    // Typed tests start a TypeScript project service per test file: the first typed case of a file takes seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // Declarations hold no code to run.
      exclude: ['src/**/*.d.ts'],
      reporter: ['text', 'html', 'json-summary'],
      reportsDirectory: 'coverage',
      // A floor, not a goal (the goal is ~100%, STYLE.md item 21). At the first rule (2026-11-25) the suite reached
      // 93% lines, 87% statements, 99% functions and 76% branches, without unit tests of src/resources and
      // src/analysis yet. The floor sits a few points below, so a whole untested fixer or resource kind trips it;
      // raise it as unit tests land.
      thresholds: {
        lines: 85,
        statements: 85,
        functions: 90,
        branches: 70,
      },
    },
  },
});
