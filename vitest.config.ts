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
      // A floor, not a goal (the goal is ~100%, STYLE.md item 21): today's level rounded down, so any loss of a
      // whole point trips it; raise it as tests land. `npm test` runs with coverage, so the floor is checked in CI.
      // Measured 2026-12-06 (end of issue 13) with `vitest run --coverage tests/rules tests/unit tests/meta
      // tests/robustness`, i.e. without tests/integration (which only adds): 99.21% lines, 97.58% statements,
      // 99.61% functions, 94.3% branches.
      thresholds: {
        lines: 99,
        statements: 97,
        functions: 99,
        branches: 94,
      },
    },
  },
});
