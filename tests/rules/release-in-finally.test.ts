import rule from '../../src/rules/release-in-finally.js';
import { documents, fs, locks, releasedForm, sql } from '../fixtures/families/index.js';
import { jsRuleTester, ruleTester } from '../RuleTester.js';

ruleTester.run('release-in-finally', rule, {
  valid: [
    {
      // a child process whose \`pid\` is undefined never started: the branch that throws then has nothing to leak
      // (issue 16: measured false on the repository sweeps)
      code: `import { spawn, type ChildProcess } from 'node:child_process';
declare function isNullOrUndefined(value: unknown): value is null | undefined;
export class Launcher {
  child?: ChildProcess;
  launch(bin: string): ChildProcess {
    const child = spawn(bin, ['--port', '0'], { stdio: 'pipe' });
    child.on('error', (error) => console.error(error));
    if (isNullOrUndefined(child.pid)) {
      throw new Error(\`cannot start \${bin}\`);
    }
    child.unref();
    return child;
  }
  start(bin: string): void {
    const cp = spawn(bin, [], { detached: true });
    if (cp.pid === undefined) throw new Error('Unable to launch the executable (undefined pid)');
    this.child = cp;
  }
}
`,
    },
    {
      // a release in `finally` under a nullish-check helper: `if (!isNullOrUndefined(con))` is `if (con != null)`
      // (issue 16: measured false on the repository sweeps)
      code: releasedForm(documents.mongodb, 'nullishHelperGuard'),
    },
    {
      // the try starts right after the acquisition and finally releases
      code: `${sql.pgPool.acquisition.import}\n${sql.pgPool.tryFinally.code}`,
    },
    {
      // acquired inside the try into a let, released with optional chaining
      code: `${sql.pgPool.acquisition.defaultImport}
export async function run() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client?.release();
  }
}`,
    },
    {
      // acquired inside the try, release guarded by the binding itself
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function run() {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    if (client !== undefined) client.release();
  }
}`,
    },
    {
      // await using disposes the file handle on every exit
      code: `${fs.fileHandle.acquisition.import}\n${fs.fileHandle.using.code}`,
    },
    {
      // callback-scoped APIs release by construction
      code: `import { Mutex } from 'async-mutex';
import { Pool } from 'pg';
const mutex = new Mutex();
const pool = new Pool();
export async function run() {
  await mutex.runExclusive(async () => work());
  await navigator.locks.request('cache', async () => work());
  await pool.query('select 1');
  pool.connect((err, client, done) => { done(); });
}`,
    },
    {
      // ownership handed off by return, also inside an object and a returned closure
      code: `import { Pool } from 'pg';
import { Mutex } from 'async-mutex';
const pool = new Pool();
const mutex = new Mutex();
export async function checkout() {
  const client = await pool.connect();
  return client;
}
export async function checkoutWrapped() {
  const client = await pool.connect();
  return { client, at: Date.now() };
}
export async function lock() {
  const release = await mutex.acquire();
  return () => release();
}
export function direct() {
  return pool.connect();
}`,
    },
    {
      // stored in a field or an outer variable: the owner releases it later
      code: `${sql.pgPool.acquisition.import}
let shared;
export class Repo {
  client;
  async open() {
    this.client = await pool.connect();
  }
  async openShared() {
    shared = await pool.connect();
  }
}`,
    },
    {
      // passed to a function that takes ownership
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  await withClient(client);
}`,
    },
    {
      // released unconditionally in a callback registered here
      code: `${sql.pgPool.acquisition.import}
export async function handler(req, res) {
  const client = await pool.connect();
  res.on('finish', () => client.release());
  res.json(await client.query('select 1'));
}`,
    },
    {
      // module top level: an app-lifetime acquisition
      code: `${sql.pgPool.acquisition.import}
const client = await pool.connect();
await client.query('select 1');`,
    },
    {
      // nothing between acquisition and release can throw or leave
      code: `${locks.mutex.acquisition.import}
let counter = 0;
export async function bump() {
  const release = await mutex.acquire();
  counter++;
  console.log('bumped', counter);
  release();
}`,
    },
    {
      // fs.openSync closed with fs.closeSync in finally; fs.readSync is a use, not a hand-off
      code: `import * as fs from 'node:fs';
export function firstByte(path: string) {
  const buffer = Buffer.alloc(1);
  const fd = fs.openSync(path, 'r');
  try {
    fs.readSync(fd, buffer, 0, 1, 0);
  } finally {
    fs.closeSync(fd);
  }
  return buffer[0];
}`,
    },
    {
      // receiver releases in finally: async-mutex, async-sema, generic-pool
      code: `import { Mutex } from 'async-mutex';
import { Sema } from 'async-sema';
import genericPool from 'generic-pool';
const mutex = new Mutex();
const sema = new Sema(4);
const pool = genericPool.createPool(factory, { max: 4 });
export async function run() {
  await mutex.acquire();
  try {
    await work();
  } finally {
    mutex.release();
  }
  await sema.acquire();
  try {
    await work();
  } finally {
    sema.release();
  }
  const resource = await pool.acquire();
  try {
    await work(resource);
  } finally {
    await pool.release(resource);
  }
}`,
    },
    {
      // redlock, proper-lockfile and a semaphore tuple released in finally
      code: `import Redlock from 'redlock';
import lockfile from 'proper-lockfile';
import { Semaphore } from 'async-mutex';
const redlock = new Redlock([redis]);
const semaphore = new Semaphore(2);
export async function run(file: string) {
  const lock = await redlock.acquire(['a'], 5000);
  try {
    await work();
  } finally {
    await lock.release();
  }
  const release = await lockfile.lock(file);
  try {
    await work();
  } finally {
    await release();
  }
  const [, releasePermit] = await semaphore.acquire();
  try {
    await work();
  } finally {
    releasePermit();
  }
}`,
    },
    {
      // released at the end of the try and first thing in a catch that rethrows
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
export async function run() {
  const conn = await pool.getConnection();
  try {
    await conn.query('select 1');
    conn.release();
  } catch (error) {
    conn.release();
    throw error;
  }
}`,
    },
    {
      // another release before ours in the finally is not counted as throwing
      code: `import { open } from 'node:fs/promises';
${locks.mutex.acquisition.import}
export async function run(path: string) {
  const release = await mutex.acquire();
  try {
    const fh = await open(path);
    try {
      await fh.read();
    } finally {
      await fh.close();
      release();
    }
  } finally {
    release();
  }
}`,
    },
    {
      // name fallbacks switched off in settings: injected pools are not recognised
      code: `export class Repo {
  async run() {
    const client = await this.pool.connect();
    await client.query('select 1');
  }
}`,
      settings: { cleanup: { nameFallbacks: false } },
    },
    {
      // receivers whose names say nothing, and shadowed module names, are not resources
      code: `import { open } from './my-open';
export async function run(fs, socket, db) {
  await socket.connect();
  const conn = await db.acquire();
  const fd = fs.openSync('x');
  const file = await open('x');
  await conn.query('x');
}`,
    },
    {
      // TypeScript wrappers around the acquisition and the release
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function run() {
  const client = (await pool.connect()) as PoolClient;
  try {
    await client.query('select 1');
  } finally {
    client!.release();
  }
}`,
    },
    {
      // typeorm query runner and a user resource from settings released in finally
      code: `import { db } from '@acme/db';
export async function run(dataSource) {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('select 1');
  } finally {
    await runner.release();
  }
  const conn = await db.checkout();
  try {
    await conn.query('select 1');
  } finally {
    conn.checkin();
  }
}`,
      settings: {
        cleanup: {
          resources: [
            { module: '@acme/db', acquire: 'checkout', release: { methods: ['checkin'] }, noun: 'connection' },
          ],
        },
      },
    },
    {
      // released in a catch that rethrows and right after the try: every path releases (issue 13, as
      // no-use-after-release finds; the mirror of a release at the end of the try)
      code: `${sql.pgPool.acquisition.import}\n${sql.pgPool.moreReleased.releasedInCatchAndAfter.code}`,
    },
    {
      // the same with a call that cannot throw and a `finally` that cannot throw between the try and the release
      code: `${sql.pgPool.acquisition.import}
export async function load(id: string) {
  const client = await pool.connect();
  let result;
  try {
    result = await client.query('select * from t where id = $1', [id]);
  } catch (error) {
    client.release();
    throw error;
  } finally {
    console.log('queried');
  }
  const rows = result.rows;
  client.release();
  return rows;
}`,
    },
  ],
  invalid: [
    {
      // a check of another state than the \`pid\` still leaves a started process behind
      code: `import { spawn, type ChildProcess } from 'node:child_process';
export class Launcher {
  child?: ChildProcess;
  start(bin: string): void {
    const cp = spawn(bin, [], { detached: true });
    if (cp.exitCode !== null) throw new Error('exited');
    this.child = cp;
  }
}
`,
      errors: [
        {
          messageId: 'leaksBeforeHandOff',
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 50,
          data: { resource: 'child process `cp` from `spawn()`', path: 'the `throw` on line 6 runs', handOffLine: '7' },
          suggestions: [
            {
              messageId: 'suggestReleaseInCatch',
              data: { noun: 'child process' },
              output: `import { spawn, type ChildProcess } from 'node:child_process';
export class Launcher {
  child?: ChildProcess;
  start(bin: string): void {
    const cp = spawn(bin, [], { detached: true });
    try {
      if (cp.exitCode !== null) throw new Error('exited');
    } catch (error) {
      cp.kill();
      throw error;
    }
    this.child = cp;
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // released in a catch that rethrows and after the try, but a call that can throw runs in between
      code: `${sql.pgPool.acquisition.import}
export async function load(id: string) {
  const client = await pool.connect();
  let result;
  try {
    result = await client.query('select * from t where id = $1', [id]);
  } catch (error) {
    client.release();
    throw error;
  }
  audit(result, client);
  client.release();
  return result;
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: '`audit()` on line 12 throws',
            releaseLine: '13',
          },
          suggestions: null,
        },
      ],
    },
    {
      // released in a catch that rethrows and after the try, but the try returns early
      code: `${sql.pgPool.acquisition.import}
export async function load(id: string) {
  const client = await pool.connect();
  let result;
  try {
    result = await client.query('select * from t where id = $1', [id]);
    if (result.rowCount === 0) return null;
  } catch (error) {
    client.release();
    throw error;
  }
  client.release();
  return result;
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `return` on line 8 runs',
            releaseLine: '13',
          },
          suggestions: null,
        },
      ],
    },
    {
      // never released: suggestion wraps the rest of the block
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  await client.query('select 1');
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: { resource: 'client `client` from `pool.connect()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'client' },
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
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
      // released at the end with an await before it: autofix wraps in try/finally
      code: `${sql.pgPool.acquisition.import}
export async function run(id: string) {
  const client = await pool.connect();
  await client.query('update t set seen = true where id = $1', [id]);
  client.release();
}`,
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(id: string) {
  const client = await pool.connect();
  try {
    await client.query('update t set seen = true where id = $1', [id]);
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '6',
          },
          suggestions: null,
        },
      ],
    },
    {
      // comments between acquisition and release stay where they were
      code: `${locks.mutex.acquisition.import}
export async function run() {
  const release = await mutex.acquire(); // take the lock
  /* critical section */
  await work(); // may throw
  // done
  release(); // let go
}`,
      output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run() {
  const release = await mutex.acquire(); // take the lock
  /* critical section */
  try {
    await work(); // may throw
    // done
  } finally {
    release();
  } // let go
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 40,
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            path: 'the `await` on line 6 rejects',
            releaseLine: '8',
          },
          suggestions: null,
        },
      ],
    },
    {
      // an early return skips the release: a suggestion, never an autofix
      code: `${locks.mutex.acquisition.import}
export async function run(done: boolean) {
  const release = await mutex.acquire();
  if (done) return;
  await work();
  release();
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 40,
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            path: 'the `return` on line 5 runs',
            releaseLine: '7',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'lock' },
              output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run(done: boolean) {
  const release = await mutex.acquire();
  try {
    if (done) return;
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
      // continue in a loop skips the release
      code: `${locks.mutex.acquisition.import}
export async function run(items: string[]) {
  for (const item of items) {
    const release = await mutex.acquire();
    if (!item) continue;
    release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 42,
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            path: 'the `continue` on line 6 runs',
            releaseLine: '7',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'lock' },
              output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run(items: string[]) {
  for (const item of items) {
    const release = await mutex.acquire();
    try {
      if (!item) continue;
    } finally {
      release();
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // released only in catch
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch (error) {
    client.release();
    throw error;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'onlyInCatch',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: { resource: 'client `client` from `pool.connect()`', releaseLine: '8' },
          suggestions: null,
        },
      ],
    },
    {
      // released only at the end of the try body
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
    client.release();
  } catch (error) {
    console.error(error);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 6 rejects',
            releaseLine: '7',
          },
          suggestions: null,
        },
      ],
    },
    {
      // code that can leave runs between the acquisition and the try
      code: `export class Wallet {
  async send(done: boolean) {
    const release = await this.mutex.acquire();
    if (done) return;
    try {
      await this.transfer();
    } finally {
      release();
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'gapBeforeTry',
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 47,
          data: {
            resource: 'lock `release` from `this.mutex.acquire()`',
            path: 'the `return` on line 4 runs',
            tryLine: '5',
          },
          suggestions: null,
        },
      ],
    },
    {
      // released in finally after COMMIT, which can throw first
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
  } finally {
    await client.query('COMMIT');
    client.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'throwsInFinally',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 8 rejects',
            releaseLine: '9',
          },
          suggestions: [
            {
              messageId: 'suggestNestedFinally',
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
  } finally {
    try {
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // released only on one branch
      code: `${sql.pgPool.acquisition.import}
export async function run(ok: boolean) {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    if (ok) client.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'somePaths',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: { resource: 'client `client` from `pool.connect()`', releaseLine: '8' },
          suggestions: null,
        },
      ],
    },
    {
      // a name declared before the release is used after it: no autofix, a suggestion wraps the rest
      code: `import { open } from 'node:fs/promises';
export async function read(path: string) {
  const fh = await open(path);
  const data = await fh.readFile('utf8');
  await fh.close();
  return data;
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 30,
          data: { resource: 'file handle `fh` from `open()`', path: 'the `await` on line 4 rejects', releaseLine: '5' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'file handle' },
              output: `import { open } from 'node:fs/promises';
export async function read(path: string) {
  const fh = await open(path);
  try {
    const data = await fh.readFile('utf8');
    return data;
  } finally {
    await fh.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a yield between acquisition and release: suggestion only
      code: `${locks.mutex.acquisition.import}
export async function* rows() {
  const release = await mutex.acquire();
  yield 1;
  release();
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 40,
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            path: 'the generator is closed at the `yield` on line 5',
            releaseLine: '6',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'lock' },
              output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function* rows() {
  const release = await mutex.acquire();
  try {
    yield 1;
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
      // floating receiver acquisitions: async-sema and proper-lockfile paired unlock
      code: `import { Sema } from 'async-sema';
import * as lockfile from 'proper-lockfile';
const sema = new Sema(2);
export async function run(file: string) {
  await sema.acquire();
  await work();
  sema.release();
  await lockfile.lock(file);
  await work();
  await lockfile.unlock(file);
}`,
      output: `import { Sema } from 'async-sema';
import * as lockfile from 'proper-lockfile';
const sema = new Sema(2);
export async function run(file: string) {
  await sema.acquire();
  try {
    await work();
  } finally {
    sema.release();
  }
  await lockfile.lock(file);
  try {
    await work();
  } finally {
    await lockfile.unlock(file);
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 23,
          data: {
            resource: 'semaphore permit from `sema.acquire()`',
            path: 'the `await` on line 6 rejects',
            releaseLine: '7',
          },
          suggestions: null,
        },
        {
          messageId: 'leaksOnPath',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 28,
          data: {
            resource: 'file lock from `lockfile.lock()`',
            path: 'the `await` on line 9 rejects',
            releaseLine: '10',
          },
          suggestions: null,
        },
      ],
    },
    {
      // injected mutex recognised by name, never released
      code: `export class Cache {
  async refresh() {
    const release = await this.mutex.acquire();
    await this.load();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 47,
          data: { resource: 'lock `release` from `this.mutex.acquire()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'lock' },
              output: `export class Cache {
  async refresh() {
    const release = await this.mutex.acquire();
    try {
      await this.load();
    } finally {
      release();
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a user resource from settings, never released
      code: `import { db } from '@acme/db';
export async function run() {
  const conn = await db.checkout();
  await conn.query('select 1');
}`,
      settings: {
        cleanup: {
          resources: [
            { module: '@acme/db', acquire: 'checkout', release: { methods: ['checkin'] }, noun: 'connection' },
          ],
        },
      },
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 35,
          data: { resource: 'connection `conn` from `db.checkout()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'connection' },
              output: `import { db } from '@acme/db';
export async function run() {
  const conn = await db.checkout();
  try {
    await conn.query('select 1');
  } finally {
    conn.checkin();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // TypeScript as, non-null and optional chaining around the acquisition
      code: `import { Pool, type PoolClient } from 'pg';
const pool: Pool | undefined = new Pool();
export async function run() {
  const client = (await pool?.connect()) as PoolClient;
  await client.query('select 1');
  client!.release();
}`,
      output: `import { Pool, type PoolClient } from 'pg';
const pool: Pool | undefined = new Pool();
export async function run() {
  const client = (await pool?.connect()) as PoolClient;
  try {
    await client.query('select 1');
  } finally {
    client!.release();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 40,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '6',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a multi-line template literal between: the fix does not re-indent it
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  await client.query(\`
    select 1
  \`);
  client.release();
}`,
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    await client.query(\`
    select 1
  \`);
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '8',
          },
          suggestions: null,
        },
      ],
    },
    {
      // mysql2 connection and typeorm query runner never released
      code: `import mysql from 'mysql2/promise';
export async function run(dataSource) {
  const conn = await mysql.createConnection({});
  await conn.query('select 1');
  const runner = dataSource.createQueryRunner();
  await runner.query('select 1');
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 48,
          data: { resource: 'connection `conn` from `mysql.createConnection()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'connection' },
              output: `import mysql from 'mysql2/promise';
export async function run(dataSource) {
  const conn = await mysql.createConnection({});
  try {
    await conn.query('select 1');
    const runner = dataSource.createQueryRunner();
    await runner.query('select 1');
  } finally {
    await conn.end();
  }
}`,
            },
          ],
        },
        {
          messageId: 'neverReleased',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 48,
          data: { resource: 'query runner `runner` from `dataSource.createQueryRunner()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'query runner' },
              output: `import mysql from 'mysql2/promise';
export async function run(dataSource) {
  const conn = await mysql.createConnection({});
  await conn.query('select 1');
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('select 1');
  } finally {
    await runner.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a declaration used after the release and exits in between: neither fix nor suggestion reads wrong
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  const result = await client.query('select 1');
  client.release();
  if (!result) return null;
  client.release();
  return result;
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '6',
          },
          suggestions: null,
        },
      ],
    },
    {
      // the suggested release follows the catalog: receiver release with the value, module function, none when it needs an import
      code: `import genericPool from 'generic-pool';
import * as fs from 'node:fs';
import { openSync } from 'node:fs';
const pool = genericPool.createPool(factory);
export async function run(path: string) {
  const resource = await pool.acquire();
  await resource.ping();
  const fd = fs.openSync(path, 'r');
  fs.readSync(fd, Buffer.alloc(1));
  const other = openSync(path, 'r');
  fs.readSync(other, Buffer.alloc(1));
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 40,
          data: { resource: 'pooled resource `resource` from `pool.acquire()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'pooled resource' },
              output: `import genericPool from 'generic-pool';
import * as fs from 'node:fs';
import { openSync } from 'node:fs';
const pool = genericPool.createPool(factory);
export async function run(path: string) {
  const resource = await pool.acquire();
  try {
    await resource.ping();
    const fd = fs.openSync(path, 'r');
    fs.readSync(fd, Buffer.alloc(1));
    const other = openSync(path, 'r');
    fs.readSync(other, Buffer.alloc(1));
  } finally {
    await pool.release(resource);
  }
}`,
            },
          ],
        },
        {
          messageId: 'neverReleased',
          line: 8,
          column: 14,
          endLine: 8,
          endColumn: 36,
          data: { resource: 'file descriptor `fd` from `fs.openSync()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'file descriptor' },
              output: `import genericPool from 'generic-pool';
import * as fs from 'node:fs';
import { openSync } from 'node:fs';
const pool = genericPool.createPool(factory);
export async function run(path: string) {
  const resource = await pool.acquire();
  await resource.ping();
  const fd = fs.openSync(path, 'r');
  try {
    fs.readSync(fd, Buffer.alloc(1));
    const other = openSync(path, 'r');
    fs.readSync(other, Buffer.alloc(1));
  } finally {
    fs.closeSync(fd);
  }
}`,
            },
          ],
        },
        {
          messageId: 'neverReleased',
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 36,
          data: { resource: 'file descriptor `other` from `openSync()`' },
          suggestions: null,
        },
      ],
    },
  ],
});

