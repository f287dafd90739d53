import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isInSkippedTest, isTestPath, relativePath } from '../../src/analysis/testCode.js';
import { defaultTestFiles, readSettings } from '../../src/resources/settings.js';
import { globToRegExp } from '../../src/util/glob.js';
import { runProbe } from './probe.js';

/** The lines of the `mark()` calls that are test code (skipped), in `code` linted as `file.ts`. */
function skippedMarks(code: string, settings: Record<string, unknown> = {}): number[] {
  const messages = runProbe(
    code,
    (context) => ({
      'CallExpression[callee.name="mark"]'(node: TSESTree.CallExpression) {
        if (isInSkippedTest(context, node)) context.report({ node, messageId: 'probe' });
      },
    }),
    { settings },
  );
  return messages.map((message) => message.line);
}

describe('globToRegExp', () => {
  it.each([
    ['**/*.{test,spec}.*', 'a.test.ts', true],
    ['**/*.{test,spec}.*', 'src/deep/a.spec.mjs', true],
    ['**/*.{test,spec}.*', 'src/latest.ts', false],
    ['**/*.{test,spec}.*', 'src/a.test/b.ts', false],
    ['**/test/**', 'test/a.ts', true],
    ['**/test/**', 'packages/db/test/unit/a.ts', true],
    ['**/test/**', 'src/contest/a.ts', false],
    ['**/test/**', 'src/test-utils/a.ts', false],
    ['**/test/**', 'test.ts', false],
    ['test/**', 'packages/db/test/a.ts', false],
    ['*.ts', 'a.ts', true],
    ['*.ts', 'src/a.ts', false],
    ['src/?.ts', 'src/a.ts', true],
    ['src/?.ts', 'src/ab.ts', false],
    ['e2e/**', 'e2e/deep/a.ts', true],
    ['a(b)+.ts', 'a(b)+.ts', true],
    ['a(b)+.ts', 'abb.ts', false],
    ['src/**/fixtures/*.ts', 'src/fixtures/a.ts', true],
    ['src/**/fixtures/*.ts', 'src/x/y/fixtures/a.ts', true],
    ['{e2e,it}/**', 'it/a.ts', true],
  ])('%s matches %s: %s', (glob, path, matches) => {
    expect(globToRegExp(glob).test(path)).toBe(matches);
  });

  it('throws on a brace without its pair', () => {
    expect(() => globToRegExp('src/*.{test,spec.ts')).toThrow('unbalanced `{` in the glob `src/*.{test,spec.ts`');
    expect(() => globToRegExp('src/}.ts')).toThrow('unbalanced `}` in the glob `src/}.ts`');
    expect(() => globToRegExp('{a,{b,c}}')).toThrow(SyntaxError);
  });
});

describe('test files', () => {
  const defaults = defaultTestFiles.map((glob) => globToRegExp(glob));

  it.each([
    'src/pool.test.ts',
    'pool.spec.js',
    'src/__tests__/pool.ts',
    'test/pool.ts',
    'tests/helpers/pool.mjs',
    // A monorepo (or an ESLint cwd above the package) keeps tests deeper.
    'packages/db/test/pool.ts',
    'server/tests/pool.ts',
    // Test support code outside the test folders (issue 16: measured on the repository sweeps): a test-utils package,
    // a test helper or setup module, end-to-end suites, jasmine's spec folder, Go-style `_test` files.
    'packages/test-utils/index.ts',
    'packages/modules/kafka/src/test-helper.ts',
    'src/test-setup.ts',
    'src/setupTests.js',
    'apps/web/e2e/login.ts',
    'spec/databases/sqlite/setup.ts',
    'core/unsafe_tests/tls_test.ts',
    'packages/e2e-tests/playwright-helper.ts',
    'apps/web-e2e/src/login.ts',
    'src/__mocks__/fs.ts',
  ])('%s is test code by default', (path) => {
    expect(isTestPath(path, defaults)).toBe(true);
  });

  it.each([
    'src/pool.ts',
    'src/testing.ts',
    'src/contest/pool.ts',
    'latest/a.ts',
    'src/test-connection.ts',
    'src/attest.ts',
    'src/spectrum/a.ts',
  ])('%s is not', (path) => {
    expect(isTestPath(path, defaults)).toBe(false);
  });

  it('matches the path relative to the cwd, with `/` separators', () => {
    expect(relativePath('/repo/packages/db/test/pool.ts', '/repo')).toBe('packages/db/test/pool.ts');
    expect(relativePath('src/pool.test.ts', '/repo')).toBe('src/pool.test.ts');
    // Above the cwd, the globs see `..` segments: `**` still matches them.
    expect(relativePath('/elsewhere/test/a.ts', '/repo')).toBe('../elsewhere/test/a.ts');
    expect(isTestPath('../elsewhere/test/a.ts', defaults)).toBe(true);
    // ESLint's name for text without a file.
    expect(isTestPath(relativePath('<input>', '/repo'), defaults)).toBe(false);
  });

  it('uses the `testFiles` globs in place of the defaults', () => {
    const { testFiles } = readSettings({ cleanup: { testFiles: ['e2e/**'] } });
    expect(isTestPath('e2e/login.ts', testFiles)).toBe(true);
    expect(isTestPath('src/pool.test.ts', testFiles)).toBe(false);
  });
});

