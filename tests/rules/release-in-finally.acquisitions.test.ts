/**
 * release-in-finally on acquisitions in other shapes (issue 14): a pending acquisition awaited later, a resource
 * delivered to a promise callback (`acquire().then((release) => …)`), and one delivered to an error-first callback
 * (`pool.getConnection((err, conn) => …)`), whose every path must release it.
 */
import rule from '../../src/rules/release-in-finally.js';
import { jsRuleTester, ruleTester } from '../RuleTester.js';

ruleTester.run('release-in-finally', rule, {
  valid: [
    {
      // a pending operation (tarn's, knex's): the call returns an object that holds the promise, not the promise; what
      // it delivers is not followed, and the operation is no acquisition left unreleased
      code: `import knex from 'knex';

const db = knex({ client: 'pg' });

export async function ready(timeoutMs: number) {
  const client = db.client;
  const pending = client.pool.acquire();
  const timer = setTimeout(() => pending.abort(), timeoutMs);
  let connection;
  try {
    connection = await pending.promise;
  } finally {
    clearTimeout(timer);
  }
  try {
    await connection.query('select 1');
  } finally {
    client.releaseConnection(connection);
  }
}`,
    },
    {
      // the pending acquisition is awaited into `client`, which a `finally` releases
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const pending = pool.connect();
  const client = await pending;
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
    },
    {
      // the pending lock is awaited into its release function, called in `finally`
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run() {
  const p = mutex.acquire();
  const release = await p;
  try {
    work();
  } finally {
    release();
  }
}`,
    },
    {
      // the pending acquisition is awaited in a callback, which owns the client from then on
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function run(queue: { add(job: () => Promise<void>): void }) {
  const pending = pool.connect();
  queue.add(async () => {
    const client = await pending;
    client.release();
  });
}`,
    },
    {
      // the pending acquisition is returned: the caller owns it
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function checkout() {
  const pending = pool.connect();
  return pending;
}`,
    },
    {
      // both clients of `Promise.all` are released in `finally`
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function copy() {
  const [reader, writer] = await Promise.all([pool.connect(), pool.connect()]);
  try {
    await writer.query('insert', await reader.query('select'));
  } finally {
    reader.release();
    writer.release();
  }
}`,
    },
    {
      // the promise callback releases in `finally`
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  return mutex.acquire().then((release) => {
    try {
      work();
    } finally {
      release();
    }
  });
}`,
    },
    {
      // the release function is handed to `.finally()`, which runs it whatever `work()` does
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  return mutex.acquire().then((release) => work().finally(release));
}`,
    },
    {
      // the client is released in `.finally()` of the query's promise
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function run() {
  return pool.connect().then((client) => client.query('select 1').finally(() => client.release()));
}`,
    },
    {
      // the promise callback stores the client: the object owns it now
      code: `import { Pool } from 'pg';
const pool = new Pool();
export class Store {
  client?: unknown;
  open() {
    return pool.connect().then((client) => {
      this.client = client;
    });
  }
}`,
    },
    {
      // the held promise is continued with `.then()`, whose callback releases in `finally`
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  const pending = mutex.acquire();
  return pending.then((release) => {
    try {
      work();
    } finally {
      release();
    }
  });
}`,
    },
    {
      // awaited into `await using`: released by construction
      code: `import { open } from 'node:fs/promises';
export async function read(path: string) {
  const pending = open(path);
  await using fh = await pending;
  return fh.readFile();
}`,
    },
    {
      // the callback's result is its release, with nothing before it that can throw
      code: `import Redlock from 'redlock';
const redlock = new Redlock([]);
export function run() {
  return redlock.acquire(['job'], 5000).then((lock) => {
    return lock.release();
  });
}`,
    },
    {
      // a promise callback whose body is the release itself
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  return mutex.acquire().then((release) => release());
}`,
    },
    {
      // the lock goes to a named function, and a destructured parameter is not followed: both judged elsewhere
      code: `import { Mutex, Semaphore } from 'async-mutex';
const mutex = new Mutex();
const semaphore = new Semaphore(2);
export function run(onLock: (release: () => void) => void) {
  void mutex.acquire().then(onLock);
  return semaphore.acquire().then(([, release]) => release());
}`,
    },
    {
      // released on both outcomes of the query: the rejection callback releases too
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function run() {
  return pool.connect().then((client) =>
    client.query('select 1').then(
      () => client.release(),
      () => client.release(),
    ),
  );
}`,
    },
    {
      // a pending acquisition whose promise is read twice is not followed as pending: here it is returned
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const pending = pool.connect();
  void pending.then(() => log('connected'));
  return pending;
}`,
    },
    {
      // the elements after a spread, and `Promise.all` not awaited into an array pattern, are not followed
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(more: Promise<unknown>[]) {
  const all = await Promise.all([...more, pool.connect()]);
  const clients = Promise.all([pool.connect()]);
  const settled = await Promise.allSettled([pool.connect()]);
  return [all, clients, settled];
}`,
    },
    {
      // a release with nothing before it that can throw
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  return mutex.acquire().then((release) => {
    release();
    work();
  });
}`,
    },
  ],
  invalid: [
    {
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const pending = pool.connect();
  const client = await pending;
  await client.query('select 1');
  client.release();
}`,
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const pending = pool.connect();
  const client = await pending;
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 6 rejects',
            releaseLine: '7',
          },
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 33,
          suggestions: null,
        },
      ],
    },
    {
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run() {
  const pending = mutex.acquire();
  const release = await pending;
  await work();
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          data: { resource: 'lock `release` from `mutex.acquire()`' },
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'lock' },
              output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run() {
  const pending = mutex.acquire();
  const release = await pending;
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
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const [reader, writer] = await Promise.all([pool.connect(), pool.connect()]);
  try {
    await reader.query('select 1');
  } finally {
    reader.release();
  }
  await writer.query('select 1');
  writer.release();
}`,
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const [reader, writer] = await Promise.all([pool.connect(), pool.connect()]);
  try {
    try {
      await reader.query('select 1');
    } finally {
      reader.release();
    }
    await writer.query('select 1');
  } finally {
    writer.release();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'client `writer` from `pool.connect()`',
            path: 'the `await` on line 6 rejects',
            releaseLine: '11',
          },
          line: 4,
          column: 63,
          endLine: 4,
          endColumn: 77,
          suggestions: null,
        },
      ],
    },
    {
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  return mutex.acquire().then((release) => {
    work();
    release();
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            path: '`work()` on line 5 throws',
            releaseLine: '6',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'lock' },
              output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  return mutex.acquire().then((release) => {
    try {
      work();
    } finally {
      release();
    }
  });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  return mutex.acquire().then((release) => {
    work();
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          data: { resource: 'lock `release` from `mutex.acquire()`' },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'lock' },
              output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  return mutex.acquire().then((release) => {
    try {
      work();
    } finally {
      release();
    }
  });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  const pending = mutex.acquire();
  return pending.then((release) => {
    work();
    release();
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            path: '`work()` on line 6 throws',
            releaseLine: '7',
          },
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'lock' },
              output: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  const pending = mutex.acquire();
  return pending.then((release) => {
    try {
      work();
    } finally {
      release();
    }
  });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import Redlock from 'redlock';
const redlock = new Redlock([]);
export function run() {
  return redlock.acquire(['job'], 5000).then((lock) => {
    work();
    return lock.release();
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'lock `lock` from `redlock.acquire()`',
            path: '`work()` on line 5 throws',
            releaseLine: '6',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 40,
          suggestions: null,
        },
      ],
    },
    {
      code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export function run() {
  return mutex.acquire().then((release) => {
    try {
      work();
    } finally {
      flush();
      release();
    }
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'lock `release` from `mutex.acquire()`',
            path: '`flush()` on line 8 throws',
            releaseLine: '9',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 25,
          suggestions: null,
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function run(ready: boolean) {
  return pool.connect().then((client) => {
    if (ready) client.release();
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'somePaths',
          data: { resource: 'client `client` from `pool.connect()`', releaseLine: '5' },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const pool = new Pool();
export function run() {
  return pool.connect().then((client) =>
    client.query('select 1').then((result) => {
      client.release();
      return result;
    }),
  );
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: '`client.query()` on line 5 throws',
            releaseLine: '6',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
  ],
});

jsRuleTester.run('release-in-finally', rule, {
  valid: [
    {
      // released before the query error is tested: every path releases
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function find(sql, cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query(sql, (qerr, rows) => {
      conn.release();
      if (qerr) return cb(qerr);
      cb(null, rows);
    });
  });
}
module.exports = { find };`,
    },
    {
      // released in both branches
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function find(sql, cb) {
  pool.getConnection(function (err, conn) {
    if (err) {
      cb(err);
      return;
    }
    conn.query(sql, function (qerr, rows) {
      if (qerr) {
        conn.release();
        return cb(qerr);
      }
      conn.release();
      cb(null, rows);
    });
  });
}
module.exports = { find };`,
    },
    {
      // the acquisition's own error taken first with `if (!err)`: the connection exists only in that branch
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function find(sql, cb) {
  pool.getConnection((err, conn) => {
    if (!err) {
      conn.query(sql, (qerr, rows) => {
        conn.release();
        cb(qerr, rows);
      });
    } else {
      cb(err);
    }
  });
}
module.exports = { find };`,
    },
    {
      // pg's release callback, called before the error is tested
      code: `const { Pool } = require('pg');
const pool = new Pool();
function find(sql, cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query(sql, (qerr, res) => {
      done();
      if (qerr) return cb(qerr);
      cb(null, res.rows);
    });
  });
}
module.exports = { find };`,
    },
    {
      // the connection is handed to the caller's callback: the caller releases it
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function checkout(cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query('set names utf8', () => cb(null, conn));
  });
}
module.exports = { checkout };`,
    },
    {
      // the acquisition's error tested against null, both ways round
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function find(sql, cb) {
  pool.getConnection((e, conn) => {
    if (e != null) return cb(e);
    conn.query(sql, (qerr, rows) => {
      conn.release();
      cb(qerr, rows);
    });
  });
}
function findAgain(sql, cb) {
  pool.getConnection((error, conn) => {
    if (error === null) {
      conn.query(sql, (qerr, rows) => {
        conn.release();
        cb(qerr, rows);
      });
    } else cb(error);
  });
}
module.exports = { find, findAgain };`,
    },
    {
      // releases written as a concise body, a returned call, an awaited call, an optional call and in a sequence
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function a(sql) {
  pool.getConnection((err, conn) => {
    if (err) return;
    conn.query(sql, () => conn.release());
  });
}
function b(sql) {
  pool.getConnection((err, conn) => {
    if (err) return;
    return conn.query(sql, () => {
      return conn.release();
    });
  });
}
function c(sql, cb) {
  pool.getConnection((err, conn) => {
    if (err) return;
    const query = conn.query(sql, async (qerr) => {
      await conn?.release();
      (conn.release(), cb(qerr));
    });
    return query;
  });
}
module.exports = { a, b, c };`,
    },
    {
      // shapes the path analysis does not judge: a release in a `switch`, in a listener, in a conditional expression,
      // next to another callback, and a first parameter not named like an error
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function a(sql, kind) {
  pool.getConnection((err, conn) => {
    if (err) return;
    switch (kind) {
      case 1:
        return;
      default:
        conn.release();
    }
  });
}
function b() {
  pool.getConnection((err, conn) => {
    if (err) return;
    conn.on('end', () => conn.release());
  });
}
function c(sql, cb) {
  pool.getConnection((err, conn) => {
    if (err) return;
    conn.query(sql, (qerr) => (qerr ? cb(qerr) : conn.release()));
  });
}
function d(sql, cb) {
  pool.getConnection((err, conn) => {
    if (err) return;
    conn.query(sql, () => conn.release(), conn.release());
  });
}
function e(sql, cb) {
  pool.getConnection((a, conn) => {
    conn.query(sql, (qerr) => {
      if (qerr) return cb(qerr);
      conn.release();
    });
  });
}
function f(sql, cb) {
  pool.getConnection((err, conn) => {
    if (err) return;
    conn = wrap(conn);
    conn.release();
  });
}
module.exports = { a, b, c, d, e, f };`,
    },
    {
      // generic-pool 2: released through the pool on every path
      code: `const genericPool = require('generic-pool');
const pool = genericPool.createPool({});
function find(sql, cb) {
  pool.acquire((err, client) => {
    if (err) return cb(err);
    client.query(sql, (qerr, rows) => {
      pool.release(client);
      cb(qerr, rows);
    });
  });
}
module.exports = { find };`,
    },
  ],
  invalid: [
    {
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function find(sql, cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query(sql, (qerr, rows) => {
      if (qerr) return cb(qerr);
      conn.release(); cb(null, rows);
    });
  });
}
module.exports = { find };`,
      output: null,
      errors: [
        {
          messageId: 'callbackPath',
          data: {
            resource: 'connection `conn` from `pool.getConnection()`',
            path: 'the `return` on line 7 runs',
          },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'suggestRelease',
              data: { noun: 'connection' },
              output: `const mysql = require('mysql');
