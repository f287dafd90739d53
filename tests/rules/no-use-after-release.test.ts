import rule from '../../src/rules/no-use-after-release.js';
import { documents, fs, locks, releasedForm, sql } from '../fixtures/families/index.js';
import { jsRuleTester, ruleTester } from '../RuleTester.js';

ruleTester.run('no-use-after-release', rule, {
  valid: [
    {
      // released in `finally` after the value is returned
      code: `${sql.pgPool.acquisition.import}\n${sql.pgPool.tryFinally.code}`,
    },
    {
      // a transaction: ROLLBACK in `catch` runs before the release in `finally`
      code: `${sql.pgPool.acquisition.import}\n${sql.pgPool.moreReleased.transaction.code}`,
    },
    {
      // released at the end of the `try` and in `catch`: nothing after the first release can throw into the `catch`
      code: `${sql.pgPool.acquisition.import}
export async function count() {
  const client = await pool.connect();
  try {
    const result = await client.query('select count(*) from t');
    client.release();
    return result.rows[0];
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}`,
    },
    {
      // reassignment starts a new lifetime
      code: `${sql.pgPool.acquisition.import}
export async function twice() {
  let client = await pool.connect();
  await client.query('select 1');
  client.release();
  client = await pool.connect();
  await client.query('select 2');
  client.release();
}`,
    },
    {
      // set to `null` after the release; the later release is guarded
      code: `${sql.pgPool.acquisition.import}
export async function reset() {
  let client: Awaited<ReturnType<typeof pool.connect>> | null = await pool.connect();
  await client.query('select 1');
  client.release();
  client = null;
  if (client) client.release();
}`,
    },
    {
      // released in one branch, used and released in the other
      code: `${sql.pgPool.acquisition.import}
export async function either(skip: boolean) {
  const client = await pool.connect();
  if (skip) {
    client.release();
  } else {
    await client.query('select 1');
    client.release();
  }
}`,
    },
    {
      // a new client per loop iteration
      code: `${sql.pgPool.acquisition.import}
export async function each(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      await client.query('delete from t where id = $1', [id]);
    } finally {
      client.release();
    }
  }
}`,
    },
    {
      // acquired inside the `try`, released with optional chaining
      code: `${sql.pgPool.acquisition.import}
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
      // acquired inside the `try`, release guarded by the binding itself (TS annotation, `!== undefined`, `if` block)
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function run() {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    if (client !== undefined) {
      client.release();
    }
  }
}`,
    },
    {
      // an early exit when nothing was acquired guards the release
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  let client = null;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    if (client == null) return;
    client.release();
  }
}`,
    },
    {
      // a flag records the release: the paths cannot see it, so nothing is reported
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  let released = false;
  try {
    await client.query('select 1');
    client.release();
    released = true;
    await notify();
  } finally {
    if (!released) client.release();
  }
}`,
    },
    {
      // a release in `finally` under a nullish-check helper: `if (!isNullOrUndefined(con))` is `if (con != null)`
      // (issue 16: measured false on the repository sweeps)
      code: releasedForm(documents.mongodb, 'nullishHelperGuard'),
    },
    {
      // MongoDB's `close()` on a closed client resolves and does nothing: closing early and again in `finally` is
      // harmless (issue 16: measured false on the repository sweeps); reported only with `checkIdempotent`
      code: releasedForm(documents.mongodb, 'closedTwice'),
    },
    {
      // the async-mutex releaser is idempotent: a second call is reported only with `checkIdempotent`
      code: `${locks.mutex.acquisition.import}
export async function bump() {
  const release = await mutex.acquire();
  try {
    await work();
    release();
  } finally {
    release();
  }
}`,
      options: [{ checkIdempotent: false }],
    },
    {
      // released in a callback registered here: not on the paths of this function
      code: `${sql.pgPool.acquisition.import}
export async function handler(req: Request, res: { on(event: string, listener: () => void): void; json(value: unknown): void }) {
  const client = await pool.connect();
  res.on('finish', () => client.release());
  res.json(await client.query('select 1'));
}`,
    },
    {
      // tests, comparisons, logging and bookkeeping after the release do not touch the client
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  client.release();
  if (client && typeof client === 'object' && client !== undefined) console.log('released', client);
  (client as unknown as { released: boolean }).released = true;
}`,
    },
    {
      // `switch`: each case releases once and leaves with `break`
      code: `${sql.pgPool.acquisition.import}
export async function route(kind: number) {
  const client = await pool.connect();
  switch (kind) {
    case 1:
      await client.query('select 1');
      client.release();
      break;
    case 2:
      client.release();
      break;
    default:
      client.release();
  }
}`,
    },
    {
      // a labelled `break` leaves both loops before the only release
      code: `${sql.pgPool.acquisition.import}
export async function find(grid: number[][]) {
  const client = await pool.connect();
  outer: for (const row of grid) {
    for (const cell of row) {
      if (cell < 0) break outer;
      await client.query('select $1', [cell]);
    }
  }
  client.release();
}`,
    },
    {
      // nested `try`: the inner `finally` is the only release
      code: `${sql.pgPool.acquisition.import}
export async function nested() {
  const client = await pool.connect();
  try {
    try {
      await client.query('select 1');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  } catch (error) {
    console.error(error);
  }
}`,
    },
    {
      // the `finally` of an early `return` releases; the code after it runs on the other path only
      code: `${sql.pgPool.acquisition.import}
export async function maybe(skip: boolean) {
  const client = await pool.connect();
  try {
    if (skip) return null;
    await client.query('select 1');
  } finally {
    if (skip) client.release();
  }
  await client.query('select 2');
  client.release();
  return 1;
}`,
    },
    {
      // module top level: an app-lifetime script, not a function
      code: `${sql.pgPool.acquisition.import}
const client = await pool.connect();
client.release();
await client.query('select 1');`,
    },
    {
      // an object that is not a resource of the catalog
      code: `export async function run(socket: { release(): void; write(s: string): void }) {
  socket.release();
  socket.write('x');
}`,
    },
    {
      // `await using` with no release by hand
      code: `${fs.fileHandle.acquisition.import}\n${fs.fileHandle.using.code}`,
    },
    {
      // a closure may reassign the binding: its paths are not followed
      code: `${sql.pgPool.acquisition.import}
export async function retry() {
  let client = await pool.connect();
  const reconnect = async () => { client = await pool.connect(); };
  client.release();
  await reconnect();
  await client.query('select 1');
  client.release();
}`,
    },
    {
      // every form of presence guard: `typeof`, `Boolean()`, `instanceof`, `||`, `?:`, `else`, `!`, `&&` and early exits
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function guards(ready: boolean, items: number[]) {
  let a: PoolClient | undefined;
  let b: PoolClient | undefined;
  let c: PoolClient | undefined;
  let d: PoolClient | undefined;
  let e: PoolClient | undefined;
  let f: PoolClient | undefined;
  let g: PoolClient | undefined;
  let h: PoolClient | undefined;
  let i: PoolClient | undefined;
  let j: PoolClient | undefined;
  try {
    a = await pool.connect();
    b = await pool.connect();
    c = await pool.connect();
    d = await pool.connect();
    e = await pool.connect();
    f = await pool.connect();
    g = await pool.connect();
    h = await pool.connect();
    i = await pool.connect();
    j = await pool.connect();
  } finally {
    if (typeof a !== 'undefined') a.release();
    if (Boolean(b)) b.release();
    if (c instanceof Object) c.release();
    d == null || d.release();
    e ? e.release() : null;
    if (!f) {
      console.log('none');
    } else f.release();
    if (ready && g!) g.release();
    for (const item of items) {
      if (h === undefined) continue;
      if (item) {
        h.release();
        break;
      }
    }
    if (undefined === i) throw new Error('no client');
    i.release();
    if (!j || !ready) return;
    j.release();
  }
}`,
    },
    {
      // two floating acquisitions of one semaphore, each released once
      code: `import { Sema } from 'async-sema';
const sema = new Sema(1);
export async function twice() {
  await sema.acquire();
  try {
    await work();
  } finally {
    sema.release();
  }
  await sema.acquire();
  try {
    await work();
  } finally {
    sema.release();
  }
}`,
    },
    {
      // a destructuring assignment and `var` declarations: the binding then holds something the analysis does not follow
      code: `${sql.pgPool.acquisition.import}
export async function swap(spare: unknown) {
  var client;
  try {
    client = await pool.connect();
  } finally {
    if (client) client.release();
  }
  let other = await pool.connect();
  other.release();
  [other] = [spare as typeof other];
  await other.query('select 1');
}`,
    },
    {
      // updates and deletes of a property are bookkeeping, an array literal is not a call
      code: `${sql.pgPool.acquisition.import}
export async function bookkeeping() {
  const client = await pool.connect() as unknown as { release(): void; uses: number; tag?: string };
  client.release();
  client.uses++;
  delete client.tag;
  const list = [client];
  return list;
}`,
    },
    {
      // a test of the client itself or of a flag in a `&&` correlates with the release
      code: `${sql.pgPool.acquisition.import}
export async function run(done: boolean) {
  const client = await pool.connect() as Awaited<ReturnType<typeof pool.connect>> & { released?: boolean };
  let closed = false;
  try {
    await client.query('select 1');
    client.release();
    closed = true;
    await notify();
  } finally {
    if (!client.released) client.release();
    !closed && client.release();
  }
  for (let pass = 0; pass < 2 && !done; pass++) await notify();
}`,
    },
    {
      // `let` in a loop body starts empty on every pass
      code: `${sql.pgPool.acquisition.import}
export async function each(ids: string[]) {
  for (const id of ids) {
    let client;
    try {
      client = await pool.connect();
      await client.query('delete from t where id = $1', [id]);
    } finally {
      client?.release();
    }
  }
}`,
    },
    {
      // properties of a released client read in conditions
      code: `${sql.pgPool.acquisition.import}
export async function state() {
  const client = await pool.connect() as unknown as { release(): void; busy: boolean; id: number; query(q: string): Promise<void> };
  client.release();
  while (client.busy) break;
  if (client.id > 0 || client.busy) console.log('busy');
  return client.busy ? 'busy' : 'idle';
}`,
    },
    {
      // clearing a timer twice is harmless: reported only with `checkIdempotent`
      code: `export function poll(tick: () => void) {
  const id = setInterval(tick, 1000);
  try {
    tick();
    clearInterval(id);
  } finally {
    clearInterval(id);
  }
}`,
    },
    {
      // with `checkIdempotent`, a timer cleared once, and a handle used after its clear (an idempotent release only stops it)
      code: `import { setTimeout as later } from 'node:timers';
export function once(tick: () => void) {
  const timer = later(tick, 10);
  try {
    tick();
  } finally {
    clearTimeout(timer);
  }
  return timer.hasRef();
}`,
      options: [{ checkIdempotent: true }],
    },
    {
      // the binding of a `for…of` head holds the current item, not nothing
      code: `${sql.pgPool.acquisition.import}
export async function each(items: { release(): void }[]) {
  for (let item of items) {
    try {
      item = await pool.connect();
    } finally {
      item.release();
    }
  }
}`,
    },
    {
      // a parameter shadows the imported `open`: not a file handle of the catalog
      code: `import { open } from 'node:fs/promises';
export async function head(path: string, open: (path: string) => Promise<{ close(): Promise<void>; read(): Promise<unknown> }>) {
  const fh = await open(path);
  await fh.close();
  return fh.read();
}
export { open };`,
    },
  ],
  invalid: [
    {
      // MongoDB's idempotent `close()` twice, with `checkIdempotent`
      code: releasedForm(documents.mongodb, 'closedTwice'),
      options: [{ checkIdempotent: true }],
      errors: [
        {
          messageId: 'releasedTwice',
          data: {
            resource: 'MongoDB client `con` from `MongoClient.connect()`',
            noun: 'MongoDB client',
            release: '`con.close()`',
            releaseLine: '6',
            paths: 'on some paths to here',
          },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 22,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a query on a client already given back to the pool
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  await client.query('select 1');
  client.release();
  await client.query('select 2');
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 15,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '6',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a read from a closed `FileHandle`
      code: `import { open } from 'node:fs/promises';
export async function head(path: string) {
  const fh = await open(path, 'r');
  await fh.close();
  return fh.read();
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 12,
          data: {
            resource: 'file handle `fh` from `open()`',
            noun: 'file handle',
            release: '`fh.close()`',
            releaseLine: '4',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a `using` binding closed by hand, then used: closed twice, and used after the close
      code: `import { open } from 'node:fs/promises';
export async function head(path: string) {
  await using fh = await open(path, 'r');
  await fh.close();
  return fh.stat();
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedBeforeScopeEnd',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 19,
          data: {
            resource: 'file handle `fh` from `open()`',
            declaration: 'await using',
          },
          suggestions: null,
        },
        {
          messageId: 'useAfterRelease',
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 12,
          data: {
            resource: 'file handle `fh` from `open()`',
            noun: 'file handle',
            release: '`fh.close()`',
            releaseLine: '4',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // released in the `try` body and again in `finally`
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
    client.release();
  } finally {
    client.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 21,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // released in `catch`, and again after the `try`
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch (error) {
    client.release();
    console.error(error);
  }
  client.release();
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 11,
          column: 3,
          endLine: 11,
          endColumn: 19,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '8',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // `await using` and a `close()` by hand: closed twice
      code: `import { open } from 'node:fs/promises';
export async function size(path: string) {
  await using fh = await open(path, 'r');
  const stats = await fh.stat();
  await fh.close();
  return stats.size;
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedBeforeScopeEnd',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 19,
          data: {
            resource: 'file handle `fh` from `open()`',
            declaration: 'await using',
          },
          suggestions: null,
        },
      ],
    },
    {
      // acquired inside the `try`, released unguarded in `finally`: throws a TypeError when `connect()` throws
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releaseOfNothing',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 21,
          data: {
            name: 'client',
            noun: 'client',
            acquisition: '`pool.connect()`',
            line: '6',
          },
          suggestions: null,
        },
      ],
    },
    {
      // released inside the loop body, used and released again in the next iteration
      code: `${sql.pgPool.acquisition.import}
export async function each(ids: string[]) {
  const client = await pool.connect();
  for (const id of ids) {
    await client.query('delete from t where id = $1', [id]);
    client.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 17,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'in an earlier iteration of the loop',
          },
          suggestions: null,
        },
        {
          messageId: 'releasedTwice',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 21,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'in an earlier iteration of the loop',
          },
          suggestions: null,
        },
      ],
    },
    {
      // `switch`: case 1 releases and falls through into case 2, which uses the client
      code: `${sql.pgPool.acquisition.import}
export async function route(kind: number) {
  const client = await pool.connect();
  switch (kind) {
    case 1:
      client.release();
    case 2:
      await client.query('select 2');
      break;
    default:
  }
  client.release();
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 19,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
        {
          messageId: 'releasedTwice',
          line: 13,
          column: 3,
          endLine: 13,
          endColumn: 19,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // labelled `break`: the inner loop releases and leaves both loops; the client is used after them
      code: `${sql.pgPool.acquisition.import}
export async function find(grid: number[][]) {
  const client = await pool.connect();
  outer: for (const row of grid) {
    for (const cell of row) {
      if (cell < 0) {
        client.release();
        break outer;
      }
    }
  }
  await client.query('select 1');
  client.release();
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 13,
          column: 9,
          endLine: 13,
          endColumn: 15,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '8',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
        {
          messageId: 'releasedTwice',
          line: 14,
          column: 3,
          endLine: 14,
          endColumn: 19,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '8',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // nested `try`: the inner `finally` releases, the exception reaches the outer `catch`, which releases again
      code: `${sql.pgPool.acquisition.import}
export async function nested() {
  const client = await pool.connect();
  try {
    try {
      await client.query('select 1');
    } finally {
      client.release();
    }
  } catch (error) {
    client.release();
    throw error;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 21,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '9',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // released, then a call that can throw into the `catch`, which releases again
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
    client.release();
    await notify();
  } catch (error) {
    client.release();
    throw error;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 21,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // optional chaining guards against `undefined`, not against a released client
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  let client;
  try {
    client = await pool.connect();
    client?.release();
    await client?.query('select 1');
  } finally {
    client?.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 17,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
        {
          messageId: 'releasedTwice',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 22,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // TS `!` and `as` are not guards: the release throws when `connect()` threw
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function run() {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client!.release();
    (client as PoolClient).release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releaseOfNothing',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 22,
          data: {
            name: 'client',
            noun: 'client',
            acquisition: '`pool.connect()`',
            line: '6',
          },
          suggestions: null,
        },
        {
          messageId: 'releasedTwice',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 37,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '9',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // the error of `connect()` is swallowed, then the release runs on nothing
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  let client = null;
  try {
    client = await pool.connect();
  } catch (error) {
    console.error(error);
  }
  client.release();
}`,
      output: null,
      errors: [
        {
          messageId: 'releaseOfNothing',
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 19,
          data: {
            name: 'client',
            noun: 'client',
            acquisition: '`pool.connect()`',
            line: '6',
          },
          suggestions: null,
        },
      ],
    },
    {
      // passing a released client on, under a condition that nothing correlates
      code: `${sql.pgPool.acquisition.import}
export async function run(mode: string, items: number[]) {
  const client = await pool.connect();
  for (let i = 0; i < items.length && items[i]! > 0; i++) await notify(items.filter((item) => item > i));
  client.release();
  if (mode === 'audit' && [0].some((zero) => zero === 0)) await audit(client);
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 7,
          column: 71,
          endLine: 7,
          endColumn: 77,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '6',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a floating semaphore permit released twice through its receiver
      code: `import { Sema } from 'async-sema';
const sema = new Sema(2);
export async function run() {
  await sema.acquire();
  try {
    await work();
    sema.release();
  } finally {
    if (sema) sema.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 29,
          data: {
            resource: 'semaphore permit from `sema.acquire()`',
            noun: 'semaphore permit',
            release: '`sema.release()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // the mutex itself released twice: the second call can release a lock that another caller now holds
      code: `${locks.mutex.acquisition.import}
export async function run() {
  await mutex.acquire();
  try {
    await work();
  } finally {
    mutex.release();
  }
  mutex.release();
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 18,
          data: {
            resource: 'lock from `mutex.acquire()`',
            noun: 'lock',
            release: '`mutex.release()`',
            releaseLine: '8',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // with `checkIdempotent`, the async-mutex releaser called twice is reported
      code: `${locks.mutex.acquisition.import}
export async function bump() {
  const release = await mutex.acquire();
  try {
    await work();
    release();
  } finally {
    release();
  }
}`,
      options: [{ checkIdempotent: true }],
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 14,
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            noun: 'lock',
            release: '`release()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a file descriptor closed twice
      code: `import * as fs from 'node:fs';
export function first(path: string) {
  const fd = fs.openSync(path, 'r');
  const buffer = Buffer.alloc(1);
  try {
    fs.readSync(fd, buffer);
    fs.closeSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return buffer;
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 21,
          data: {
            resource: 'file descriptor `fd` from `fs.openSync()`',
            noun: 'file descriptor',
            release: '`fs.closeSync()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // comments and parentheses around the use
      code: `${sql.pgPool.acquisition.import}
export async function run() {
  const client = await pool.connect();
  client.release();
  await (/* stale */ client).query('select 1');
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 6,
          column: 22,
          endLine: 6,
          endColumn: 28,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '5',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a `for await` loop after the release can throw into the `catch`, which releases again
      code: `${sql.pgPool.acquisition.import}
export async function stream(rows: AsyncIterable<number>) {
  const client = await pool.connect();
  try {
    client.release();
    for await (const row of rows) console.log(row);
  } catch (error) {
    client.release();
    throw error;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 21,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '6',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // `??=` keeps a released client: it is not nullish
      code: `${sql.pgPool.acquisition.import}
export async function reuse() {
  let client = await pool.connect();
  client.release();
  client ??= await pool.connect();
  await client.query('select 1');
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 15,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '5',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // passed to a constructor after the release
      code: `${sql.pgPool.acquisition.import}
export async function wrap() {
  const client = await pool.connect();
  client.release();
  return new Repository(client);
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 31,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '5',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // with `checkIdempotent`, an interval cleared in the `try` and again in `finally`
      code: `export function poll(tick: () => void) {
  const id = setInterval(tick, 1000);
  try {
    tick();
    clearInterval(id);
  } finally {
    clearInterval(id);
  }
}`,
      options: [{ checkIdempotent: true }],
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 22,
          data: {
            resource: 'interval `id` from `setInterval()`',
            noun: 'interval',
            release: '`clearInterval()`',
            releaseLine: '5',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // an in-house resource from `settings.cleanup.resources`, checked back in and then used
      code: `import { db } from '@acme/db';
export async function read(id: string) {
  const conn = await db.checkout();
  conn.checkin();
  return conn.get(id);
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
          messageId: 'useAfterRelease',
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 14,
          data: {
            resource: 'connection `conn` from `db.checkout()`',
            noun: 'connection',
            release: '`conn.checkin()`',
            releaseLine: '4',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // `satisfies` and `as` wrappers around the released client
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  (client satisfies PoolClient).release();
  await (client as PoolClient).query('select 1');
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 16,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '5',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
  ],
});

jsRuleTester.run('no-use-after-release', rule, {
  valid: [
    {
      // CommonJS: released in `finally`
      code: `${sql.pgPool.acquisition.require}
module.exports = async function load(id) {
  const client = await pool.connect();
  try {
    return await client.query('select 1 where $1', [id]);
  } finally {
    client.release();
  }
};`,
    },
    {
      // mysql2: released at the end of the `try` and in a `catch` that rethrows
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
export async function save(row) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('insert into t set ?', row);
    await conn.commit();
    conn.release();
  } catch (error) {
    await conn.rollback();
    conn.release();
    throw error;
  }
}`,
    },
    {
      // guarded release with `&&` in `finally`
      code: `${sql.pgPool.acquisition.defaultImport}
export async function run() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client && client.release();
  }
}`,
    },
    {
      // the release of a variable declared without a value but assigned before the `try`
      code: `${sql.pgPool.acquisition.defaultImport}
export async function run() {
  let client;
  client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
    },
    {
      // two tests of the same state are correlated: the paths cannot tell, so nothing is reported
      code: `${sql.pgPool.acquisition.defaultImport}
export async function drain(queue) {
  const client = await pool.connect();
  do {
    await client.query(queue.shift());
    if (queue.length === 0) client.release();
  } while (queue.length > 0);
}`,
    },
  ],
  invalid: [
    {
      // CommonJS: release in `catch` and after it
      code: `const mysql = require('mysql2/promise');
const pool = mysql.createPool({});
async function save(row) {
  const conn = await pool.getConnection();
  try {
    await conn.query('insert into t set ?', row);
  } catch (error) {
    conn.release();
  }
  conn.release();
}
module.exports = { save };`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 17,
          data: {
            resource: 'connection `conn` from `pool.getConnection()`',
            noun: 'connection',
            release: '`conn.release()`',
            releaseLine: '8',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // `var` inside the `try`: undefined in `finally` when `connect()` throws
      code: `${sql.pgPool.acquisition.defaultImport}
export async function run() {
  try {
    var client = await pool.connect();
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releaseOfNothing',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 21,
          data: {
            name: 'client',
            noun: 'client',
            acquisition: '`pool.connect()`',
            line: '5',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a `do`/`while` loop releases and uses on the next pass
      code: `${sql.pgPool.acquisition.defaultImport}
export async function drain(queue) {
  const client = await pool.connect();
  do {
    await client.query(queue.shift());
    client.release();
  } while (queue.length > 0);
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 17,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'in an earlier iteration of the loop',
          },
          suggestions: null,
        },
        {
          messageId: 'releasedTwice',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 21,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'in an earlier iteration of the loop',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a `using` FileHandle closed in a nested block, used after it
      code: `import { open } from 'node:fs/promises';
export async function head(path, quick) {
  await using fh = await open(path);
  if (quick) {
    await fh.close();
  }
  return fh.read();
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedBeforeScopeEnd',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 21,
          data: {
            resource: 'file handle `fh` from `open()`',
            declaration: 'await using',
          },
          suggestions: null,
        },
        {
          messageId: 'useAfterRelease',
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 12,
          data: {
            resource: 'file handle `fh` from `open()`',
            noun: 'file handle',
            release: '`fh.close()`',
            releaseLine: '5',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // generic-pool: the resource released twice through `pool.release(resource)`
      code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool({ create: async () => ({}), destroy: async () => {} });
export async function run() {
  const resource = await pool.acquire();
  try {
    await use(resource);
    await pool.release(resource);
  } finally {
    await pool.release(resource);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'releasedTwice',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 33,
          data: {
            resource: 'pooled resource `resource` from `pool.acquire()`',
            noun: 'pooled resource',
            release: '`pool.release()`',
            releaseLine: '7',
            paths: 'on some paths to here',
          },
          suggestions: null,
        },
      ],
    },
    {
      // disposed by hand with `Symbol.asyncDispose`, then read
      code: `import { open } from 'node:fs/promises';
export async function head(path) {
  const fh = await open(path);
  await fh[Symbol.asyncDispose]();
  return fh.read();
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 12,
          data: {
            resource: 'file handle `fh` from `open()`',
            noun: 'file handle',
            release: '`fh[Symbol.asyncDispose]()`',
            releaseLine: '4',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
    },
  ],
});

// TypeScript declaration shapes (overload signatures, abstract and `declare` members, `declare class`, `accessor`,
// index signatures, parameter properties, decorators, enums, namespaces): the implementation's body counts, the
// signatures do not, and no rule assumes that a function has a body.
ruleTester.run('no-use-after-release', rule, {
  valid: [
    {
      // the overload implementation releases in `finally` after its last use; a `declare class` has no code
      code: `import { Pool } from 'pg';

const pool = new Pool();

export class Repo {
  declare readonly table: string;
  accessor reads = 0;
  constructor(private readonly schema: string) {}
  load(id: string): Promise<unknown>;
  load(id: number): Promise<unknown>;
  async load(id: unknown): Promise<unknown> {
    const client = await pool.connect();
    try {
      return await client.query('select * from t where id = $1', [id]);
    } finally {
      client.release();
    }
  }
}
export declare class Ambient {
  release(): void;
  query(sql: string): Promise<unknown>;
}
`,
    },
  ],
  invalid: [
    {
      // the overload implementation uses the client after releasing it
      code: `import { Pool } from 'pg';

const pool = new Pool();

export class Repo {
  declare readonly table: string;
  accessor reads = 0;
  constructor(private readonly schema: string) {}
  load(id: string): Promise<unknown>;
  load(id: number): Promise<unknown>;
  async load(id: unknown): Promise<unknown> {
    const client = await pool.connect();
    try {
      client.release();
      return await client.query('select * from t where id = $1', [id]);
    } finally {
      this.reads++;
    }
  }
}
`,
      errors: [
        {
          messageId: 'useAfterRelease',
          line: 15,
          column: 20,
          endLine: 15,
          endColumn: 26,
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '14',
            paths: 'on every path to here',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});
