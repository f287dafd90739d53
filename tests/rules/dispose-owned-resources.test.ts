import rule from '../../src/rules/dispose-owned-resources.js';
import { fs, sql } from '../fixtures/families/index.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../RuleTester.js';

/** `fd = fs.openSync('app.log', 'a')` in `class Log`, not closed by `close()`: no release the fix could write. */
const logFdNotReleased = {
  messageId: 'notReleased',
  line: 3,
  column: 3,
  endLine: 3,
  endColumn: 5,
  data: { field: 'this.fd', noun: 'file descriptor', className: 'Log', label: 'fs.openSync()', teardown: 'close' },
  suggestions: null,
} as const;

/** A holder of a socket server with its own `close()`, and the start of a class that keeps it (issue 16). */
const serverHolder = `import net from 'node:net';
class ServerHolder {
  server = net.createServer();
  close() {
    this.server.close();
  }
}
export class Gateway {
  servers: ServerHolder;
  constructor() {
    this.servers = new ServerHolder();
  }`;

ruleTester.run('dispose-owned-resources', rule, {
  valid: [
    {
      // a holder with a private worker and a release method of its own; the owner calls it, or passes the field on
      code: `import { Worker } from 'node:worker_threads';
class Holder {
  #worker = new Worker('./task.js');
  kill() {
    return this.#worker.terminate();
  }
}
class PlainHolder {
  worker = new Worker('./task.js');
}
export class Pool {
  holder = new Holder();
  plain = new PlainHolder();
  async close() {
    await this.holder.kill();
    await terminateQuietly(this.plain.worker);
  }
}`,
    },
    {
      // a holder kept by a singleton owner (constructed once at module level): the program's life is its teardown
      code: `import { Worker } from 'node:worker_threads';
class WorkerHolder {
  worker = new Worker('./task.js');
}
class App {
  holder: WorkerHolder;
  constructor() {
    this.holder = new WorkerHolder();
  }
}
new App();`,
    },
    {
      // a holder of a socket server with its own close(), which the owning class's teardown calls
      code: `${serverHolder}
  stop() {
    this.servers.close();
  }
}`,
    },
    {
      // a dev server class constructed once at module level: its watcher lives as long as the program (issue 16)
      code: `import { watch, type FSWatcher } from 'node:fs';
class DevServer {
  watcher?: FSWatcher;
  start() {
    this.watcher = watch('src');
  }
}
const server = new DevServer();
server.start();`,
    },
    {
      // holder classes whose owner releases what they hold: by a call on the held field, or through the holder's method
      code: `import { Worker } from 'node:worker_threads';
import { watch, type FSWatcher } from 'node:fs';
class WorkerHolder {
  worker: Worker;
  constructor(file: string) {
    this.worker = new Worker(file);
  }
}
class WatchHolder {
  watcher: FSWatcher = watch('src');
  unwatch() {
    this.watcher.close();
  }
}
export class Pool {
  holder = new WorkerHolder('./task.js');
  files: WatchHolder;
  constructor() {
    this.files = new WatchHolder();
  }
  async close() {
    await this.holder.worker.terminate();
    this.files.unwatch();
  }
}`,
    },
    {
      // every owned field released by a teardown: directly, with ?., through an alias, through a helper it calls
      code: `import { open, type FileHandle } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { Worker } from 'node:worker_threads';
${sql.pgPool.acquisition.defaultImport}
export class Service {
  #fh: FileHandle | undefined;
  #watcher: FSWatcher = watch('.');
  client: pg.PoolClient | undefined;
  worker = new Worker('./job.js');
  timer = setInterval(() => {}, 1000);
  async open(path: string) {
    this.#fh = await open(path);
    this.client = await pool.connect();
  }
  async close() {
    await this.#fh?.close();
    const { client } = this;
    client?.release();
    await this.shutdownWorker();
    clearInterval(this.timer);
    this.#stopWatching();
  }
  private async shutdownWorker() {
    const worker = this.worker;
    await worker.terminate();
  }
  #stopWatching() {
    this.#watcher.close();
  }
}`,
    },
    {
      // objects received through the constructor or a parameter are not owned
      code: `import pg from 'pg';
import type { Worker } from 'node:worker_threads';
export class Repo {
  private conn: pg.PoolClient | undefined;
  constructor(private readonly pool: pg.Pool, private readonly worker: Worker) {}
  use(conn: pg.PoolClient) {
    this.conn = conn;
  }
  query() {
    return this.pool.query('select 1');
  }
}`,
    },
    {
      // a resource handed to other code, or passed to a call outside the teardown code
      code: `import { Worker } from 'node:worker_threads';
declare const registry: Set<Worker>;
export class Spawner {
  worker: Worker | undefined;
  other: Worker | undefined;
  spawn(file: string) {
    this.worker = new Worker(file);
    registry.add(this.worker);
    this.other = new Worker(file);
    return { worker: this.other };
  }
}`,
    },
    {
      // a descriptor passed to a function of another module is handed off; only `fs` functions just use it
      code: `${fs.openSync.acquisition.import}
declare const journal: { adopt(fd: number): void };
export class Log {
  fd = fs.openSync('app.log', 'a');
  start() {
    journal.adopt(this.fd);
  }
  close() {}
}`,
    },
    {
      // released in a callback (an exit handler), or created and released by the same method (a temporary)
      code: `import { Worker } from 'node:worker_threads';
${sql.pgPool.acquisition.defaultImport}
export class Runner {
  worker: Worker | undefined;
  client: pg.PoolClient | undefined;
  start(file: string) {
    this.worker = new Worker(file);
    process.once('exit', () => this.worker?.terminate());
  }
  async once() {
    this.client = await pool.connect();
    try {
      await this.client.query('select 1');
    } finally {
      this.client.release();
      this.client = undefined;
    }
  }
  stop() {}
}`,
    },
    {
      // no teardown method, but a method of the class releases the field: the class has its own life cycle
      code: `import net from 'node:net';
export class Session {
  socket: net.Socket | undefined;
  login() {
    this.socket = net.connect(6379);
  }
  logout() {
    this.socket?.end();
  }
}`,
    },
    {
      // intervals alone are no-leaked-timer's (it reports the setInterval())
      code: `export class Poller {
  timer = setInterval(() => this.poll(), 1000);
  poll() {}
}`,
    },
    {
      // static fields, unknown factories and non-resources are not checked (without type information)
      code: `import pg from 'pg';
declare function createThing(): { close(): void };
export class Registry {
  static pool = new pg.Pool();
  thing = createThing();
  cache = new Map<string, string>();
  controller = new AbortController();
}`,
    },
    {
      // a protected teardown hook: _destroy() of a stream subclass
      code: `import { Readable } from 'node:stream';
import { open, type FileHandle } from 'node:fs/promises';
export class FileSource extends Readable {
  #fh: FileHandle | undefined;
  override async _construct(callback: () => void) {
    this.#fh = await open('data.bin');
    callback();
  }
  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    this.#fh?.close().then(() => callback(error), callback);
  }
}`,
    },
    {
      // passed to a helper in the teardown: the helper releases it
      code: `import { open, type FileHandle } from 'node:fs/promises';
declare function closeQuietly(fh: FileHandle | undefined): Promise<void>;
export class Log {
  fh: FileHandle | undefined;
  async open(path: string) {
    this.fh = await open(path, 'a');
  }
  async write(line: string) {
    await this.append(this.fh, line);
  }
  private async append(fh: FileHandle | undefined, line: string) {
    await fh?.appendFile(line);
  }
  async dispose() {
    await closeQuietly(this.fh);
  }
}`,
    },
    {
      // with settings.cleanup.teardownMethods: shutdownNow() is the teardown and releases the pool
      code: `import pg from 'pg';
export class Db {
  pool = new pg.Pool();
  async shutdownNow() {
    await this.pool.end();
  }
}`,
      settings: { cleanup: { teardownMethods: ['shutdownNow'] } },
    },
    {
      // shadowed names: a local fs, a local Worker class and a local setInterval are not the real ones
      code: `const fs = { watch: (dir: string) => ({ dir }) };
class Worker {
  constructor(readonly file: string) {}
}
function setInterval(fn: () => void, ms: number) {
  return { fn, ms };
}
export class Local {
  watcher = fs.watch('.');
  worker = new Worker('job.js');
  timer = setInterval(() => {}, 10);
}`,
    },
  ],
  invalid: [
    {
      // a class also constructed outside a field is no holder: it owes its own teardown
      code: `import { Worker } from 'node:worker_threads';
class WorkerHolder {
  worker = new Worker('./task.js');
}
export class Pool {
  holder = new WorkerHolder();
  close() {
    void this.holder.worker.terminate();
  }
}
export function spare() {
  return new WorkerHolder();
}`,
      output: null,
      errors: [
        {
          messageId: 'noTeardown',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 19,
          data: {
            className: 'WorkerHolder',
            fields: '`this.worker` (worker thread from `new Worker()`)',
            them: 'it',
            method: '[Symbol.asyncDispose]',
          },
          suggestions: [
            {
              messageId: 'suggestDisposeMethod',
              data: { method: '[Symbol.asyncDispose]', them: 'it' },
              output: `import { Worker } from 'node:worker_threads';
class WorkerHolder {
  worker = new Worker('./task.js');

  async [Symbol.asyncDispose]() {
    await this.worker.terminate();
  }
}
export class Pool {
  holder = new WorkerHolder();
  close() {
    void this.holder.worker.terminate();
  }
}
export function spare() {
  return new WorkerHolder();
}`,
            },
          ],
        },
      ],
    },
    {
      // a holder with its own close(), kept by a class with no teardown: the owner is reported, not the holder
      code: `${serverHolder}
}`,
      output: null,
      errors: [
        {
          messageId: 'heldNotReleased',
          line: 11,
          column: 5,
          endLine: 11,
          endColumn: 17,
          data: {
            className: 'Gateway',
            field: 'this.servers.server',
            noun: 'server',
            label: 'net.createServer()',
            holder: 'ServerHolder',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // issue 16 neighbours: a holder whose owner never terminates its worker (the owner is reported); a class a function constructs per call
      code: `import { Worker } from 'node:worker_threads';
import { watch, type FSWatcher } from 'node:fs';
class WorkerHolder {
  worker: Worker;
  constructor(file: string) {
    this.worker = new Worker(file);
  }
}
export class Pool {
  holder = new WorkerHolder('./task.js');
  close() {
    this.holder.worker.postMessage('bye');
  }
}
class Watch {
  watcher?: FSWatcher;
  start() {
    this.watcher = watch('src');
  }
}
export function serve() {
  new Watch().start();
}`,
      output: null,
      errors: [
        {
          messageId: 'heldNotReleased',
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 9,
          data: {
            className: 'Pool',
            field: 'this.holder.worker',
            noun: 'worker thread',
            label: 'new Worker()',
            holder: 'WorkerHolder',
            teardown: '`close()`',
          },
          suggestions: null,
        },
        {
          messageId: 'noTeardown',
          line: 15,
          column: 7,
          endLine: 15,
          endColumn: 12,
          data: {
            className: 'Watch',
            fields: '`this.watcher` (file watcher from `watch()`)',
            them: 'it',
            method: '[Symbol.dispose]',
          },
          suggestions: [
            {
              messageId: 'suggestDisposeMethod',
              data: { method: '[Symbol.dispose]', them: 'it' },
              output: `import { Worker } from 'node:worker_threads';
import { watch, type FSWatcher } from 'node:fs';
class WorkerHolder {
  worker: Worker;
  constructor(file: string) {
    this.worker = new Worker(file);
  }
}
export class Pool {
  holder = new WorkerHolder('./task.js');
  close() {
    this.holder.worker.postMessage('bye');
  }
}
class Watch {
  watcher?: FSWatcher;
  start() {
    this.watcher = watch('src');
  }

  [Symbol.dispose]() {
    this.watcher?.close();
  }
}
export function serve() {
  new Watch().start();
}`,
            },
          ],
        },
      ],
    },
    {
      // passing the descriptor to a function of `fs` uses it, as release-in-finally counts it: not a hand-off
      // (issue 13)
      code: `${fs.openSync.acquisition.import}\n${fs.openSync.ownedLeak.code}`,
      output: null,
      errors: [logFdNotReleased],
    },
    {
      // nor does a teardown that only writes to the descriptor release it
      code: `${fs.openSync.acquisition.require}
export class Log {
  fd = fs.openSync('app.log', 'a');
  close() {
    fs.writeSync(this.fd, 'closing\\n');
  }
}`,
      output: null,
      errors: [logFdNotReleased],
    },
    {
      // a pooled client the class checks out, which close() never releases
      code: `${sql.pgPool.acquisition.defaultImport}
export class Repo {
  private client: pg.PoolClient | undefined;
  async open() {
    this.client = await pool.connect();
  }
  async close() {
    console.log('closing');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 16,
          data: { field: 'this.client', noun: 'client', className: 'Repo', label: 'pool.connect()', teardown: 'close' },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.client', teardown: 'close' },
              output: `import pg from 'pg';
const pool = new pg.Pool();
export class Repo {
  private client: pg.PoolClient | undefined;
  async open() {
    this.client = await pool.connect();
  }
  async close() {
    console.log('closing');
    this.client?.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // released by reset() only, which the teardown does not call
      code: `import { open, type FileHandle } from 'node:fs/promises';
export class Log {
  #fh!: FileHandle;
  constructor(private readonly path: string) {}
  async init() {
    this.#fh = await open(this.path, 'a');
  }
  async reset() {
    await this.#fh.close();
    this.#fh = await open(this.path, 'w');
  }
  async [Symbol.asyncDispose]() {
    console.log('bye');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedOutsideTeardown',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 13,
          data: {
            field: 'this.#fh',
            noun: 'file handle',
            className: 'Log',
            label: 'open()',
            teardown: '[Symbol.asyncDispose]',
            method: 'reset',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.#fh', teardown: '[Symbol.asyncDispose]' },
              output: `import { open, type FileHandle } from 'node:fs/promises';
export class Log {
  #fh!: FileHandle;
  constructor(private readonly path: string) {}
  async init() {
    this.#fh = await open(this.path, 'a');
  }
  async reset() {
    await this.#fh.close();
    this.#fh = await open(this.path, 'w');
  }
  async [Symbol.asyncDispose]() {
    console.log('bye');
    await this.#fh?.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // no teardown, one field that needs await: an async dispose method
      code: `import { Worker } from 'node:worker_threads';
export class Thumbnailer {
  #worker = new Worker(new URL('./thumbnail.js', import.meta.url));
  resize(path: string) {
    this.#worker.postMessage(path);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noTeardown',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 25,
          data: {
            className: 'Thumbnailer',
            fields: '`this.#worker` (worker thread from `new Worker()`)',
            them: 'it',
            method: '[Symbol.asyncDispose]',
          },
          suggestions: [
            {
              messageId: 'suggestDisposeMethod',
              data: { method: '[Symbol.asyncDispose]', them: 'it' },
              output: `import { Worker } from 'node:worker_threads';
export class Thumbnailer {
  #worker = new Worker(new URL('./thumbnail.js', import.meta.url));
  resize(path: string) {
    this.#worker.postMessage(path);
  }

  async [Symbol.asyncDispose]() {
    await this.#worker.terminate();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // an anonymous class expression, reported at its class keyword; a DisposableStack is disposed with dispose()
      code: `export const Holder = class {
  stack = new DisposableStack();
};`,
      output: null,
      errors: [
        {
          messageId: 'noTeardown',
          line: 1,
          column: 23,
          endLine: 1,
          endColumn: 28,
          data: {
            className: 'this class',
            fields: '`this.stack` (disposable stack from `new DisposableStack()`)',
            them: 'it',
            method: '[Symbol.dispose]',
          },
          suggestions: [
            {
              messageId: 'suggestDisposeMethod',
              data: { method: '[Symbol.dispose]', them: 'it' },
              output: `export const Holder = class {
  stack = new DisposableStack();

  [Symbol.dispose]() {
    this.stack.dispose();
  }
};`,
            },
          ],
        },
      ],
    },
    {
      // ManagedWorker keeping its client in a field: stop() aborts the loop but forgets the client
      code: `import pg from 'pg';
export class ManagedWorker {
  readonly #controller = new AbortController();
  #client: pg.PoolClient | null = null;
  constructor(private readonly pool: pg.Pool) {}
  async start(): Promise<void> {
    this.#client = await this.pool.connect();
    const { signal } = this.#controller;
    while (!signal.aborted) await this.#client.query('select 1');
  }
  async stop(): Promise<void> {
    this.#controller.abort();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 17,
          data: {
            field: 'this.#client',
            noun: 'client',
            className: 'ManagedWorker',
            label: 'this.pool.connect()',
            teardown: 'stop',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.#client', teardown: 'stop' },
              output: `import pg from 'pg';
export class ManagedWorker {
  readonly #controller = new AbortController();
  #client: pg.PoolClient | null = null;
  constructor(private readonly pool: pg.Pool) {}
  async start(): Promise<void> {
    this.#client = await this.pool.connect();
    const { signal } = this.#controller;
    while (!signal.aborted) await this.#client.query('select 1');
  }
  async stop(): Promise<void> {
    this.#controller.abort();
    this.#client?.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // as, satisfies, ! and parentheses around the creation and the field
      code: `${sql.pgPool.acquisition.defaultImport}
export class Repo {
  client?: pg.PoolClient;
  other?: pg.PoolClient;
  async open() {
    (this.client) = (await pool.connect()) as pg.PoolClient;
    this.other! = (await pool.connect()) satisfies pg.PoolClient;
  }
  close() {
    this.client?.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 15,
          data: { field: 'this.other', noun: 'client', className: 'Repo', label: 'pool.connect()', teardown: 'close' },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.other', teardown: 'close' },
              output: `import pg from 'pg';
const pool = new pg.Pool();
export class Repo {
  client?: pg.PoolClient;
  other?: pg.PoolClient;
  async open() {
    (this.client) = (await pool.connect()) as pg.PoolClient;
    this.other! = (await pool.connect()) satisfies pg.PoolClient;
  }
  close() {
    this.client?.release();
    this.other?.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a teardown written as an arrow function with an expression body: no suggestion
      code: `import fs from 'node:fs';
export class Watch {
  watcher = fs.watch('.');
  close = () => console.log('closed');
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 10,
          data: {
            field: 'this.watcher',
            noun: 'file watcher',
            className: 'Watch',
            label: 'fs.watch()',
            teardown: 'close',
          },
          suggestions: null,
        },
      ],
    },
    {
      // overload signatures of the teardown: the release goes into the implementation
      code: `import fs from 'node:fs';
export class Watch {
  watcher = fs.watch('.');
  close(): void;
  close(force: boolean): void;
  close(force?: boolean): void {
    console.log(force);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 10,
          data: {
            field: 'this.watcher',
            noun: 'file watcher',
            className: 'Watch',
            label: 'fs.watch()',
            teardown: 'close',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.watcher', teardown: 'close' },
              output: `import fs from 'node:fs';
export class Watch {
  watcher = fs.watch('.');
  close(): void;
  close(force: boolean): void;
  close(force?: boolean): void {
    console.log(force);
    this.watcher.close();
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});

jsRuleTester.run('dispose-owned-resources', rule, {
  valid: [
    {
      // the method awaits the child's end: the field only lets cancel() reach the child meanwhile (agenda's Job)
      code: `import { fork } from 'node:child_process';
export class Job {
  cancel() {
    this.child?.send('cancel');
  }
  async run(path) {
    try {
      await new Promise((resolve, reject) => {
        this.child = fork(path);
        this.child.on('close', (code) => (code ? reject(new Error(String(code))) : resolve()));
      });
    } finally {
      this.child = undefined;
    }
  }
}`,
    },
    {
      // CommonJS: a pool and a watcher created and closed by the class; a client received through the constructor
      code: `const fs = require('node:fs');
const { Pool } = require('pg');
class Store {
  constructor(client) {
    this.client = client;
    this.pool = new Pool();
    this.watcher = fs.watch('.');
  }
  async end() {
    this.watcher.close();
    await this.pool.end();
  }
}
module.exports = Store;`,
    },
    {
      // the ManagedWorker field variant: stop() aborts the loop and releases the client
      code: `export class ManagedWorker {
  #controller = new AbortController();
  #client = null;
  constructor(pool) {
    this.pool = pool;
  }
  async start() {
    this.#client = await this.pool.connect();
    const { signal } = this.#controller;
    while (!signal.aborted) await this.#client.query('select 1');
  }
  async stop() {
    this.#controller.abort();
    this.#client?.release();
  }
}`,
    },
  ],
  invalid: [
    {
      // the promise settles when the child has started, not when it ends (the exit listener only logs): the child
      // outlives run()
      code: `import { fork } from 'node:child_process';
export class Job {
  async run(path) {
    await new Promise((resolve) => {
      this.child = fork(path);
      this.child.on('spawn', resolve);
      this.child.on('exit', (code) => console.log(code));
    });
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noTeardown',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 17,
          data: {
            className: 'Job',
            fields: '`this.child` (child process from `fork()`)',
            them: 'it',
            method: '[Symbol.dispose]',
          },
          suggestions: [
            {
              messageId: 'suggestDisposeMethod',
              data: { method: '[Symbol.dispose]', them: 'it' },
              output: `import { fork } from 'node:child_process';
export class Job {
  async run(path) {
    await new Promise((resolve) => {
      this.child = fork(path);
      this.child.on('spawn', resolve);
      this.child.on('exit', (code) => console.log(code));
    });
  }

  [Symbol.dispose]() {
    this.child?.kill();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // no teardown at all: one report naming every owned field, interval included, released in reverse order
      code: `import fs from 'node:fs';
${sql.pgPool.acquisition.defaultImport}
export class Watcher {
  constructor(dir) {
    this.watcher = fs.watch(dir);
    this.timer = setInterval(() => this.flush(), 1000);
  }
  async connect() {
    this.client = await pool.connect();
  }
  flush() {}
}`,
      output: null,
      errors: [
        {
          messageId: 'noTeardown',
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 21,
          data: {
            className: 'Watcher',
            fields:
              '`this.watcher` (file watcher from `fs.watch()`), `this.timer` (interval from `setInterval()`) and `this.client` (client from `pool.connect()`)',
            them: 'them',
            method: '[Symbol.dispose]',
          },
          suggestions: [
            {
              messageId: 'suggestDisposeMethod',
              data: { method: '[Symbol.dispose]', them: 'them' },
              output: `import fs from 'node:fs';
import pg from 'pg';
const pool = new pg.Pool();
export class Watcher {
  constructor(dir) {
    this.watcher = fs.watch(dir);
    this.timer = setInterval(() => this.flush(), 1000);
  }
  async connect() {
    this.client = await pool.connect();
  }
  flush() {}

  [Symbol.dispose]() {
    this.client?.release();
    clearInterval(this.timer);
    this.watcher.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a Worker the constructor starts, which stop() does not terminate
      code: `const { Worker } = require('node:worker_threads');
class Pool {
  constructor(file) {
    this.worker = new Worker(file);
    this.ready = true;
  }
  stop() {
    this.ready = false;
  }
}
module.exports = Pool;`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 16,
          data: {
            field: 'this.worker',
            noun: 'worker thread',
            className: 'Pool',
            label: 'new Worker()',
            teardown: 'stop',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.worker', teardown: 'stop' },
              output: `const { Worker } = require('node:worker_threads');
class Pool {
  constructor(file) {
    this.worker = new Worker(file);
    this.ready = true;
  }
  stop() {
    this.ready = false;
    this.worker.terminate();
  }
}
module.exports = Pool;`,
            },
          ],
        },
      ],
    },
    {
      // catalog instances and handles: a pg Pool, a socket, a server, a readline interface
      code: `import net from 'node:net';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
export class App {
  constructor() {
    this.pool = new Pool();
    this.socket = net.connect(6379);
    this.server = http.createServer();
    this.rl = createInterface({ input: process.stdin });
  }
  close() {
    this.server.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 14,
          data: { field: 'this.pool', noun: 'pool', className: 'App', label: 'new Pool()', teardown: 'close' },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.pool', teardown: 'close' },
              output: `import net from 'node:net';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
export class App {
  constructor() {
    this.pool = new Pool();
    this.socket = net.connect(6379);
    this.server = http.createServer();
    this.rl = createInterface({ input: process.stdin });
  }
  close() {
    this.server.close();
    this.pool.end();
  }
}`,
            },
          ],
        },
        {
          messageId: 'notReleased',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 16,
          data: { field: 'this.socket', noun: 'socket', className: 'App', label: 'net.connect()', teardown: 'close' },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.socket', teardown: 'close' },
              output: `import net from 'node:net';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
export class App {
  constructor() {
    this.pool = new Pool();
    this.socket = net.connect(6379);
    this.server = http.createServer();
    this.rl = createInterface({ input: process.stdin });
  }
  close() {
    this.server.close();
    this.socket.end();
  }
}`,
            },
          ],
        },
        {
          messageId: 'notReleased',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 12,
          data: {
            field: 'this.rl',
            noun: 'readline interface',
            className: 'App',
            label: 'createInterface()',
            teardown: 'close',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.rl', teardown: 'close' },
              output: `import net from 'node:net';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
export class App {
  constructor() {
    this.pool = new Pool();
    this.socket = net.connect(6379);
    this.server = http.createServer();
    this.rl = createInterface({ input: process.stdin });
  }
  close() {
    this.server.close();
    this.rl.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // the teardown ends with a return: the release goes before it
      code: `import { watch } from 'node:fs';
export class Reloader {
  #watcher;
  start(dir) {
    this.#watcher = watch(dir, () => this.reload());
  }
  reload() {}
  dispose() {
    console.log('disposing');
    return true;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 18,
          data: {
            field: 'this.#watcher',
            noun: 'file watcher',
            className: 'Reloader',
            label: 'watch()',
            teardown: 'dispose',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.#watcher', teardown: 'dispose' },
              output: `import { watch } from 'node:fs';
export class Reloader {
  #watcher;
  start(dir) {
    this.#watcher = watch(dir, () => this.reload());
  }
  reload() {}
  dispose() {
    console.log('disposing');
    this.#watcher?.close();
    return true;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a descriptor closed by closeSync(): no release the fix could write without an import
      code: `import { openSync } from 'node:fs';
export class Lock {
  constructor(path) {
    this.fd = openSync(path, 'wx');
  }
  close() {}
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 12,
          data: {
            field: 'this.fd',
            noun: 'file descriptor',
            className: 'Lock',
            label: 'openSync()',
            teardown: 'close',
          },
          suggestions: null,
        },
      ],
    },
    {
      // no teardown and a descriptor: no suggested dispose method
      code: `import fs from 'node:fs';
export class Lock {
  constructor(path) {
    this.fd = fs.openSync(path, 'wx');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noTeardown',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 18,
          data: {
            className: 'Lock',
            fields: '`this.fd` (file descriptor from `fs.openSync()`)',
            them: 'it',
            method: '[Symbol.dispose]',
          },
          suggestions: null,
        },
      ],
    },
    {
      // an empty teardown and a one-line teardown get the release
      code: `import { Worker } from 'node:worker_threads';
import { watch } from 'node:fs';
export class A {
  worker = new Worker('a.js');
  async close() {}
}
export class B {
  watcher = watch('.');
  stop() { console.log('stop'); }
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 9,
          data: {
            field: 'this.worker',
            noun: 'worker thread',
            className: 'A',
            label: 'new Worker()',
            teardown: 'close',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.worker', teardown: 'close' },
              output: `import { Worker } from 'node:worker_threads';
import { watch } from 'node:fs';
export class A {
  worker = new Worker('a.js');
  async close() {
    await this.worker.terminate();
  }
}
export class B {
  watcher = watch('.');
  stop() { console.log('stop'); }
}`,
            },
          ],
        },
        {
          messageId: 'notReleased',
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 10,
          data: { field: 'this.watcher', noun: 'file watcher', className: 'B', label: 'watch()', teardown: 'stop' },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.watcher', teardown: 'stop' },
              output: `import { Worker } from 'node:worker_threads';
import { watch } from 'node:fs';
export class A {
  worker = new Worker('a.js');
  async close() {}
}
export class B {
  watcher = watch('.');
  stop() { console.log('stop'); this.watcher.close(); }
}`,
            },
          ],
        },
      ],
    },
  ],
});

// With type information: any Disposable or AsyncDisposable the class creates, whatever its source.
typedRuleTester.run('dispose-owned-resources', rule, {
  valid: [
    {
      // the Disposable is disposed by the teardown; Node timers, streams and received values are not owned resources
      code: `import { createReadStream, type ReadStream } from 'node:fs';
class Conn implements Disposable {
  query(sql: string) {
    return sql;
  }
  [Symbol.dispose]() {}
}
declare function connect(): Conn;
export class Repo {
  conn = connect();
  timeout = setTimeout(() => {}, 10);
  stream: ReadStream = createReadStream('data.txt');
  constructor(private readonly other: Conn) {}
  close() {
    this.conn[Symbol.dispose]();
  }
}`,
    },
  ],
  invalid: [
    {
      // a Disposable from a factory the catalog does not know, never disposed by close()
      code: `class Conn implements Disposable {
  query(sql: string) {
    return sql;
  }
  [Symbol.dispose]() {}
}
declare function connect(): Conn;
export class Repo {
  conn = connect();
  close() {}
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 7,
          data: { field: 'this.conn', noun: '`Conn` value', className: 'Repo', label: 'connect()', teardown: 'close' },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.conn', teardown: 'close' },
              output: `class Conn implements Disposable {
  query(sql: string) {
    return sql;
  }
  [Symbol.dispose]() {}
}
declare function connect(): Conn;
export class Repo {
  conn = connect();
  close() {
    this.conn[Symbol.dispose]();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // an AsyncDisposable awaited from a factory, in a class without a teardown
      code: `class Session implements AsyncDisposable {
  async [Symbol.asyncDispose]() {}
}
declare function openSession(): Promise<Session>;
export class Client {
  session: Session | undefined;
  async login() {
    this.session = await openSession();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noTeardown',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 20,
          data: {
            className: 'Client',
            fields: '`this.session` (`Session` value from `openSession()`)',
            them: 'it',
            method: '[Symbol.asyncDispose]',
          },
          suggestions: [
            {
              messageId: 'suggestDisposeMethod',
              data: { method: '[Symbol.asyncDispose]', them: 'it' },
              output: `class Session implements AsyncDisposable {
  async [Symbol.asyncDispose]() {}
}
declare function openSession(): Promise<Session>;
export class Client {
  session: Session | undefined;
  async login() {
    this.session = await openSession();
  }

  async [Symbol.asyncDispose]() {
    await this.session?.[Symbol.asyncDispose]();
  }
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
ruleTester.run('dispose-owned-resources', rule, {
  valid: [
    {
      // the overloaded `close` implementation terminates the worker; an abstract `close()` is the subclass's; a `declare class` creates nothing
      code: `import { Worker } from 'node:worker_threads';

export class Thumbnailer {
  #worker = new Worker('./resize.js');
  declare readonly name: string;
  accessor jobs = 0;
  constructor(private readonly dir: string) {}
  close(): Promise<void>;
  close(force: boolean): Promise<void>;
  async close(_force?: boolean): Promise<void> {
    await this.#worker.terminate();
  }
}
export abstract class Pooled {
  protected worker = new Worker('./pooled.js');
  abstract close(): Promise<void>;
}
export declare class Ambient {
  private worker: Worker;
  close(): Promise<void>;
}
`,
    },
  ],
  invalid: [
    {
      // the implementation of `close` (not its signatures) is the teardown, and it never terminates the worker
      code: `import { Worker } from 'node:worker_threads';

export class Thumbnailer {
  #worker = new Worker('./resize.js');
  declare readonly name: string;
  accessor jobs = 0;
  [key: string]: unknown;
  constructor(private readonly dir: string, @inject() readonly log?: unknown) {}
  close(): Promise<void>;
  close(force: boolean): Promise<void>;
  async close(_force?: boolean): Promise<void> {
    // forgets this.#worker.terminate()
  }
}
declare function inject(): ParameterDecorator;
`,
      errors: [
        {
          messageId: 'notReleased',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 10,
          data: {
            field: 'this.#worker',
            noun: 'worker thread',
            className: 'Thumbnailer',
            label: 'new Worker()',
            teardown: 'close',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.#worker', teardown: 'close' },
              output: `import { Worker } from 'node:worker_threads';

export class Thumbnailer {
  #worker = new Worker('./resize.js');
  declare readonly name: string;
  accessor jobs = 0;
  [key: string]: unknown;
  constructor(private readonly dir: string, @inject() readonly log?: unknown) {}
  close(): Promise<void>;
  close(force: boolean): Promise<void>;
  async close(_force?: boolean): Promise<void> {
    // forgets this.#worker.terminate()
    await this.#worker.terminate();
  }
}
declare function inject(): ParameterDecorator;
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

// `fs.promises.watch()` and `watch()` of `node:fs/promises` (handles of the catalog): an async iterator of changes
// that a class keeps is ended with `return()` in its teardown.
ruleTester.run('dispose-owned-resources (fs.promises.watch)', rule, {
  valid: [
    {
      // the teardown ends the iterator
      code: `import fs from 'node:fs';
export class ConfigWatcher {
  changes = fs.promises.watch('config.json');
  next() {
    return this.changes.next();
  }
  async close() {
    await this.changes.return();
  }
}`,
    },
    {
      // the same for `watch()` imported from `node:fs/promises`
      code: `import { watch } from 'node:fs/promises';
export class ConfigWatcher {
  changes = watch('config.json');
  next() {
    return this.changes.next();
  }
  async close() {
    await this.changes.return();
  }
}`,
    },
  ],
  invalid: [
    {
      // the teardown never ends the iterator: the watcher stays open
      code: `import fs from 'node:fs';
export class ConfigWatcher {
  changes = fs.promises.watch('config.json');
  next() {
    return this.changes.next();
  }
  async close() {}
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 10,
          data: {
            field: 'this.changes',
            noun: 'file watcher',
            className: 'ConfigWatcher',
            label: 'fs.promises.watch()',
            teardown: 'close',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.changes', teardown: 'close' },
              output: `import fs from 'node:fs';
export class ConfigWatcher {
  changes = fs.promises.watch('config.json');
  next() {
    return this.changes.next();
  }
  async close() {
    this.changes.return();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // the same for `watch()` imported from `node:fs/promises`
      code: `import { watch } from 'node:fs/promises';
export class ConfigWatcher {
  changes = watch('config.json');
  next() {
    return this.changes.next();
  }
  async close() {}
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 10,
          data: {
            field: 'this.changes',
            noun: 'file watcher',
            className: 'ConfigWatcher',
            label: 'watch()',
            teardown: 'close',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseInTeardown',
              data: { field: 'this.changes', teardown: 'close' },
              output: `import { watch } from 'node:fs/promises';
export class ConfigWatcher {
  changes = watch('config.json');
  next() {
    return this.changes.next();
  }
  async close() {
    this.changes.return();
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