describe('test-framework callbacks', () => {
  it('recognises the callbacks of named imports, with .only/.skip/.each forms and wrappers', () => {
    const code = `
      import { describe, it as spec, test, beforeEach, vi } from 'vitest';
      mark();
      describe('pool', () => {
        mark();
        beforeEach(() => mark());
        spec.only('a', async () => mark());
        test.skip('b', function () { mark(); });
        test.each([1, 2])('c %i', (n) => mark());
        test.each\`n \${1}\`('d', () => mark());
        describe.skipIf(false).each([1])('e', () => mark());
        spec('f', withDb(async (db) => mark()));
        test('g', { timeout: 10 }, () => { class Fixture { open() { mark(); } } });
      });
      vi.fn(() => mark());
      export function helper() { mark(); }
    `;
    expect(skippedMarks(code)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('recognises default and namespace imports, requires and destructured requires', () => {
    const code = `
      import test from 'node:test';
      import ava from 'ava';
      import * as vitest from 'vitest';
      import t from 'tap';
      const mocha = require('mocha');
      const { describe: suite, it = null } = require('@jest/globals');
      test('a', async (t) => { await t.test('sub', () => mark()); });
      ava.serial('b', () => mark());
      vitest.describe.concurrent('c', () => mark());
      vitest.expect(() => mark());
      t.test('d', async () => mark());
      t.equal(() => mark());
      mocha.describe('e', () => mark());
      suite('f', () => it('g', () => mark()));
    `;
    expect(skippedMarks(code)).toEqual([8, 9, 10, 12, 14, 15]);
  });

  it('ignores type-only imports, other modules and requires below module level', () => {
    const code = `
      import type { it } from 'vitest';
      import { type test } from 'vitest';
      import { describe } from './my-describe';
      function load() { const { suite } = require('mocha'); suite('a', () => mark()); }
      it('b', () => mark());
      test('c', () => mark());
      describe('d', () => mark());
      const { describe: { only } } = require('mocha');
      only('e', () => mark());
      new Suite().it('f', () => mark());
    `;
    expect(skippedMarks(code)).toEqual([]);
  });

  it('recognises jest and mocha globals in a file that calls one at module level', () => {
    const jest = `
      describe.each([1])('pool %i', () => {
        beforeAll(() => mark());
        it('a', () => mark());
        xit('b', () => mark());
      });
      export const helper = () => mark();
    `;
    expect(skippedMarks(jest)).toEqual([3, 4, 5]);
    const mocha = `
      suite('pool', function () {
        setup(function () { mark(); });
        test('a', function () { mark(); });
        context('b', function () { mark(); });
      });
    `;
    expect(skippedMarks(mocha)).toEqual([3, 4, 5]);
  });

  it('does not take a locally bound `test` or `it` for the framework', () => {
    const code = `
      function test(name: string, run: () => void) { run(); }
      test('a', () => mark());
      const it = (name: string, run: () => void) => run();
      it('b', () => mark());
      describe('c', () => {
        const test = (run: () => void) => run();
        test(() => mark());
        it('d', () => mark());
      });
    `;
    // Only \`describe\` is the unbound global: its own callback is test code, wherever inside it.
    expect(skippedMarks(code)).toEqual([8, 9]);
  });

  it('needs a module-level call for the global style', () => {
    const code = `
      export function register() {
        it('a', () => mark());
        describe('b', () => mark());
      }
      setup(() => mark());
    `;
    expect(skippedMarks(code)).toEqual([]);
  });

  it("checks test code when `tests` is 'check'", () => {
    const code = `
      import { it } from 'vitest';
      it('a', () => mark());
    `;
    expect(skippedMarks(code, { cleanup: { tests: 'check' } })).toEqual([]);
    expect(skippedMarks(code, { cleanup: { tests: 'skip' } })).toEqual([3]);
  });
});
