import { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import rule from '../../src/rules/prefer-using.js';
import { fs } from '../fixtures/families/index.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../RuleTester.js';

/**
 * ESLint's own language options, which the tester passes on to ESLint but its types do not list (they are not object
 * literals in the cases, so that no excess-property check applies). The tester also sets `parserOptions.sourceType:
 * 'module'` and `ecmaVersion: 'latest'` unless a case gives its own, so both levels are set.
 */
const commonjs = { sourceType: 'commonjs', parserOptions: { sourceType: 'script' } } as const;
const es2025 = { ecmaVersion: 2025, parserOptions: { ecmaVersion: 2025 } } as const;

// Untyped TypeScript: the catalog's Disposables (`open()` from `fs/promises`, `new DisposableStack()`). The compiler
// options cannot be seen, so every rewrite is a suggestion.
/** A file handle closed by hand after an `await` that may reject: release-in-finally's finding, except in a script. */
const readDataByHand = `import { open } from 'node:fs/promises';
export async function readData() {
  const fh = await open('data.txt');
  await fh.read();
  await fh.close();
}
`;

ruleTester.run('prefer-using', rule, {
  valid: [
    {
      // the same acquisition outside a script: release-in-finally's finding, not prefer-using's
      code: readDataByHand,
      filename: 'src/read-data.ts',
    },
    {
      // tests, templates, typeof, an IIFE and iteration only use the handle, which is never closed: that is
      // release-in-finally's finding (one defect, one finding), now that both rules classify these reads alike
      code: `import { open } from 'node:fs/promises';
export async function inspect(path, log) {
  const fh = await open(path);
  if (fh) log(\`\${fh.fd}\`);
  while (!fh) break;
  switch (typeof fh) {
    default:
      break;
  }
  fh && log('open');
  if (fh !== null && fh) log('yes');
  (() => log(fh.fd))();
  for await (const line of fh.readLines()) log(line);
}`,
    },
    {
      // release-in-finally's finding (one defect, one finding): never closed and not handed off
      code: `import { open } from 'fs/promises';
export async function peek(path: string) {
  const fh = await open(path);
  const { bytesRead } = await fh.read();
  return bytesRead;
}`,
    },
    {
      // release-in-finally's finding (one defect, one finding): released by hand at the end of the block: the suggestion removes the release
      code: `import * as fsp from 'node:fs/promises';
export async function copy(path: string) {
  const fh = await fsp.open(path);
  const data = await fh.readFile();
  await fh.close();
  return data;
}`,
    },
    {
      // release-in-finally's finding (one defect, one finding): released only under a condition: reported, but no rewrite can remove that release
      code: `import { open } from 'node:fs/promises';
export async function maybe(path: string, keep: boolean) {
  const fh = await open(path);
  await fh.read();
  if (!keep) await fh.close();
}`,
    },
    {
      // release-in-finally's finding (one defect, one finding): the second declarator of a declaration: reported on its name, no rewrite (the declaration would split)
      code: `import { open } from 'node:fs/promises';
export async function two(path: string) {
  const size = 1, fh = await open(path);
  await fh.read();
  return size;
}`,
    },
    {
      // already declared with await using
      code: `${fs.fileHandle.acquisition.import}\n${fs.fileHandle.using.code}`,
    },
    {
      // handed off by return, inside an object, and as a returned closure
      code: `import { open } from 'node:fs/promises';
export async function a(path: string) {
  const fh = await open(path);
  return fh;
}
export async function b(path: string) {
  const fh = await open(path);
  return { fh, path };
}
export async function c(path: string) {
  const fh = await open(path);
  return () => fh.close();
}`,
    },
    {
      // handed off: stored in a field, passed to a function (untyped: any call may take ownership), yielded
      code: `import { open } from 'node:fs/promises';
export class Log {
  fh: unknown;
  async start(path: string) {
    const fh = await open(path);
    this.fh = fh;
  }
}
export async function passed(path: string) {
  const fh = await open(path);
  await consume(fh);
}
export async function* handles(paths: string[]) {
  for (const path of paths) {
    const fh = await open(path);
    yield fh;
  }
}`,
    },
    {
      // disposed inside a callback registered here: the callback decides when
      code: `import { open } from 'node:fs/promises';
export async function tail(path: string, emitter: NodeJS.EventEmitter) {
  const fh = await open(path);
  emitter.on('close', () => fh.close());
}`,
    },
    {
      // a DisposableStack whose contents are moved to a new owner
      code: `export class Owner {
  #stack: DisposableStack;
  constructor() {
    const stack = new DisposableStack();
    stack.defer(() => {});
    this.#stack = stack.move();
  }
}`,
    },
    {
      // module level: an app-lifetime handle is not reported when never closed
      code: `import { open } from 'node:fs/promises';
const log = await open('app.log', 'a');
export function write(line: string) {
  return log.write(line);
}`,
    },
    {
      // not a Disposable: a file descriptor (release-in-finally's business), an unknown call without types
      code: `import fs from 'node:fs';
export function size(path: string) {
  const fd = fs.openSync(path, 'r');
  const conn = connect();
  conn.query('select 1');
  return fs.fstatSync(fd).size;
}`,
    },
    {
      // a local class shadows the global DisposableStack; a local open() is not the one of fs/promises
      code: `class DisposableStack { dispose() {} }
async function open(path: string) { return { path, close() {} }; }
export async function run() {
  const stack = new DisposableStack();
  stack.dispose();
  const fh = await open('x');
  fh.close();
}`,
    },
    {
      // var is function-scoped: not a `const`/`let` binding that `using` could replace
      code: `import { open } from 'node:fs/promises';
export async function head(path: string) {
  var fh = await open(path);
  try {
    return await fh.read();
  } finally {
    await fh.close();
  }
}`,
    },
    {
      // allow: a package specifier and a lib specifier
      code: `import { open } from 'node:fs/promises';
export async function head(path: string) {
  const fh = await open(path);
  try {
    return await fh.read();
  } finally {
    await fh.close();
  }
}
export function stack() {
  const stack = new DisposableStack();
  stack.dispose();
}`,
      options: [
        {
          allow: [
            { from: 'package', package: 'node:fs/promises', name: 'open' },
            { from: 'lib', name: 'DisposableStack' },
          ],
        },
      ],
    },
    {
      // allow: a plain name
      code: `export function stack() {
  const stack = new AsyncDisposableStack();
  return stack.disposeAsync();
}`,
      options: [{ allow: ['AsyncDisposableStack'] }],
    },
  ],
  invalid: [
    {
      // one-shot code, which release-in-finally does not judge: the release is by hand and not guaranteed, so the
      // message says so (it said "released by hand on every path" before)
      code: `import { open } from 'node:fs/promises';
async function main() {
  const fh = await open('data.txt');
  await fh.read();
  await fh.close();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
      errors: [
        {
          messageId: 'releasedByHand',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
            releaseLine: '5',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
async function main() {
  await using fh = await open('data.txt');
  await fh.read();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // a script, which release-in-finally does not judge either (in \`src/\`, release-in-finally reports it and
      // prefer-using stays quiet: one defect, one finding)
      code: readDataByHand,
      filename: 'scripts/read-data.ts',
      errors: [
        {
          messageId: 'releasedByHand',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
            releaseLine: '5',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
export async function readData() {
  await using fh = await open('data.txt');
  await fh.read();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // issue 16: a call that may throw between the declaration and the `try` is a real leak path, so the leak message
      code: `declare function prepare(): void;
export function gap(tasks: (() => void)[]) {
  const stack = new DisposableStack();
  prepare();
  try {
    for (const task of tasks) task();
  } finally {
    stack.dispose();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedByHand',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack.dispose()',
            releaseLine: '8',
            keyword: 'using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'stack', keyword: 'using' },
              output: `declare function prepare(): void;
export function gap(tasks: (() => void)[]) {
  using _stack = new DisposableStack();
  prepare();
  for (const task of tasks) task();
}`,
            },
          ],
        },
      ],
    },
    {
      // issue 16: a release under a condition in `finally`, after a call that may throw there, or in a `try` under a condition can be skipped
      code: `declare function prepare(): void;
export function guarded(tasks: (() => void)[], keep: boolean) {
  const stack = new DisposableStack();
  try {
    for (const task of tasks) task();
  } finally {
    if (!keep) stack.dispose();
  }
}
export function late(tasks: (() => void)[]) {
  const stack = new DisposableStack();
  try {
    for (const task of tasks) task();
  } finally {
    prepare();
    stack.dispose();
  }
}
export function nested(tasks: (() => void)[]) {
  const stack = new DisposableStack();
  if (tasks.length > 0) {
    try {
      for (const task of tasks) task();
    } finally {
      stack.dispose();
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedByHand',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack.dispose()',
            releaseLine: '7',
            keyword: 'using',
          },
          suggestions: null,
        },
        {
          messageId: 'releasedByHand',
          line: 11,
          column: 3,
          endLine: 11,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack.dispose()',
            releaseLine: '16',
            keyword: 'using',
          },
          suggestions: null,
        },
        {
          messageId: 'releasedByHand',
          line: 20,
          column: 3,
          endLine: 20,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack.dispose()',
            releaseLine: '25',
            keyword: 'using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // issue 16: statements that cannot throw before the `try`, and releases before ours in `finally`, keep it correct
      code: `export function safeBefore(tasks: (() => void)[], other: DisposableStack) {
  const stack = new DisposableStack();
  const count = tasks.length;
  try {
    for (const task of tasks) task();
  } finally {
    other.dispose();
    console.log(count);
    stack.dispose();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 14,
          data: { resource: 'disposable stack', name: 'stack', release: 'stack.dispose()', keyword: 'using' },
          suggestions: null,
        },
      ],
    },
    {
      // released by hand on every path (in a catch that rethrows, and after the try; release-in-finally is quiet since
      // issue 13): nothing leaks, so the message says what `await using` would do; no rewrite would leave exactly one disposal
      code: `import { open } from 'node:fs/promises';
export async function twice(path: string) {
  const fh = await open(path);
  try {
    await fh.read();
  } catch (error) {
    await fh.close();
    throw error;
  }
  await fh.close();
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedOnEveryPath',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // try/finally that only closes: a suggestion without types (the compiler options are unknown)
      code: `import { open } from 'node:fs/promises';
export async function head(path: string) {
  const fh = await open(path);
  try {
    // read the first bytes
    return await fh.read();
  } finally {
    await fh.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
export async function head(path: string) {
  await using fh = await open(path);
  // read the first bytes
  return await fh.read();
}`,
            },
          ],
        },
      ],
    },
    {
      // `fs.promises.open`, `as` and `!` wrappers, optional chaining on the release
      code: `import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
export async function head(path: string) {
  const fh = (await fs.promises.open(path)) as FileHandle;
  try {
    await fh!.read();
  } finally {
    await fh?.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh?.close()',
            keyword: 'await using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
export async function head(path: string) {
  await using fh = (await fs.promises.open(path)) as FileHandle;
  await fh!.read();
}`,
            },
          ],
        },
      ],
    },
    {
      // a DisposableStack disposed in finally; nothing reads it after the rewrite, so it becomes `_stack`
      code: `export function run(tasks: (() => void)[]) {
  const stack = new DisposableStack();
  try {
    for (const task of tasks) task();
  } finally {
    stack.dispose();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack.dispose()',
            keyword: 'using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'stack', keyword: 'using' },
              output: `export function run(tasks: (() => void)[]) {
  using _stack = new DisposableStack();
  for (const task of tasks) task();
}`,
            },
          ],
        },
      ],
    },
    {
      // a `let` written again cannot become `using`; its first handle is closed right away, on every path (the
      // second one, never closed, is release-in-finally's finding)
      code: `import { open } from 'node:fs/promises';
export async function again(a: string, b: string) {
  let fh = await open(a);
  await fh.close();
  fh = await open(b);
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedOnEveryPath',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 9,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a comment in the finally block would be lost: no rewrite
      code: `import { open } from 'node:fs/promises';
export async function head(path: string) {
  const fh = await open(path);
  try {
    return await fh.read();
  } finally {
    // always close
    await fh.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // an AsyncDisposableStack in a function that cannot await: reported, no rewrite
      code: `export function start() {
  const stack = new AsyncDisposableStack();
  stack.defer(() => {});
  return 1;
}`,
      output: null,
      errors: [
        {
          messageId: 'neverDisposed',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 14,
          data: { resource: 'async disposable stack', name: 'stack', keyword: 'await using' },
          suggestions: null,
        },
      ],
    },
  ],
});

// Plain JavaScript: `ecmaVersion` 2026 (ESLint's "latest") parses `using`, but the file runs as written, and Node 20
// and 22 cannot run it: the exact rewrite is a suggestion, and an autofix only with `runtimeSupportsUsing`
// (behaviour change of issue 17; before, it was always an autofix).
jsRuleTester.run('prefer-using', rule, {
  valid: [
    {
      // ecmaVersion 2025 cannot express `using`: nothing to prefer
      code: `import { open } from 'node:fs/promises';
export async function head(path) {
  const fh = await open(path);
  try {
    return await fh.read();
  } finally {
    await fh.close();
  }
}`,
      languageOptions: es2025,
    },
    {
      // handed off: chosen by a conditional, kept by `||`, aliased, captured by a timer callback
      code: `import { open } from 'node:fs/promises';
export async function a(path, fallback, cond) {
  const fh = await open(path);
  return cond ? fh : fallback;
}
export async function b(path, fallback) {
  const fh = await open(path);
  const chosen = fh || fallback;
  await chosen.read();
}
export async function c(path) {
  const fh = await open(path);
  const alias = fh;
  await alias.close();
}
export async function d(path) {
  const fh = await open(path);
  setTimeout(() => fh.read(), 10);
}`,
    },
    {
      // require() provenance, handed off through an array
      code: `const { open } = require('node:fs/promises');
exports.both = async function both(a, b) {
  const first = await open(a);
  const second = await open(b);
  return [first, second];
};`,
      languageOptions: commonjs,
    },
  ],
  invalid: [
    {
      // JavaScript runs `using` as written (Node 20 and 22 cannot): a suggestion unless `runtimeSupportsUsing`; try/finally right after the declaration, at the end of the block: autofix, comments kept
      code: `import { open } from 'node:fs/promises';
export async function head(path) {
  const fh = await open(path); // the handle
  try {
    // read the first bytes
    const { buffer } = await fh.read();
    return buffer;
  } finally {
    await fh.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
export async function head(path) {
  await using fh = await open(path); // the handle
  // read the first bytes
  const { buffer } = await fh.read();
  return buffer;
}`,
            },
          ],
        },
      ],
    },
    {
      // JavaScript runs `using` as written (Node 20 and 22 cannot): a suggestion unless `runtimeSupportsUsing`; try/catch/finally: only the finally goes
      code: `import { open } from 'node:fs/promises';
export async function head(path) {
  const fh = await open(path);
  try {
    return await fh.read();
  } catch (error) {
    console.error(error);
    return null;
  } finally {
    await fh.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
export async function head(path) {
  await using fh = await open(path);
  try {
    return await fh.read();
  } catch (error) {
    console.error(error);
    return null;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // JavaScript runs `using` as written (Node 20 and 22 cannot): a suggestion unless `runtimeSupportsUsing`; `[Symbol.dispose]()` on a DisposableStack; the binding is unused afterwards and becomes `_stack`
      code: `export function run(task) {
  const stack = new DisposableStack();
  try {
    task();
  } finally {
    stack[Symbol.dispose]();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack[Symbol.dispose]()',
            keyword: 'using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'stack', keyword: 'using' },
              output: `export function run(task) {
  using _stack = new DisposableStack();
  task();
}`,
            },
          ],
        },
      ],
    },
    {
      // JavaScript runs `using` as written (Node 20 and 22 cannot): a suggestion unless `runtimeSupportsUsing`; `_stack` is taken: the binding keeps its name
      code: `const _stack = 1;
export function run(task) {
  const stack = new DisposableStack();
  try {
    task(_stack);
  } finally {
    stack.dispose();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack.dispose()',
            keyword: 'using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'stack', keyword: 'using' },
              output: `const _stack = 1;
export function run(task) {
  using stack = new DisposableStack();
  task(_stack);
}`,
            },
          ],
        },
      ],
    },
    {
      // code after the try: disposal would move to the end of the block, so a suggestion only
      code: `import { open } from 'node:fs/promises';
import { unlink } from 'node:fs/promises';
export async function consume(path) {
  const fh = await open(path);
  try {
    await fh.read();
  } finally {
    await fh.close();
  }
  await unlink(path);
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
import { unlink } from 'node:fs/promises';
export async function consume(path) {
  await using fh = await open(path);
  await fh.read();
  await unlink(path);
}`,
            },
          ],
        },
      ],
    },
    {
      // the close is not awaited: `await using` would wait for it, so a suggestion only
      code: `import { open } from 'node:fs/promises';
export async function head(path) {
  const fh = await open(path);
  try {
    return await fh.read();
  } finally {
    fh.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'fh.close()',
            keyword: 'await using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
export async function head(path) {
  await using fh = await open(path);
  return await fh.read();
}`,
            },
          ],
        },
      ],
    },
    {
      // a closure that may run later uses the handle: a suggestion only
      code: `import { open } from 'node:fs/promises';
export async function writeAll(path, lines) {
  const fh = await open(path, 'w');
  try {
    await Promise.all(lines.map((line) => fh.write(line)));
  } finally {
    await fh.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
export async function writeAll(path, lines) {
  await using fh = await open(path, 'w');
  await Promise.all(lines.map((line) => fh.write(line)));
}`,
            },
          ],
        },
      ],
    },
    {
      // JavaScript runs `using` as written (Node 20 and 22 cannot): a suggestion unless `runtimeSupportsUsing`; module top level: `await using` is allowed in a module
      code: `import { open } from 'node:fs/promises';
const fh = await open('config.json');
try {
  console.log(await fh.readFile('utf8'));
} finally {
  await fh.close();
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 9,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
await using fh = await open('config.json');
console.log(await fh.readFile('utf8'));`,
            },
          ],
        },
      ],
    },
    {
      // JavaScript runs `using` as written (Node 20 and 22 cannot): a suggestion unless `runtimeSupportsUsing`; a multi-line template literal in the body is moved as it is, not re-indented
      code: `export function report(print) {
  const stack = new DisposableStack();
  try {
    print(\`line one
line two\`);
  } finally {
    stack.dispose();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack.dispose()',
            keyword: 'using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'stack', keyword: 'using' },
              output: `export function report(print) {
  using _stack = new DisposableStack();
  print(\`line one
line two\`);
}`,
            },
          ],
        },
      ],
    },
    {
      // CommonJS top level: `using` cannot stand there (a script), so no rewrite
      code: `const { open } = require('node:fs/promises');
async function main() {}
const stack = new DisposableStack();
try {
  main();
} finally {
  stack.dispose();
}`,
      output: null,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 12,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack.dispose()',
            keyword: 'using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a name declared in the try block is also used after it: unwrapping would clash, no rewrite
      code: `export function run(task) {
  const stack = new DisposableStack();
  try {
    const result = task();
    console.log(result);
  } finally {
    stack.dispose();
  }
  const result = 2;
  return result;
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack.dispose()',
            keyword: 'using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // runtimeSupportsUsing: the runtime runs `using`, so the exact rewrite is an autofix again; try/finally right after the declaration, at the end of the block: autofix, comments kept
      code: `import { open } from 'node:fs/promises';
export async function head(path) {
  const fh = await open(path); // the handle
  try {
    // read the first bytes
    const { buffer } = await fh.read();
    return buffer;
  } finally {
    await fh.close();
  }
}`,
      options: [{ runtimeSupportsUsing: true }],
      output: `import { open } from 'node:fs/promises';
export async function head(path) {
  await using fh = await open(path); // the handle
  // read the first bytes
  const { buffer } = await fh.read();
  return buffer;
}`,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // runtimeSupportsUsing: the runtime runs `using`, so the exact rewrite is an autofix again; `[Symbol.dispose]()` on a DisposableStack; the binding is unused afterwards and becomes `_stack`
      code: `export function run(task) {
  const stack = new DisposableStack();
  try {
    task();
  } finally {
    stack[Symbol.dispose]();
  }
}`,
      options: [{ runtimeSupportsUsing: true }],
      output: `export function run(task) {
  using _stack = new DisposableStack();
  task();
}`,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 14,
          data: {
            resource: 'disposable stack',
            name: 'stack',
            release: 'stack[Symbol.dispose]()',
            keyword: 'using',
          },
          suggestions: null,
        },
      ],
    },
  ],
});

// With type information: every value with `[Symbol.dispose]` / `[Symbol.asyncDispose]`, and the compiler options
// decide whether the exact rewrite is an autofix (tests/fixtures: TypeScript 6, `esnext.disposable`).
typedRuleTester.run('prefer-using', rule, {
  valid: [
    {
      // what comes out of `stack.use(x)` / `stack.adopt(x, …)` is the stack's: no new value to dispose (issue 13,
      // as release-in-finally and no-floating-resource take the acquisition for handed to the stack)
      code: `${fs.fileHandle.acquisition.import}\n${fs.fileHandle.moreReleased.asyncDisposableStack.code}`,
    },
    {
      code: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
export function main() {
  using stack = new DisposableStack();
  const conn = stack.use(connect());
  const raw = stack.adopt(connect(), (value) => value[Symbol.dispose]());
  return conn.query('select 1') + raw.query('select 2');
}`,
    },
    {
      // handed to a parameter that accepts a Disposable, or `any` (console.log)
      code: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
declare function adopt(conn: Conn): void;
export function a() {
  const conn = connect();
  adopt(conn);
}
export function b() {
  const conn = connect();
  console.log(conn);
}
export function c(stack: DisposableStack) {
  const conn = connect();
  stack.use(conn);
}`,
    },
    {
      // Node timers (cleared with clearTimeout), iterators consumed by iteration, streams, event-driven objects
      code: `import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import http from 'node:http';
export function run(items: number[]) {
  const timer = setTimeout(() => {}, 10);
  clearTimeout(timer);
  const values = items.values();
  for (const item of values) console.log(item);
  const stream = createReadStream('x');
  stream.pipe(process.stdout);
  const child = spawn('ls');
  child.stdout.pipe(process.stdout);
  const server = http.createServer();
  server.listen(3000);
}`,
    },
    {
      // test doubles are restored by their framework
      code: `import { vi } from 'vitest';
export function spy(target: { m(): void }) {
  const spy = vi.spyOn(target, 'm');
  spy.mockClear();
}`,
    },
    {
      // allow: a type declared in the project (file specifier) and by name
      code: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare function connect(): Conn;
export function a() {
  const conn = connect();
  conn[Symbol.dispose]();
}`,
      options: [{ allow: [{ from: 'file', name: 'Conn' }] }],
    },
    {
      // not Disposable: `any` and plain objects
      code: `declare function load(): any;
export function a() {
  const value = load();
  value.close();
  const plain = { close() {} };
  plain.close();
}`,
    },
  ],
  invalid: [
    {
      // `target: ESNext`: TypeScript emits `using` as written, which Node 20 and 22 cannot run, so a suggestion only
      // (behaviour change of issue 17: the autofix needs a target that lowers `using`)
      code: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
export function run() {
  const conn = connect();
  try {
    return conn.query('select 1');
  } finally {
    conn[Symbol.dispose]();
  }
}`,
      filename: 'esnext/file.ts',
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 13,
          data: {
            resource: '`Conn` value',
            name: 'conn',
            release: 'conn[Symbol.dispose]()',
            keyword: 'using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'conn', keyword: 'using' },
              output: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
export function run() {
  using conn = connect();
  return conn.query('select 1');
}`,
            },
          ],
        },
      ],
    },
    {
      // `target: ESNext` with `runtimeSupportsUsing`: the user says the runtime runs `using`, so an autofix
      code: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
export function run() {
  const conn = connect();
  try {
    return conn.query('select 1');
  } finally {
    conn[Symbol.dispose]();
  }
}`,
      filename: 'esnext/file.ts',
      options: [{ runtimeSupportsUsing: true }],
      output: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
export function run() {
  using conn = connect();
  return conn.query('select 1');
}`,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 13,
          data: {
            resource: '`Conn` value',
            name: 'conn',
            release: 'conn[Symbol.dispose]()',
            keyword: 'using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a Disposable class disposed in finally: autofix to `using` (`target: ES2022` lowers it)
      code: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
export function run() {
  const conn = connect();
  try {
    return conn.query('select 1');
  } finally {
    conn[Symbol.dispose]();
  }
}`,
      output: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
export function run() {
  using conn = connect();
  return conn.query('select 1');
}`,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 13,
          data: {
            resource: '`Conn` value',
            name: 'conn',
            release: 'conn[Symbol.dispose]()',
            keyword: 'using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // an AsyncDisposable from an awaited factory: autofix to `await using`
      code: `class Session implements AsyncDisposable { async [Symbol.asyncDispose]() {} }
declare function begin(): Promise<Session>;
export async function run(work: () => Promise<void>) {
  const session = await begin();
  try {
    await work();
  } finally {
    await session[Symbol.asyncDispose]();
  }
}`,
      output: `class Session implements AsyncDisposable { async [Symbol.asyncDispose]() {} }
declare function begin(): Promise<Session>;
export async function run(work: () => Promise<void>) {
  await using _session = await begin();
  await work();
}`,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 16,
          data: {
            resource: '`Session` value',
            name: 'session',
            release: 'await session[Symbol.asyncDispose]()',
            keyword: 'await using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a FileHandle from any function is known by its type: `close()` is its disposal
      code: `import type { FileHandle } from 'node:fs/promises';
declare function openLog(): Promise<FileHandle>;
export async function append(line: string) {
  const log = await openLog();
  try {
    await log.write(line);
  } finally {
    await log.close();
  }
}`,
      output: `import type { FileHandle } from 'node:fs/promises';
declare function openLog(): Promise<FileHandle>;
export async function append(line: string) {
  await using log = await openLog();
  await log.write(line);
}`,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 12,
          data: {
            resource: 'file handle',
            name: 'log',
            release: 'await log.close()',
            keyword: 'await using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // closed with a method the catalog does not know as its disposal: a suggestion only
      code: `class Conn implements Disposable { close() {} [Symbol.dispose]() { this.close(); } }
declare function connect(): Conn;
export function run(work: () => void) {
  const conn = connect();
  try {
    work();
  } finally {
    conn.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 13,
          data: { resource: '`Conn` value', name: 'conn', release: 'conn.close()', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'conn', keyword: 'using' },
              output: `class Conn implements Disposable { close() {} [Symbol.dispose]() { this.close(); } }
declare function connect(): Conn;
export function run(work: () => void) {
  using _conn = connect();
  work();
}`,
            },
          ],
        },
      ],
    },
    {
      // the name `use` alone adopts nothing: a factory's `use(name)` makes a Disposable to dispose
      code: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare const factory: { use(name: string): Conn };
export function main() {
  const conn = factory.use('db');
  return conn.query('select 1');
}`,
      output: null,
      errors: [
        {
          messageId: 'neverDisposed',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 13,
          data: { resource: '`Conn` value', name: 'conn', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsingWithoutRelease',
              data: { name: 'conn', keyword: 'using' },
              output: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare const factory: { use(name: string): Conn };
export function main() {
  using conn = factory.use('db');
  return conn.query('select 1');
}`,
            },
          ],
        },
      ],
    },
    {
      // never disposed, passed only to a parameter that does not accept a Disposable
      code: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
declare function run(sql: string, target: { query(sql: string): string }): void;
export function main() {
  const conn = connect();
  run('select 1', conn);
}`,
      output: null,
      errors: [
        {
          messageId: 'neverDisposed',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 13,
          data: { resource: '`Conn` value', name: 'conn', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsingWithoutRelease',
              data: { name: 'conn', keyword: 'using' },
              output: `class Conn implements Disposable { query(sql: string) { return sql; } [Symbol.dispose]() {} }
declare function connect(): Conn;
declare function run(sql: string, target: { query(sql: string): string }): void;
export function main() {
  using conn = connect();
  run('select 1', conn);
}`,
            },
          ],
        },
      ],
    },
  ],
});

// One defect, one finding (issue 17): under `all` (and `strict`) a FileHandle that is never closed,
// or closed outside `finally`, is release-in-finally's finding; prefer-using stays quiet there and still asks for
// `await using` once the release is safe in `finally`.
describe('prefer-using next to release-in-finally', () => {
  const lint = (code: string): string[] => {
    const linter = new TSESLint.Linter({ configType: 'flat' });
    const messages = linter.verify(code, [{ ...plugin.configs.all, files: ['**/*.js'] }], { filename: 'file.js' });
    return messages.map((message) => `${message.line}:${message.ruleId}`);
  };

  it('leaves `fsp.open()` without `finally` to release-in-finally', () => {
    const code = `import * as fsp from 'node:fs/promises';
export async function copy(path) {
  const fh = await fsp.open(path);
  const data = await fh.readFile();
  await fh.close();
  return data;
}
export async function peek(path) {
  const fh = await fsp.open(path);
  return (await fh.read()).bytesRead;
}`;
    expect(lint(code)).toEqual(['3:cleanup/release-in-finally', '9:cleanup/release-in-finally']);
  });

  it('reports the safe `try`/`finally` once, as prefer-using', () => {
    const code = `import * as fsp from 'node:fs/promises';
export async function copy(path) {
  const fh = await fsp.open(path);
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}`;
    expect(lint(code)).toEqual(['3:cleanup/prefer-using']);
  });
});

// TypeScript declaration shapes (overload signatures, abstract and `declare` members, `declare class`, `accessor`,
// index signatures, parameter properties, decorators, enums, namespaces): the implementation's body counts, the
// signatures do not, and no rule assumes that a function has a body.
typedRuleTester.run('prefer-using', rule, {
  valid: [
    {
      // `await using` in an overloaded namespace function; a `declare class` that implements AsyncDisposable has no code
      code: `import { open } from 'node:fs/promises';

export namespace Files {
  export async function head(path: string): Promise<string>;
  export async function head(path: string, bytes: number): Promise<string>;
  export async function head(path: string, bytes = 64): Promise<string> {
    await using fh = await open(path);
    const { buffer } = await fh.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.toString();
  }
}
export declare class Handle implements AsyncDisposable {
  [Symbol.asyncDispose](): Promise<void>;
  close(): Promise<void>;
}
`,
    },
  ],
  invalid: [
    {
      // a handle closed by hand in `finally` in an overloaded namespace function: `await using` would write that `finally` (a release outside `finally` is release-in-finally's finding)
      code: `import { open } from 'node:fs/promises';

export namespace Files {
  export async function head(path: string): Promise<string>;
  export async function head(path: string, bytes: number): Promise<string>;
  export async function head(path: string, bytes = 64): Promise<string> {
    const fh = await open(path);
    try {
      const { buffer } = await fh.read(Buffer.alloc(bytes), 0, bytes, 0);
      return buffer.toString();
    } finally {
      await fh.close();
    }
  }
}
`,
      errors: [
        {
          messageId: 'releasedInFinally',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 13,
          data: {
            resource: 'file handle',
            name: 'fh',
            release: 'await fh.close()',
            keyword: 'await using',
          },
          suggestions: null,
        },
      ],
      output: `import { open } from 'node:fs/promises';

export namespace Files {
  export async function head(path: string): Promise<string>;
  export async function head(path: string, bytes: number): Promise<string>;
  export async function head(path: string, bytes = 64): Promise<string> {
    await using fh = await open(path);
    const { buffer } = await fh.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.toString();
  }
}
`,
    },
  ],
});
