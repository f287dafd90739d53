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
      // whole point trips it; raise it as tests land. Measured 2026-12-06 (issue 13) with `vitest run --coverage
      // tests/rules tests/unit tests/meta tests/robustness`, i.e. without tests/integration (which only adds):
      // 98.52% lines, 96.53% statements, 99.62% functions, 91.88% branches.
      thresholds: {
        lines: 98,
        statements: 96,
        functions: 99,
        branches: 91,
      },
    },
  },
});
