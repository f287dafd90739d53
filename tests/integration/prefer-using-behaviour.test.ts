/**
 * The prefer-using autofix preserves behaviour (issue 3, "Done when"): a `try`/`finally` that closes a real
 * `FileHandle` is fixed to `await using` by the rule (typed lint, as a user's editor would run it), the fixed module
 * is compiled by the installed TypeScript with `target: ES2022` (so `await using` is downlevelled to TypeScript's
 * `__addDisposableResource` helpers) and run, once returning normally and once throwing in the middle. Both the
 * original and the fixed code must close the handle exactly once on both paths.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open as realOpen, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { TSESLint } from '@typescript-eslint/utils';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { fixturesDir } from '../RuleTester.js';

const original = `import { open } from 'node:fs/promises';

export async function firstBytes(path: string, fail: boolean): Promise<number> {
  const fh = await open(path);
  try {
    const { bytesRead } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    if (fail) throw new Error('failed in the middle');
    return bytesRead;
  } finally {
    await fh.close();
  }
}
`;

function fixWithRule(code: string): string {
  const linter = new TSESLint.Linter({ configType: 'flat', cwd: fixturesDir });
  const config: TSESLint.FlatConfig.Config = {
    files: ['**/*.ts'],
    plugins: { cleanup: plugin },
    rules: { 'cleanup/prefer-using': 'error' },
    languageOptions: {
      parser: tsParser,
      parserOptions: {
        projectService: { allowDefaultProject: ['behaviour-*.ts'], defaultProject: 'tsconfig.json' },
        tsconfigRootDir: fixturesDir,
      },
    },
  };
  const result = linter.verifyAndFix(code, config, { filename: path.join(fixturesDir, 'behaviour-prefer-using.ts') });
  expect(result.messages).toEqual([]);
  return result.output;
}

interface Run {
  readonly result: PromiseSettledResult<number>;
  readonly closes: number;
  readonly handles: readonly FileHandle[];
}

/** Compiles `code` with TypeScript (ES2022, CommonJS) and runs `firstBytes`, counting `close()` on every handle. */
async function run(code: string, file: string, fail: boolean): Promise<Run> {
  const compiled = ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true },
  }).outputText;
  let closes = 0;
  const handles: FileHandle[] = [];
  const fakeFs = {
    open: async (...args: Parameters<typeof realOpen>): Promise<FileHandle> => {
      const handle = await realOpen(...args);
      const close = handle.close.bind(handle);
      // Node's `[Symbol.asyncDispose]()` calls `this.close()`: the wrapper sees both paths.
      handle.close = () => {
        closes += 1;
        return close();
      };
      handles.push(handle);
      return handle;
    },
  };
  const exports: { firstBytes?: (path: string, fail: boolean) => Promise<number> } = {};
  const requireShim = (name: string): unknown => {
    if (name === 'node:fs/promises') return fakeFs;
    throw new Error(`unexpected require(${name})`);
  };
  new Function('exports', 'require', compiled)(exports, requireShim);
  const [result] = await Promise.allSettled([exports.firstBytes!(file, fail)]);
  return { result: result!, closes, handles };
}

describe('prefer-using autofix preserves behaviour', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cleanup-prefer-using-'));
  const file = path.join(dir, 'data.bin');
  writeFileSync(file, 'abcdefgh');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fixed = fixWithRule(original);

  it('rewrites the try/finally to `await using` and removes the manual close', () => {
    expect(fixed).toBe(`import { open } from 'node:fs/promises';

export async function firstBytes(path: string, fail: boolean): Promise<number> {
  await using fh = await open(path);
  const { bytesRead } = await fh.read(Buffer.alloc(4), 0, 4, 0);
  if (fail) throw new Error('failed in the middle');
  return bytesRead;
}
`);
  });

  it('compiles the fixed code with a downlevelled `await using`', () => {
    const compiled = ts.transpileModule(fixed, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    }).outputText;
    expect(compiled).toContain('__addDisposableResource');
    expect(compiled).not.toMatch(/await using/);
  });

  it.each([
    ['returns normally', false],
    ['throws in the middle', true],
  ])('closes the handle exactly once when the body %s, before and after the fix', async (_title, fail) => {
    for (const code of [original, fixed]) {
      const { result, closes, handles } = await run(code, file, fail);
      expect(handles).toHaveLength(1);
      expect(closes).toBe(1);
      expect(handles[0]!.fd).toBe(-1);
      if (fail) {
        expect(result.status).toBe('rejected');
        expect((result as PromiseRejectedResult).reason).toMatchObject({ message: 'failed in the middle' });
      } else {
        expect(result).toEqual({ status: 'fulfilled', value: 4 });
      }
    }
  });
});
