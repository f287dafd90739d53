import rule from '../../src/rules/no-floating-resource.js';
import { globals, locks, sql } from '../fixtures/families/index.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../RuleTester.js';

/**
 * ESLint's own language options, which the tester passes on to ESLint but its types do not list (they are not object
 * literals in the cases, so that no excess-property check applies). The tester also sets `parserOptions.sourceType:
 * 'module'` and `ecmaVersion: 'latest'` unless a case gives its own, so both levels are set.
 */
const commonjs = { sourceType: 'commonjs', parserOptions: { sourceType: 'script' } } as const;
const commonjs2025 = {
  ecmaVersion: 2025,
  sourceType: 'commonjs',
  parserOptions: { ecmaVersion: 2025, sourceType: 'script' },
} as const;

ruleTester.run('no-floating-resource', rule, {
  valid: [
    {
      // a receiver known only by its name, given a callback: the callback-scoped form (async-lock releases when the
      // callback settles; issue 16: 4 false findings on the heldout-6 sweep)
      code: `export class Engine {
  private readonly lock = new (require('async-lock'))();
  public async addTrackedUsers(userIds: string[]) {
    await this.lock.acquire('sync', async () => {
      await this.update(userIds);
    });
  }
  private async update(_userIds: string[]) {}
}
`,
    },
    {
      // \`(event, context)\` alone is no serverless handler: not exported, or another pair of names
      code: `const local = (event, context) => {
  setInterval(() => poll(event.queue), 1000);
};
export const other = (event, ctx) => {
  setInterval(() => poll(event.queue), 1000);
};
declare function poll(queue: string): Promise<void>;`,
    },
    {
      // \`startSession()\` by name alone is MongoDB's only in a file that names mongodb or mongoose: a terminal
      // service's returns nothing, Bugsnag's returns the client
      code: `export class TerminalService {
  constructor(private readonly terminal: { startSession(): void }, private readonly bugsnag: { startSession(): unknown }) {}
  open(): void {
    this.terminal.startSession();
    this.bugsnag.startSession();
  }
}`,
    },
    {
      // `void` says the result is dropped on purpose
      code: `import fs from 'node:fs';
export function touch(path: string) {
  void fs.openSync(path, 'w');
}`,
    },
    {
      // released later through the receiver: release-in-finally's business
      code: `${locks.mutex.acquisition.import}\n${locks.mutex.moreReleased.receiverReleaseInFinally.code}`,
    },
    {
      // acquire and release in two methods of a class, by design
      code: `import { Mutex } from 'async-mutex';
export class Gate {
  private mutex = new Mutex();
  async lock() {
    await this.mutex.acquire();
  }
  unlock() {
    this.mutex.release();
  }
}`,
    },
    {
      // the receiver is a parameter (the caller releases it) or a local handed off; module level is app lifetime
      code: `import { Client } from 'pg';
import { Sema } from 'async-sema';
export async function enter(sema: Sema) {
  await sema.acquire();
}
export async function connected() {
  const client = new Client();
  await client.connect();
  return client;
}
const sema = new Sema(1);
await sema.acquire();`,
    },
    {
      // bound, or handed to a callback: not floating
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  client.release();
  pool.connect((error, c, done) => done());
  pool.connect().then((c) => c.release());
}`,
    },
    {
      // \`pool.connect()\` on an object known only by name may connect the pool itself (mssql)
      code: `export class Db {
  constructor(private pool: { connect(): Promise<unknown> }) {}
  async start() {
    await this.pool.connect();
  }
}`,
    },
    {
      // timers: module-level intervals live as long as the app, bound ones can be cleared, timeouts end by themselves
      code: `import { setInterval as every } from 'node:timers/promises';
setInterval(() => {}, 1000);
export function start(tick: () => void) {
  const id = setInterval(tick, 1000);
  setTimeout(tick, 10);
  setInterval(tick, 1000).unref();
  return id;
}
export async function poll(signal: AbortSignal) {
  for await (const _ of every(1000, undefined, { signal })) break;
}`,
    },
    {
      // a local function called setInterval is not the timer
      code: `function setInterval(f: () => void, ms: number) { return { f, ms }; }
export function run() {
  setInterval(() => {}, 1);
}`,
    },
    {
      // without types, an unknown call or constructor is never reported
      code: `export function run() {
  connect();
  new Connection();
}`,
    },
    {
      // allow: the value specifier of the acquisition
      code: `import fs from 'node:fs';
export function touch(path: string) {
  fs.openSync(path, 'w');
  setInterval(() => {}, 10);
}`,
      options: [
        {
          allow: [
            { from: 'package', package: 'fs', name: 'openSync' },
            { from: 'lib', name: 'setInterval' },
          ],
        },
      ],
    },
    {
      // a lock file released by a paired call in another function
      code: `import lockfile from 'proper-lockfile';
export async function take(file: string) {
  await lockfile.lock(file);
}
export async function drop(file: string) {
  await lockfile.unlock(file);
}`,
    },
  ],
  invalid: [
    {
      // the same lock acquired without a callback
      code: `export class Engine {
  private readonly lock = new (require('async-lock'))();
  public async track(userIds: string[]) {
    await this.lock.acquire('sync');
    await this.update(userIds);
  }
  private async update(_userIds: string[]) {}
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 36,
          data: { resource: 'lock from `this.lock.acquire()`', release: 'this.lock.release()' },
          suggestions: [
            {
              messageId: 'suggestFinally',
              data: { name: 'release' },
              output: `export class Engine {
  private readonly lock = new (require('async-lock'))();
  public async track(userIds: string[]) {
    const release = await this.lock.acquire('sync');
    try {
      await this.update(userIds);
    } finally {
      release();
    }
  }
  private async update(_userIds: string[]) {}
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // serverless handlers assigned to \`exports\` or exported as a const run per invocation too
      code: `exports.worker = (event, context) => {
  setInterval(() => poll(event.queue), 1000);
};
export const handler = async (event, context) => {
  setInterval(() => poll(event.queue), 1000);
};
declare function poll(queue: string): Promise<void>;`,
      output: null,
      errors: [
        {
          messageId: 'discardedInterval',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 45,
          data: { label: 'setInterval()' },
          suggestions: null,
        },
        {
          messageId: 'discardedInterval',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 45,
          data: { label: 'setInterval()' },
          suggestions: null,
        },
      ],
    },
    {
      // a serverless handler runs once per invocation in a process that lives on: each call adds an interval
      code: `export async function handler(event, context) {
  setInterval(() => poll(event.queue), 1000);
}
declare function poll(queue: string): Promise<void>;`,
      output: null,
      errors: [
        {
          messageId: 'discardedInterval',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 45,
          data: { label: 'setInterval()' },
          suggestions: null,
        },
      ],
    },
    {
      // a mutex acquired and never released: suggestion binds the releaser
      code: `${locks.mutex.acquisition.import}\n${locks.mutex.moreLeaks.neverReleased.code}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 24,
          data: { resource: 'lock from `mutex.acquire()`', release: 'mutex.release()' },
          suggestions: [
            {
              messageId: 'suggestFinally',
              data: { name: 'release' },
              output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run(work: () => Promise<void>) {
  const release = await mutex.acquire();
  try {
    await work();
  } finally {
    release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a semaphore held by its receiver: suggestion releases through it
      code: `import { Sema } from 'async-sema';
export async function run(work: () => Promise<void>) {
  const sema = new Sema(2);
  await sema.acquire();
  await work();
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 23,
          data: { resource: 'semaphore permit from `sema.acquire()`', release: 'sema.release()' },
          suggestions: [
            {
              messageId: 'suggestReleaseInFinally',
              data: { release: 'sema.release()' },
              output: `import { Sema } from 'async-sema';
export async function run(work: () => Promise<void>) {
  const sema = new Sema(2);
  await sema.acquire();
  try {
    await work();
  } finally {
    sema.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a file descriptor thrown away: suggestion binds it and closes it in finally
      code: `import fs from 'node:fs';
export function prepare(path: string) {
  fs.openSync(path, 'wx');
  fs.writeFileSync(path + '.meta', '');
}`,
      output: null,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 26,
          data: { resource: 'file descriptor from `fs.openSync()`' },
          suggestions: [
            {
              messageId: 'suggestFinally',
              data: { name: 'fd' },
              output: `import fs from 'node:fs';
export function prepare(path: string) {
  const fd = fs.openSync(path, 'wx');
  try {
    fs.writeFileSync(path + '.meta', '');
  } finally {
    fs.closeSync(fd);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a FileHandle thrown away: suggestion binds it with `await using`
      code: `import fs from 'node:fs';
export async function check(path: string) {
  await fs.promises.open(path);
  return true;
}`,
      output: null,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 31,
          data: { resource: 'file handle from `fs.promises.open()`' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'await using', name: '_fileHandle' },
              output: `import fs from 'node:fs';
export async function check(path: string) {
  await using _fileHandle = await fs.promises.open(path);
  return true;
}`,
            },
          ],
        },
      ],
    },
    {
      // a pooled client: awaited, it can be bound; not awaited, it is a promise (no suggestion)
      code: `${sql.pgPool.acquisition.import}
export async function warm(work: () => Promise<void>) {
  pool.connect();
  await pool.connect();
  await work();
}`,
      output: null,
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 17,
          data: { resource: 'client from `pool.connect()`' },
          suggestions: null,
        },
        {
          messageId: 'discarded',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 23,
          data: { resource: 'client from `pool.connect()`' },
          suggestions: [
            {
              messageId: 'suggestFinally',
              data: { name: 'client' },
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function warm(work: () => Promise<void>) {
  pool.connect();
  const client = await pool.connect();
  try {
    await work();
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // an interval thrown away per event (a handler) and per instance of a class with a teardown that cannot clear it
      code: `export class Poller {
  constructor(tick: () => void) {
    setInterval(tick, 1000);
  }
  stop(): void {}
}
export function watch(emitter: NodeJS.EventEmitter, tick: () => void, work: () => Promise<void>) {
  emitter.on('job', async () => {
    window.setInterval(tick, 1000);
    await work();
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'discardedInterval',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 28,
          data: { label: 'setInterval()' },
          suggestions: null,
        },
        {
          messageId: 'discardedInterval',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 35,
          data: { label: 'window.setInterval()' },
          suggestions: [
            {
              messageId: 'suggestFinally',
              data: { name: 'interval' },
              output: `export class Poller {
  constructor(tick: () => void) {
    setInterval(tick, 1000);
  }
  stop(): void {}
}
export function watch(emitter: NodeJS.EventEmitter, tick: () => void, work: () => Promise<void>) {
  emitter.on('job', async () => {
    const interval = window.setInterval(tick, 1000);
    try {
      await work();
    } finally {
      clearInterval(interval);
    }
  });
}`,
            },
          ],
        },
      ],
    },
    {
      // one interval per loop iteration
      code: `export function pollAll(targets: string[], check: (target: string) => void) {
  for (const target of targets) setInterval(() => check(target), 1000);
}`,
      output: null,
      errors: [
        {
          messageId: 'discardedInterval',
          line: 2,
          column: 33,
          endLine: 2,
          endColumn: 71,
          data: { label: 'setInterval()' },
          suggestions: null,
        },
      ],
    },
    {
      // a DisposableStack created and dropped
      code: globals.disposableStack.moreLeaks.discarded.code,
      output: null,
      errors: [
        {
          messageId: 'discardedDisposable',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 24,
          data: { resource: 'disposable stack from `new DisposableStack()`', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'using', name: '_disposableStack' },
              output: `export function run() {
  using _disposableStack = new DisposableStack();
}`,
            },
          ],
        },
      ],
    },
    {
      // a query runner used once inline and dropped; a FileHandle read once
      code: `import { open } from 'node:fs/promises';
export async function count(dataSource: { createQueryRunner(): any }, path: string) {
  const rows = await dataSource.createQueryRunner().query('select 1');
  const text = await (await open(path)).readFile('utf8');
  return [rows, text];
}`,
      output: null,
      errors: [
        {
          messageId: 'usedInline',
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 52,
          data: { resource: 'query runner from `dataSource.createQueryRunner()`' },
          suggestions: null,
        },
        {
          messageId: 'usedInline',
          line: 4,
          column: 29,
          endLine: 4,
          endColumn: 39,
          data: { resource: 'file handle from `open()`' },
          suggestions: null,
        },
      ],
    },
    {
      // a file lock whose paired unlock is never written
      code: `import lockfile from 'proper-lockfile';
export async function take(file: string, work: () => Promise<void>) {
  await lockfile.lock(file);
  await work();
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 28,
          data: { resource: 'file lock from `lockfile.lock()`', release: 'lockfile.unlock(file)' },
          suggestions: [
            {
              messageId: 'suggestFinally',
              data: { name: 'release' },
              output: `import lockfile from 'proper-lockfile';
export async function take(file: string, work: () => Promise<void>) {
  const release = await lockfile.lock(file);
  try {
    await work();
  } finally {
    await release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // the acquire in one method is not excused by an acquire-and-release in another
      code: `${locks.mutex.acquisition.import}
export async function leak() {
  await (mutex.acquire() as Promise<unknown>);
}
export async function fine(work: () => void) {
  await mutex.acquire();
  try {
    work();
  } finally {
    mutex.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 25,
          data: { resource: 'lock from `mutex.acquire()`', release: 'mutex.release()' },
          suggestions: null,
        },
      ],
    },
  ],
});

jsRuleTester.run('no-floating-resource', rule, {
  valid: [
    {
      // a terminal UI that ends the process itself (its quit key calls process.exit()): the render loop is app-lifetime
      code: `const Screen = {};
Screen.init = function () {
  this.ui = createUi();
  this.ui.key(['q', 'C-c'], () => {
    this.ui.destroy();
    process.exit(0);
  });
  setInterval(() => this.ui.render(), 300);
  return this;
};
module.exports = Screen;`,
    },
    {
      // nothing in the file says these run more than once: a startup function called from elsewhere, a class with no
      // teardown (made once at startup), a framework's \`started()\` hook; their intervals live as long as the program
      code: `export class DecayingCounter {
  value = 0;
  constructor(ms: number) {
    setInterval(() => {
      this.value = Math.max(0, this.value - 1);
    }, ms);
  }
}
export async function initBlocklist(refresh: () => Promise<void>) {
  await refresh();
  setInterval(() => refresh(), 60_000);
}
export const service = {
  started() {
    setInterval(() => this.report(), 5000);
  },
  report() {},
};`,
    },
    {
      // CommonJS: bound and released
      code: `const fs = require('fs');
exports.size = function size(path) {
  const fd = fs.openSync(path, 'r');
  try {
    return fs.fstatSync(fd).size;
  } finally {
    fs.closeSync(fd);
  }
};`,
      languageOptions: commonjs,
    },
  ],
  invalid: [
    {
      // an exit on an error path is no quit handler: the interval is started once per connection
      code: `module.exports = function listen(server) {
  server.on('connection', (socket) => {
    socket.on('error', () => process.exit(1));
    if (!socket.remoteAddress) process.exit(0);
    setInterval(() => socket.write('ping'), 1000);
  });
};`,
      output: null,
      errors: [
        {
          messageId: 'discardedInterval',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 50,
          data: { label: 'setInterval()' },
          suggestions: null,
        },
      ],
    },
    {
      // module level: no suggestion, since wrapping the rest of the module would put an `export` in a block (found by the fuzzer)
      code: `${sql.pgPool.acquisition.defaultImport}
await pool.connect();
export function f() {}
`,
      output: null,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 21,
          data: { resource: 'client from `pool.connect()`' },
          suggestions: null,
        },
      ],
    },
    {
      // require() provenance; JavaScript with ecmaVersion 2025 gets the try/finally suggestion instead of `using`
      code: `const { open } = require('node:fs/promises');
exports.check = async function check(path) {
  await open(path);
  console.log('ok');
};`,
      output: null,
      languageOptions: commonjs2025,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 19,
          data: { resource: 'file handle from `open()`' },
          suggestions: [
            {
              messageId: 'suggestFinally',
              data: { name: 'fileHandle' },
              output: `const { open } = require('node:fs/promises');
exports.check = async function check(path) {
  const fileHandle = await open(path);
  try {
    console.log('ok');
  } finally {
    await fileHandle.close();
  }
};`,
            },
          ],
        },
      ],
    },
    {
      // an AsyncDisposableStack dropped at module level of an ES module
      code: `new AsyncDisposableStack();`,
      output: null,
      errors: [
        {
          messageId: 'discardedDisposable',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 27,
          data: { resource: 'async disposable stack from `new AsyncDisposableStack()`', keyword: 'await using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'await using', name: '_asyncDisposableStack' },
              output: `await using _asyncDisposableStack = new AsyncDisposableStack();`,
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-floating-resource', rule, {
  valid: [
    {
      // fluent results (`this`, an argument), promises of Disposables, Node timers, event-driven objects, module level
      code: `import { spawn } from 'node:child_process';
import http from 'node:http';
class Conn implements Disposable { [Symbol.dispose]() {} }
declare function connect(): Conn;
declare function connectLater(): Promise<Conn>;
connect();
export function run(stack: DisposableStack, server: http.Server) {
  server.listen(3000);
  stack.use(connect());
  connectLater();
  setTimeout(() => {}, 10);
  setImmediate(() => {});
  spawn('ls');
}`,
    },
    {
      // test doubles
      code: `import { vi } from 'vitest';
export function spy(target: { m(): void }) {
  vi.spyOn(target, 'm');
}`,
    },
    {
      // the typed gate: a method whose name says nothing of making (`next`, `register`) is not typed, even when it
      // returns a Disposable; only `new`, a call by name and a making method (`openScope()`) are asked of the checker
      code: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare const registry: { register(name: string): Conn; openScope(): void };
export function run(source: { next(value: number): Conn }) {
  registry.register('a');
  source.next(1);
  registry.openScope();
}`,
    },
    {
      // allow by type
      code: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare function connect(): Conn;
export function run() {
  connect();
}`,
      options: [{ allow: ['Conn'] }],
    },
  ],
  invalid: [
    {
      // the return type is read from the callee's signatures first (a cheap filter): generic, overloaded, union and
      // intersection results still reach the full type, and only the overload that returns a Disposable is reported
      code: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare function make<T>(factory: () => T): T;
declare function open(path: string): Conn;
declare function open(fd: number): void;
declare function maybe(): Conn | undefined;
declare function tagged(): Conn & { id: number };
declare function log(message: string): void;
export function run() {
  make(() => new Conn());
  open(1);
  open("a");
  maybe();
  tagged();
  log("x");
}`,
      output: null,
      errors: [
        {
          messageId: 'discardedDisposable',
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 25,
          data: { resource: '`Conn` value from `make()`', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'using', name: '_conn' },
              output: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare function make<T>(factory: () => T): T;
declare function open(path: string): Conn;
declare function open(fd: number): void;
declare function maybe(): Conn | undefined;
declare function tagged(): Conn & { id: number };
declare function log(message: string): void;
export function run() {
  using _conn = make(() => new Conn());
  open(1);
  open("a");
  maybe();
  tagged();
  log("x");
}`,
            },
          ],
        },
        {
          messageId: 'discardedDisposable',
          line: 11,
          column: 3,
          endLine: 11,
          endColumn: 12,
          data: { resource: '`Conn` value from `open()`', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'using', name: '_conn' },
              output: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare function make<T>(factory: () => T): T;
declare function open(path: string): Conn;
declare function open(fd: number): void;
declare function maybe(): Conn | undefined;
declare function tagged(): Conn & { id: number };
declare function log(message: string): void;
export function run() {
  make(() => new Conn());
  open(1);
  using _conn = open("a");
  maybe();
  tagged();
  log("x");
}`,
            },
          ],
        },
        {
          messageId: 'discardedDisposable',
          line: 12,
          column: 3,
          endLine: 12,
          endColumn: 10,
          data: { resource: '`Conn` value from `maybe()`', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'using', name: '_conn' },
              output: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare function make<T>(factory: () => T): T;
declare function open(path: string): Conn;
declare function open(fd: number): void;
declare function maybe(): Conn | undefined;
declare function tagged(): Conn & { id: number };
declare function log(message: string): void;
export function run() {
  make(() => new Conn());
  open(1);
  open("a");
  using _conn = maybe();
  tagged();
  log("x");
}`,
            },
          ],
        },
        {
          messageId: 'discardedDisposable',
          line: 13,
          column: 3,
          endLine: 13,
          endColumn: 11,
          data: { resource: 'Disposable value from `tagged()`', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'using', name: '_disposable' },
              output: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare function make<T>(factory: () => T): T;
declare function open(path: string): Conn;
declare function open(fd: number): void;
declare function maybe(): Conn | undefined;
declare function tagged(): Conn & { id: number };
declare function log(message: string): void;
export function run() {
  make(() => new Conn());
  open(1);
  open("a");
  maybe();
  using _disposable = tagged();
  log("x");
}`,
            },
          ],
        },
      ],
    },
    {
      // the typed gate lets a method through by its name: `openConn()` makes something, so its type is asked
      code: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare const pool: { openConn(): Conn };
export function run() {
  pool.openConn();
}`,
      output: null,
      errors: [
        {
          messageId: 'discardedDisposable',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 18,
          data: { resource: '`Conn` value from `pool.openConn()`', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'using', name: '_conn' },
              output: `class Conn implements Disposable { [Symbol.dispose]() {} }
declare const pool: { openConn(): Conn };
export function run() {
  using _conn = pool.openConn();
}`,
            },
          ],
        },
      ],
    },
    {
      // a Disposable-returning call as a statement; an awaited AsyncDisposable
      code: `class Conn implements Disposable { [Symbol.dispose]() {} }
class Session implements AsyncDisposable { async [Symbol.asyncDispose]() {} }
declare function connect(): Conn;
declare function begin(): Promise<Session>;
export async function run() {
  connect();
  await begin();
}`,
      output: null,
      errors: [
        {
          messageId: 'discardedDisposable',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 12,
          data: { resource: '`Conn` value from `connect()`', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'using', name: '_conn' },
              output: `class Conn implements Disposable { [Symbol.dispose]() {} }
class Session implements AsyncDisposable { async [Symbol.asyncDispose]() {} }
declare function connect(): Conn;
declare function begin(): Promise<Session>;
export async function run() {
  using _conn = connect();
  await begin();
}`,
            },
          ],
        },
        {
          messageId: 'discardedDisposable',
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 16,
          data: { resource: '`Session` value from `begin()`', keyword: 'await using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'await using', name: '_session' },
              output: `class Conn implements Disposable { [Symbol.dispose]() {} }
class Session implements AsyncDisposable { async [Symbol.asyncDispose]() {} }
declare function connect(): Conn;
declare function begin(): Promise<Session>;
export async function run() {
  connect();
  await using _session = await begin();
}`,
            },
          ],
        },
      ],
    },
    {
      // a new Disposable class instance dropped
      code: `class Scope implements Disposable { [Symbol.dispose]() {} }
export function run() {
  new Scope();
}`,
      output: null,
      errors: [
        {
          messageId: 'discardedDisposable',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 14,
          data: { resource: '`Scope` value from `new Scope()`', keyword: 'using' },
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { keyword: 'using', name: '_scope' },
              output: `class Scope implements Disposable { [Symbol.dispose]() {} }
export function run() {
  using _scope = new Scope();
}`,
            },
          ],
        },
      ],
    },
  ],
});

// TypeScript declaration shapes (overload signatures, abstract and `declare` members, `declare class`, `accessor`,
// index signatures, parameter properties, decorators, enums, namespaces): the implementation's body counts, the
// signatures do not, and no rule assumes that a function has a body.
ruleTester.run('no-floating-resource', rule, {
  valid: [
    {
      // a callback-scoped lock in an overload implementation, a closed descriptor in a namespace; declared functions and `declare class` members acquire nothing
      code: `import { Mutex } from 'async-mutex';
import * as fs from 'node:fs';

export class Critical {
  declare readonly name: string;
  constructor(private readonly mutex: Mutex) {}
  run(): Promise<void>;
  run(work: () => Promise<void>): Promise<void>;
  async run(work?: () => Promise<void>): Promise<void> {
    await this.mutex.runExclusive(async () => work?.());
  }
}
export namespace Files {
  export function touch(path: string): void {
    fs.closeSync(fs.openSync(path, 'wx'));
  }
}
declare function acquireLater(): Promise<() => void>;
export declare class Ambient {
  acquire(): Promise<() => void>;
}
`,
    },
  ],
  invalid: [
    {
      // a lock acquired and dropped in an overload implementation (the mutex is a parameter property); a descriptor dropped in a namespace
      code: `import { Mutex } from 'async-mutex';
import * as fs from 'node:fs';

export class Critical {
  declare readonly name: string;
  constructor(private readonly mutex: Mutex) {}
  run(): Promise<void>;
  run(work: () => Promise<void>): Promise<void>;
  async run(work?: () => Promise<void>): Promise<void> {
    await this.mutex.acquire();
    await work?.();
  }
}
export namespace Files {
  export function touch(path: string): void {
    fs.openSync(path, 'wx');
  }
}
`,
      errors: [
        {
          messageId: 'neverReleased',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 31,
          data: { resource: 'lock from `this.mutex.acquire()`', release: 'this.mutex.release()' },
          suggestions: [
            {
              messageId: 'suggestFinally',
              data: { name: 'release' },
              output: `import { Mutex } from 'async-mutex';
import * as fs from 'node:fs';

export class Critical {
  declare readonly name: string;
  constructor(private readonly mutex: Mutex) {}
  run(): Promise<void>;
  run(work: () => Promise<void>): Promise<void>;
  async run(work?: () => Promise<void>): Promise<void> {
    const release = await this.mutex.acquire();
    try {
      await work?.();
    } finally {
      release();
    }
  }
}
export namespace Files {
  export function touch(path: string): void {
    fs.openSync(path, 'wx');
  }
}
`,
            },
          ],
        },
        {
          messageId: 'discarded',
          line: 16,
          column: 5,
          endLine: 16,
          endColumn: 28,
          data: { resource: 'file descriptor from `fs.openSync()`' },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});