/** An error-first callback whose `throw` its own `catch` takes: every path reaches `db.close()`. */
const errorFirstCaught = `const { MongoClient } = require('mongodb');
module.exports = {
  upgrade(url) {
    return new Promise((resolve, reject) => {
      MongoClient.connect(url, {}, async (err, db) => {
        try {
          if (err !== null) { throw err }
          const users = db.collection('users');
          const count = await users.count();
          if (count < 2) {
            throw new Error('empty');
          }
          resolve(true);
        } catch (errc) {
          reject(errc);
        }
        db.close();
      });
    });
  },
};
`;

jsRuleTester.run('release-in-finally (JavaScript)', rule, {
  valid: [
    {
      // an error-first callback whose \`throw\` is caught by its own \`catch\`: every path reaches \`db.close()\` (issue 16:
      // measured false on the repository sweeps)
      code: errorFirstCaught,
    },
    {
      // a connection known only by its receiver's name and never released anywhere: the "pool" may own its
      // connections (kafkajs's ConnectionPool hands out persistent ones and closes them in destroy())
      code: `class Broker {
  constructor({ connectionPool }) {
    this.connectionPool = connectionPool;
  }
  async connect() {
    const connection = await this.connectionPool.getConnection();
    await connection.authenticate();
  }
}
module.exports = Broker;`,
    },
    {
      // CommonJS require with destructuring, released in finally
      code: `${sql.pgPool.acquisition.require}
async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}
module.exports = { run };`,
    },
    {
      // a release guarded by the binding with && in finally
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  let client = null;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client && client.release();
  }
}`,
    },
    {
      // acquired inside a try whose catch logs and releases (guarded) before exiting
      code: `export async function handler(dataSource) {
  let queryRunner = undefined;
  try {
    queryRunner = dataSource.createQueryRunner();
    console.log(highlight('running'));
    await queryRunner.query('select 1');
    await queryRunner.release();
  } catch (err) {
    logError('query failed', err);
    if (queryRunner) await queryRunner.release();
    process.exit(1);
  }
}`,
    },
    {
      // await using, callback-scoped APIs and hand-offs in plain JavaScript
      code: `import { open } from 'node:fs/promises';
import { Mutex } from 'async-mutex';
import pg from 'pg';
const mutex = new Mutex();
const pool = new pg.Pool();
export async function run(path, res) {
  await using fh = await open(path);
  await mutex.runExclusive(() => fh.read());
  const client = await pool.connect();
  res.once('close', () => client.release());
  return client.query('select 1');
}
export async function checkout() {
  const release = await mutex.acquire();
  return { release };
}`,
    },
  ],
  invalid: [
    {
      // the same callback whose \`catch\` returns: that path skips \`db.close()\`
      code: errorFirstCaught.replace('reject(errc);\n', 'reject(errc);\n          return;\n'),
      errors: [
        {
          messageId: 'callbackPath',
          data: {
            resource: 'MongoDB client \`db\` from \`MongoClient.connect()\`',
            path: 'the \`return\` on line 16 runs',
          },
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'suggestRelease',
              data: { noun: 'MongoDB client' },
              output: `const { MongoClient } = require('mongodb');
module.exports = {
  upgrade(url) {
    return new Promise((resolve, reject) => {
      MongoClient.connect(url, {}, async (err, db) => {
        try {
          if (err !== null) { throw err }
          const users = db.collection('users');
          const count = await users.count();
          if (count < 2) {
            throw new Error('empty');
          }
          resolve(true);
        } catch (errc) {
          reject(errc);
          await db.close();
          return;
        }
        db.close();
      });
    });
  },
};
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // connect() on a receiver known only by its name and never released: still the classic leak
      code: `class Repo {
  constructor(pool) {
    this.pool = pool;
  }
  async run() {
    const client = await this.pool.connect();
    await client.query('select 1');
  }
}
module.exports = Repo;`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 45,
          data: { resource: 'client `client` from `this.pool.connect()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'client' },
              output: `class Repo {
  constructor(pool) {
    this.pool = pool;
  }
  async run() {
    const client = await this.pool.connect();
    try {
      await client.query('select 1');
    } finally {
      client.release();
    }
  }
}
module.exports = Repo;`,
            },
          ],
        },
      ],
    },
    {
      // known only by its receiver's name, but released by hand: a release that a throw skips is still a leak
      code: `class Repo {
  constructor(pool) {
    this.pool = pool;
  }
  async find(id) {
    const connection = await this.pool.getConnection();
    const [rows] = await connection.query('select 1', [id]);
    connection.release();
    return rows;
  }
}
module.exports = Repo;`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 6,
          column: 30,
          endLine: 6,
          endColumn: 55,
          data: {
            resource: 'connection `connection` from `this.pool.getConnection()`',
            path: 'the `await` on line 7 rejects',
            releaseLine: '8',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'connection' },
              output: `class Repo {
  constructor(pool) {
    this.pool = pool;
  }
  async find(id) {
    const connection = await this.pool.getConnection();
    try {
      const [rows] = await connection.query('select 1', [id]);
      return rows;
    } finally {
      connection.release();
    }
  }
}
module.exports = Repo;`,
            },
          ],
        },
      ],
    },
    {
      // fs.openSync closed after a read that can throw: autofix
      code: `${fs.openSync.acquisition.import}\n${fs.openSync.leak.code}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 36,
          data: {
            resource: 'file descriptor `fd` from `fs.openSync()`',
            path: '`fs.readSync()` on line 5 throws',
            releaseLine: '6',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'file descriptor' },
              output: `import fs from 'node:fs';
export function firstLine(path) {
  const fd = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64);
    fs.readSync(fd, buffer);
    return buffer;
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
      // CommonJS: pool client never released
      code: `${sql.pgPool.acquisition.require}
module.exports.run = async function run() {
  const client = await pool.connect();
  await client.query('select 1');
};`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: { resource: 'client `client` from `pool.connect()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'client' },
              output: `const { Pool } = require('pg');
const pool = new Pool();
module.exports.run = async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
};`,
            },
          ],
        },
      ],
    },
    {
      // a promise-returning release is awaited in the suggestion
      code: `const fsp = require('fs/promises');
async function run(path) {
  const fh = await fsp.open(path);
  await fh.write('x');
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 34,
          data: { resource: 'file handle `fh` from `fsp.open()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'file handle' },
              output: `const fsp = require('fs/promises');
async function run(path) {
  const fh = await fsp.open(path);
  try {
    await fh.write('x');
  } finally {
    await fh.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // break out of a labelled loop skips the release
      code: `${locks.mutex.acquisition.import}