const pool = mysql.createPool({});
function find(sql, cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query(sql, (qerr, rows) => {
      if (qerr) { conn.release(); return cb(qerr); }
      conn.release(); cb(null, rows);
    });
  });
}
module.exports = { find };`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function update(sql, cb) {
  pool.getConnection(function (err, connection) {
    if (err) throw err;
    connection.beginTransaction(function (txErr) {
      if (txErr) {
        return cb(txErr);
      }
      connection.query(sql, function (error) {
        if (error) {
          return connection.rollback(function () {
            connection.release();
            cb(error);
          });
        }
        connection.commit(function (commitErr) {
          connection.release();
          cb(commitErr);
        });
      });
    });
  });
}
module.exports = { update };`,
      output: null,
      errors: [
        {
          messageId: 'callbackPath',
          data: {
            resource: 'connection `connection` from `pool.getConnection()`',
            path: 'the `return` on line 8 runs',
          },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'suggestRelease',
              data: { noun: 'connection' },
              output: `const mysql = require('mysql');
const pool = mysql.createPool({});
function update(sql, cb) {
  pool.getConnection(function (err, connection) {
    if (err) throw err;
    connection.beginTransaction(function (txErr) {
      if (txErr) {
        connection.release();
        return cb(txErr);
      }
      connection.query(sql, function (error) {
        if (error) {
          return connection.rollback(function () {
            connection.release();
            cb(error);
          });
        }
        connection.commit(function (commitErr) {
          connection.release();
          cb(commitErr);
        });
      });
    });
  });
}
module.exports = { update };`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function find(sql, cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query(sql, (qerr, rows) => {
      if (!qerr) conn.release();
      cb(qerr, rows);
    });
  });
}
module.exports = { find };`,
      output: null,
      errors: [
        {
          messageId: 'callbackPath',
          data: {
            resource: 'connection `conn` from `pool.getConnection()`',
            path: 'the callback on line 6 ends',
          },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 21,
          suggestions: null,
        },
      ],
    },
    {
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function find(sql, cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query(sql, (qerr, rows) => {
      if (rows) conn.release();
      if (qerr) return cb(qerr);
      cb(null, rows);
    });
  });
}
module.exports = { find };`,
      output: null,
      errors: [
        {
          // no suggestion: the path through the first release reaches the `return` too
          messageId: 'callbackPath',
          data: {
            resource: 'connection `conn` from `pool.getConnection()`',
            path: 'the `return` on line 8 runs',
          },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 21,
          suggestions: null,
        },
      ],
    },
    {
      code: `const { Pool } = require('pg');
const pool = new Pool();
function find(sql, cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query(sql, (qerr, res) => {
      if (qerr) throw qerr;
      done();
      cb(null, res.rows);
    });
  });
}
module.exports = { find };`,
      output: null,
      errors: [
        {
          messageId: 'callbackPath',
          data: { resource: 'client `client` from `pool.connect()`', path: 'the `throw` on line 7 runs' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'suggestRelease',
              data: { noun: 'client' },
              output: `const { Pool } = require('pg');
const pool = new Pool();
function find(sql, cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query(sql, (qerr, res) => {
      if (qerr) { client.release(); throw qerr; }
      done();
      cb(null, res.rows);
    });
  });
}
module.exports = { find };`,
            },
          ],
        },
      ],
    },
    {
      code: `const mysql = require('mysql');
const pool = mysql.createPool({});
function saveAll(rows, cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    for (const row of rows) {
      if (!row.id) return cb(new Error('no id'));
    }
    conn.query('insert', rows, (qerr) => {
      conn.release();
      cb(qerr);
    });
  });
}
module.exports = { saveAll };`,
      output: null,
      errors: [
        {
          messageId: 'callbackPath',
          data: {
            resource: 'connection `conn` from `pool.getConnection()`',
            path: 'the `return` on line 7 runs',
          },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'suggestRelease',
              data: { noun: 'connection' },
              output: `const mysql = require('mysql');
const pool = mysql.createPool({});
function saveAll(rows, cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    for (const row of rows) {
      if (!row.id) { conn.release(); return cb(new Error('no id')); }
    }
    conn.query('insert', rows, (qerr) => {
      conn.release();
      cb(qerr);
    });
  });
}
module.exports = { saveAll };`,
            },
          ],
        },
      ],
    },
    {
      code: `const genericPool = require('generic-pool');
const pool = genericPool.createPool({});
function find(sql, cb) {
  pool.acquire((err, client) => {
    if (err) return cb(err);
    client.query(sql, (qerr, rows) => {
      if (qerr) return cb(qerr);
      pool.release(client);
      cb(null, rows);
    });
  });
}
module.exports = { find };`,
      output: null,
      errors: [
        {
          messageId: 'callbackPath',
          data: {
            resource: 'pooled resource `client` from `pool.acquire()`',
            path: 'the `return` on line 7 runs',
          },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'suggestRelease',
              data: { noun: 'pooled resource' },
              output: `const genericPool = require('generic-pool');
const pool = genericPool.createPool({});
function find(sql, cb) {
  pool.acquire((err, client) => {
    if (err) return cb(err);
    client.query(sql, (qerr, rows) => {
      if (qerr) { pool.release(client); return cb(qerr); }
      pool.release(client);
      cb(null, rows);
    });
  });
}
module.exports = { find };`,
            },
          ],
        },
      ],
    },
  ],
});