export async function run(groups) {
  outer: for (const group of groups) {
    const release = await mutex.acquire();
    for (const item of group) {
      if (!item) break outer;
    }
    release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 42,
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            path: 'the `break` on line 7 runs',
            releaseLine: '9',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'lock' },
              output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run(groups) {
  outer: for (const group of groups) {
    const release = await mutex.acquire();
    try {
      for (const item of group) {
        if (!item) break outer;
      }
    } finally {
      release();
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a break that stays inside the wrapped region is not an exit: autofix
      code: `${locks.mutex.acquisition.import}
export async function run(items) {
  const release = await mutex.acquire();
  for (const item of items) {
    if (!item) break;
    await handle(item);
  }
  release();
}`,
      output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run(items) {
  const release = await mutex.acquire();
  try {
    for (const item of items) {
      if (!item) break;
      await handle(item);
    }
  } finally {
    release();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 40,
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            path: 'the `await` on line 7 rejects',
            releaseLine: '9',
          },
          suggestions: null,
        },
      ],
    },
    {
      // switch: release inside one case only
      code: `${locks.mutex.acquisition.import}
export async function run(kind) {
  const release = await mutex.acquire();
  switch (kind) {
    case 'a':
      release();
      break;
    default:
      await work();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'somePaths',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 40,
          data: { resource: 'lock `release` from `mutex.acquire()`', releaseLine: '7' },
          suggestions: null,
        },
      ],
    },
    {
      // a catch that rethrows before its release does not cover the try block
      code: `export async function handler(dataSource) {
  let queryRunner;
  try {
    queryRunner = dataSource.createQueryRunner();
    await queryRunner.query('select 1');
    await queryRunner.release();
  } catch (err) {
    if (isFatal(err)) throw err;
    await queryRunner.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 49,
          data: {
            resource: 'query runner `queryRunner` from `dataSource.createQueryRunner()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '6',
          },
          suggestions: null,
        },
      ],
    },
    {
      // released only in catch (JavaScript)
      code: `const mysql = require('mysql2/promise');
const pool = mysql.createPool({});
exports.run = async () => {
  const conn = await pool.getConnection();
  try {
    await conn.query('select 1');
  } catch (error) {
    conn.release();
    throw error;
  }
};`,
      output: null,
      errors: [
        {
          messageId: 'onlyInCatch',
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 42,
          data: { resource: 'connection `conn` from `pool.getConnection()`', releaseLine: '8' },
          suggestions: null,
        },
      ],
    },
    {
      // released at the end of the try body only (JavaScript)
      code: `import { open } from 'node:fs/promises';
export async function size(path) {
  const fh = await open(path);
  try {
    const stat = await fh.stat();
    await fh.close();
    return stat.size;
  } catch {
    return -1;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 30,
          data: { resource: 'file handle `fh` from `open()`', path: 'the `await` on line 5 rejects', releaseLine: '6' },
          suggestions: null,
        },
      ],
    },
    {
      // an await between the acquisition and the try (JavaScript)
      code: `import Redlock from 'redlock';
const redlock = new Redlock([client]);
export async function job() {
  const lock = await redlock.acquire(['job'], 10000);
  await audit('start');
  try {
    await work();
  } finally {
    await lock.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'gapBeforeTry',
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 53,
          data: {
            resource: 'lock `lock` from `redlock.acquire()`',
            path: 'the `await` on line 5 rejects',
            tryLine: '6',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a throwing call before the release in finally (JavaScript)
      code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool(factory);
export async function job() {
  const resource = await pool.acquire();
  try {
    await resource.run();
  } finally {
    report(resource);
    await pool.release(resource);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'throwsInFinally',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 40,
          data: {
            resource: 'pooled resource `resource` from `pool.acquire()`',
            path: '`report()` on line 8 throws',
            releaseLine: '9',
          },
          suggestions: [
            {
              messageId: 'suggestNestedFinally',
              output: `import genericPool from 'generic-pool';
const pool = genericPool.createPool(factory);
export async function job() {
  const resource = await pool.acquire();
  try {
    await resource.run();
  } finally {
    try {
      report(resource);
    } finally {
      await pool.release(resource);
    }
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
ruleTester.run('release-in-finally', rule, {
  valid: [
    {
      // releases in `finally` inside a decorated overload implementation and a namespace function; a `declare class` has no code
      code: `import { Mutex } from 'async-mutex';
import { Pool } from 'pg';

const pool = new Pool();

export class Accounts {
  constructor(private readonly mutex: Mutex) {}
  transfer(from: string, to: string): Promise<void>;
  transfer(from: string, to: string, cents: number): Promise<void>;
  @logged async transfer(from: string, to: string, cents = 0): Promise<void> {
    const release = await this.mutex.acquire();
    try {
      await move(from, to, cents);
    } finally {
      release();
    }
  }
}
export namespace Reports {
  export async function count(): Promise<number> {
    const client = await pool.connect();
    try {
      const result = await client.query('select count(*) from t');
      return Number(result.rows[0].count);
    } finally {
      client.release();
    }
  }
}
export declare class Ambient {
  acquire(): Promise<() => void>;
}
declare function move(from: string, to: string, cents: number): Promise<void>;
declare function logged(target: unknown, key: string, descriptor: PropertyDescriptor): void;
`,
    },
  ],
  invalid: [
    {
      // a decorated overload implementation and a namespace function release outside `finally`
      code: `import { Mutex } from 'async-mutex';
import { Pool } from 'pg';

const pool = new Pool();

export class Accounts {
  constructor(private readonly mutex: Mutex, @inject() readonly name = 'accounts') {}
  transfer(from: string, to: string): Promise<void>;
  transfer(from: string, to: string, cents: number): Promise<void>;
  @logged async transfer(from: string, to: string, cents = 0): Promise<void> {
    const release = await this.mutex.acquire();
    await move(from, to, cents);
    release();
  }
}
export namespace Reports {
  export async function count(): Promise<number> {
    const client = await pool.connect();
    const result = await client.query('select count(*) from t');
    client.release();
    return Number(result.rows[0].count);
  }
}
declare function move(from: string, to: string, cents: number): Promise<void>;
declare function inject(): ParameterDecorator;
declare function logged(target: unknown, key: string, descriptor: PropertyDescriptor): void;
`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 11,
          column: 27,
          endLine: 11,
          endColumn: 47,
          data: {
            resource: 'lock `release` from `this.mutex.acquire()`',
            path: 'the `await` on line 12 rejects',
            releaseLine: '13',
          },
          suggestions: null,
        },
        {
          messageId: 'leaksOnPath',
          line: 18,
          column: 26,
          endLine: 18,
          endColumn: 40,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 19 rejects',
            releaseLine: '20',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'client' },
              output: `import { Mutex } from 'async-mutex';
import { Pool } from 'pg';

const pool = new Pool();

export class Accounts {
  constructor(private readonly mutex: Mutex, @inject() readonly name = 'accounts') {}
  transfer(from: string, to: string): Promise<void>;
  transfer(from: string, to: string, cents: number): Promise<void>;
  @logged async transfer(from: string, to: string, cents = 0): Promise<void> {
    const release = await this.mutex.acquire();
    await move(from, to, cents);
    release();
  }
}
export namespace Reports {
  export async function count(): Promise<number> {
    const client = await pool.connect();
    try {
      const result = await client.query('select count(*) from t');
      return Number(result.rows[0].count);
    } finally {
      client.release();
    }
  }
}
declare function move(from: string, to: string, cents: number): Promise<void>;
declare function inject(): ParameterDecorator;
declare function logged(target: unknown, key: string, descriptor: PropertyDescriptor): void;
`,
            },
          ],
        },
      ],
      output: `import { Mutex } from 'async-mutex';
import { Pool } from 'pg';

const pool = new Pool();

export class Accounts {
  constructor(private readonly mutex: Mutex, @inject() readonly name = 'accounts') {}
  transfer(from: string, to: string): Promise<void>;
  transfer(from: string, to: string, cents: number): Promise<void>;
  @logged async transfer(from: string, to: string, cents = 0): Promise<void> {
    const release = await this.mutex.acquire();
    try {
      await move(from, to, cents);
    } finally {
      release();
    }
  }
}
export namespace Reports {
  export async function count(): Promise<number> {
    const client = await pool.connect();
    const result = await client.query('select count(*) from t');
    client.release();
    return Number(result.rows[0].count);
  }
}
declare function move(from: string, to: string, cents: number): Promise<void>;
declare function inject(): ParameterDecorator;
declare function logged(target: unknown, key: string, descriptor: PropertyDescriptor): void;
`,
    },
  ],
});

// Reads that are not hand-offs (issue 13: one reference classifier for every rule).
ruleTester.run('release-in-finally', rule, {
  valid: [
    {
      // a string made from the handle and a `switch` on it read the handle in place; the release is in `finally`
      code: `import { open } from 'node:fs/promises';

export async function head(path: string): Promise<string> {
  const fh = await open(path);
  try {
    console.log('opened ' + fh);
    switch (fh) {
      default:
        break;
    }
    const { buffer } = await fh.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.toString();
  } finally {
    await fh.close();
  }
}
`,
    },
  ],
  invalid: [
    {
      // a string made from the handle (`'opened ' + fh`) and a `switch` on it read the handle, they do not hand it off: before the one reference classifier, this rule took them for hand-offs and went quiet while `prefer-using` reported
      code: `import { open } from 'node:fs/promises';

export async function head(path: string): Promise<string> {
  const fh = await open(path);
  console.log('opened ' + fh);
  const { buffer } = await fh.read(Buffer.alloc(64), 0, 64, 0);
  await fh.close();
  return buffer.toString();
}
export async function kind(path: string): Promise<void> {
  const fh = await open(path);
  switch (fh) {
    default:
      break;
  }
  await fh.stat();
  await fh.close();
}
`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 30,
          data: { resource: 'file handle `fh` from `open()`', path: 'the `await` on line 6 rejects', releaseLine: '7' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'file handle' },
              output: `import { open } from 'node:fs/promises';

export async function head(path: string): Promise<string> {
  const fh = await open(path);
  try {
    console.log('opened ' + fh);
    const { buffer } = await fh.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.toString();
  } finally {
    await fh.close();
  }
}
export async function kind(path: string): Promise<void> {
  const fh = await open(path);
  switch (fh) {
    default:
      break;
  }
  await fh.stat();
  await fh.close();
}
`,
            },
          ],
        },
        {
          messageId: 'leaksOnPath',
          line: 11,
          column: 20,
          endLine: 11,
          endColumn: 30,
          data: {
            resource: 'file handle `fh` from `open()`',
            path: 'the `await` on line 16 rejects',
            releaseLine: '17',
          },
          suggestions: null,
        },
      ],
      output: `import { open } from 'node:fs/promises';

export async function head(path: string): Promise<string> {
  const fh = await open(path);
  console.log('opened ' + fh);
  const { buffer } = await fh.read(Buffer.alloc(64), 0, 64, 0);
  await fh.close();
  return buffer.toString();
}
export async function kind(path: string): Promise<void> {
  const fh = await open(path);
  try {
    switch (fh) {
      default:
        break;
    }
    await fh.stat();
  } finally {
    await fh.close();
  }
}
`,
    },
  ],
});

// Issue 15: module aliases, and the catalog's servers, streams and browsers in functions.
ruleTester.run('release-in-finally', rule, {
  valid: [
    {
      // without the setting, `@acme/fs` is no module the catalog knows
      code: `import fs from '@acme/fs';
export function header(path: string) {
  const fd = fs.openSync(path, 'r');
  fs.readSync(fd, Buffer.alloc(16));
  fs.closeSync(fd);
}`,
    },
    {
      // a write stream ended after calls of its own methods only: a stream reports errors as events
      code: `import fs from 'node:fs';
export function save(file: string, lines: string[]) {
  const out = fs.createWriteStream(file);
  for (const line of lines) out.write(\`\${line}\\n\`);
  out.end();
}`,
    },
    {
      // a synchronous helper between opening a log stream and ending it is no evidence of a leak
      code: `import fs from 'node:fs';
import util from 'node:util';
export function logError(error: unknown) {
  const out = fs.createWriteStream('error.log', { flags: 'a' });
  out.write(\`[\${new Date().toISOString()}] \${util.format(error)}\\n\`);
  out.end();
}`,
    },
    {
      // only a call of the stream's own method stands before the \`try\`: no gap
      code: `import fs from 'node:fs';
export async function record(file: string, next: () => Promise<string | null>) {
  const out = fs.createWriteStream(file);
  out.write('# log\\n');
  try {
    for (let line = await next(); line !== null; line = await next()) out.write(line);
  } finally {
    out.end();
  }
}`,
    },
    {
      // a server started for the application's life is never closed by design
      code: `import http from 'node:http';
export async function start(port: number) {
  const server = http.createServer((req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(port, resolve));
  console.log(\`listening on \${port}\`);
}`,
    },
    {
      // a browser's synchronous getters do not throw
      code: `import { chromium } from 'playwright';
export async function browserVersion() {
  const browser = await chromium.launch();
  const version = browser.version();
  await browser.close();
  return version;
}`,
    },
    {
      // the page of a browser launched here closes with the browser
      code: `import puppeteer from 'puppeteer';
export async function pdf(html: string) {
  const browser = await puppeteer.launch();
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    return await page.pdf();
  } finally {
    await browser.close();
  }
}`,
    },
  ],
  invalid: [
    {
      // settings.cleanup.moduleAliases: `@acme/fs` is `node:fs`
      code: `import fs from '@acme/fs';
export function header(path: string) {
  const fd = fs.openSync(path, 'r');
  fs.readSync(fd, Buffer.alloc(16));
  fs.closeSync(fd);
}`,
      settings: { cleanup: { moduleAliases: { '@acme/fs': 'node:fs' } } },
      output: `import fs from '@acme/fs';
export function header(path: string) {
  const fd = fs.openSync(path, 'r');
  try {
    fs.readSync(fd, Buffer.alloc(16));
  } finally {
    fs.closeSync(fd);
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 36,
          data: {
            resource: 'file descriptor `fd` from `fs.openSync()`',
            path: '`fs.readSync()` on line 4 throws',
            releaseLine: '5',
          },
        },
      ],
    },
    {
      // a write stream ended on success only: a failed fetch leaves the descriptor open
      code: `import fs from 'node:fs';
export async function download(url: string, file: string) {
  const out = fs.createWriteStream(file);
  const response = await fetch(url);
  out.write(Buffer.from(await response.arrayBuffer()));
  out.end();
}`,
      output: `import fs from 'node:fs';
export async function download(url: string, file: string) {
  const out = fs.createWriteStream(file);
  try {
    const response = await fetch(url);
    out.write(Buffer.from(await response.arrayBuffer()));
  } finally {
    out.end();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 41,
          data: {
            resource: 'write stream `out` from `fs.createWriteStream()`',
            path: 'the `await` on line 4 rejects',
            releaseLine: '6',
          },
        },
      ],
    },
    {
      // the first risk that counts for a stream is the \`for await\`, not the synchronous \`format()\` before it
      code: `import fs from 'node:fs';
export async function save(file: string, header: object, source: AsyncIterable<string>) {
  const out = fs.createWriteStream(file);
  out.write(format(header));
  for await (const chunk of source) out.write(chunk);
  out.end();
}
declare function format(value: object): string;`,
      output: `import fs from 'node:fs';
export async function save(file: string, header: object, source: AsyncIterable<string>) {
  const out = fs.createWriteStream(file);
  try {
    out.write(format(header));
    for await (const chunk of source) out.write(chunk);
  } finally {
    out.end();
  }
}
declare function format(value: object): string;`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 41,
          data: {
            resource: 'write stream \`out\` from \`fs.createWriteStream()\`',
            path: 'the \`await\` on line 5 rejects',
            releaseLine: '6',
          },
        },
      ],
    },
  ],
});
