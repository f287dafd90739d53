import rule from '../../src/rules/no-shared-connection.js';
import { locks, sql } from '../fixtures/families/index.js';
import { CleanupRuleTester, espree, jsRuleTester, ruleTester } from '../RuleTester.js';

/** espree on CommonJS (`require`, `module.exports`, top-level `return`), file name `file.js`. */
const cjsRuleTester = new CleanupRuleTester({
  defaultFilenames: { ts: 'file.js', tsx: 'react.jsx' },
  languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType: 'commonjs' },
});

/** In-house APIs: one marked single-connection, one shareable, one a checkout of kind `connection`. */
const settings = {
  cleanup: {
    resources: [
      { module: '@acme/db', acquire: 'open', release: { methods: ['close'] }, noun: 'session', singleConnection: true },
      {
        module: '@acme/db',
        acquire: 'createClient',
        release: { methods: ['close'] },
        kind: 'connection',
        noun: 'client',
        shareable: true,
      },
      {
        module: '@acme/db',
        acquire: 'checkout',
        release: { methods: ['checkin'] },
        kind: 'connection',
        noun: 'connection',
      },
    ],
  },
};

ruleTester.run('no-shared-connection', rule, {
  valid: [
    {
      // a pool with a per-request checkout released in finally
      code: `import express from 'express';
${sql.pgPool.acquisition.import}
const app = express();
app.get('/users/:id', async (req, res) => {
  const client = await pool.connect();
  try {
    res.json(await client.query('select * from users where id = $1', [req.params.id]));
  } finally {
    client.release();
  }
});`,
    },
    {
      // pools and clients designed to be shared: pg, mysql2, knex, ioredis, redis, MongoDB, Mongoose, TypeORM, Prisma
      code: `import mysql from 'mysql2/promise';
import knex from 'knex';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { DataSource } from 'typeorm';
import { PrismaClient } from '@prisma/client';
import pg from 'pg';
const pool = mysql.createPool({ connectionLimit: 10 });
const pgPool = new pg.Pool();
const db = knex({ client: 'pg' });
const redis = new Redis();
const cache = createClient();
const mongo = new MongoClient('mongodb://db');
const conn = mongoose.createConnection('mongodb://db');
const source = new DataSource({ type: 'postgres' });
const prisma = new PrismaClient();
export async function handler(id: string) {
  await pool.query('select 1');
  await pgPool.query('BEGIN');
  await db('users').where({ id });
  await redis.get(id);
  await cache.get(id);
  await mongo.db().collection('users').findOne({ id });
  await conn.model('User').findById(id);
  await source.query('select 1');
  await prisma.user.findUnique({ where: { id } });
}`,
    },
    {
      // a connection per call, closed in finally
      code: `import mysql from 'mysql2/promise';
export async function transfer(from: string, to: string) {
  const conn = await mysql.createConnection({ host: 'db' });
  try {
    await conn.beginTransaction();
    await conn.query('update accounts set balance = balance - 1 where id = ?', [from]);
    await conn.query('update accounts set balance = balance + 1 where id = ?', [to]);
    await conn.commit();
  } finally {
    await conn.end();
  }
}`,
    },
    {
      // a module-level connection used only at top level (a script)
      code: `import pg from 'pg';
const client = new pg.Client();
await client.connect();
await client.query('BEGIN');
await client.query('insert into t values (1)');
await client.query('COMMIT');
await client.end();`,
    },
    {
      // a one-shot script: main is called once at top level, its helpers are awaited one at a time
      code: `import mysql from 'mysql2/promise';
const conn = await mysql.createConnection({ host: 'db' });
async function insert(row: number) {
  await conn.query('insert into t values (?)', [row]);
}
async function main() {
  await conn.beginTransaction();
  for (const row of [1, 2, 3]) await insert(row);
  await conn.commit();
}
main()
  .catch(console.error)
  .finally(() => conn.end());`,
    },
    {
      // test callbacks run one after another
      code: `import { Client } from 'pg';
const client = new Client();
beforeAll(async () => {
  await client.connect();
});
afterAll(async () => {
  await client.end();
});
describe('users', () => {
  it('inserts', async () => {
    await client.query('BEGIN');
    await client.query('insert into users values (1)');
  });
  it.each([1, 2])('reads %i', async (id) => {
    await client.query('select * from users where id = $1', [id]);
  });
});`,
    },
    {
      // set-up and tear-down from app-lifetime callbacks are not uses
      code: `import mysql from 'mysql2';
const conn = mysql.createConnection({ host: 'db' });
conn.connect((err) => {
  if (err) throw err;
});
conn.on('error', async (err) => {
  console.error(err);
});
process.on('SIGTERM', async () => {
  await new Promise((resolve) => conn.end(resolve));
});
conn.query('select 1');`,
    },
    {
      // an exported function that only closes the connection
      code: `import pg from 'pg';
const client = new pg.Client();
await client.connect();
await client.query('select 1');
export async function close() {
  await client.end();
}`,
    },
    {
      // shadowed names: a local connection and a local Client class
      code: `import mysql from 'mysql2/promise';
import express from 'express';
class Client {
  query(sql: string) {
    return sql;
  }
}
const conn = new Client();
const app = express();
app.get('/', async (req, res) => {
  const conn = await mysql.createConnection({});
  try {
    res.json(await conn.query('select 1'));
  } finally {
    await conn.end();
  }
});
export async function handler() {
  return conn.query('select 1');
}`,
    },
    {
      // a lazily created pool stored in a module-level let is shareable
      code: `import pg from 'pg';
let pool: pg.Pool | undefined;
export function getPool() {
  pool = new pg.Pool();
  return pool;
}
let client: pg.Client | null = null;
export async function init() {
  client = new pg.Client();
}`,
    },
    {
      // a module-level let assigned by a one-shot init and used at top level only
      code: `import mysql from 'mysql2/promise';
let conn: mysql.Connection;
(async () => {
  conn = await mysql.createConnection({});
  await conn.query('select 1');
  await conn.end();
  conn = undefined!;
})();`,
    },
    {
      // worker data that a worker can use: plain values and a file descriptor
      code: `import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
const fd = fs.openSync('/tmp/log', 'a');
const worker = new Worker('./worker.js', { workerData: { url: process.env.DATABASE_URL, fd } });
worker.postMessage({ type: 'start', fd });
worker.postMessage('ping');`,
    },
    {
      // a module-level lock acquired lazily is not overwritten per call
      code: `${locks.mutex.acquisition.import}
let release: (() => void) | undefined;
export async function enter() {
  if (release) return release;
  release = await mutex.acquire();
  return release;
}`,
    },
    {
      // lazy initialisations of module-level locks, and resources in function-level variables
      code: `import { Mutex } from 'async-mutex';
import pg from 'pg';
const mutex = new Mutex();
const pool = new pg.Pool();
let a: (() => void) | undefined;
let b: (() => void) | undefined;
let c: (() => void) | undefined;
let d: (() => void) | undefined;
export async function lazy() {
  if (a == null) a = await mutex.acquire();
  if (typeof b === 'undefined') {
    b = await mutex.acquire();
  }
  if (c !== undefined) {
    return c;
  }
  c = await mutex.acquire();
  d || (d = await mutex.acquire());
  a();
  b();
  c();
  d();
}
export async function local() {
  let client: pg.PoolClient;
  const run = async () => {
    client = await pool.connect();
    client.release();
  };
  await run();
}
let top: pg.PoolClient;
top = await pool.connect();
top.release();`,
    },
    {
      // values sent to workers that are not resources, or cannot be followed
      code: `import { Worker } from 'node:worker_threads';
import mysql from 'mysql2/promise';
const conn = await mysql.createConnection({});
const worker = new Worker('./w.js', { workerData: { a: { b: { c: { d: conn } } } } });
export function send(connection: unknown, ...rest: unknown[]) {
  worker.postMessage(connection);
  worker.postMessage(...rest);
}
let data;
data = { conn };
worker.postMessage(data);
worker.postMessage(\`text\`);
new Worker('./w.js', { ['workerData']: 1, [Symbol.iterator]: 2 });
await conn.end();`,
    },
    {
      // a module-level connection in a sync function called only at top level
      code: `import mysql from 'mysql2';
const conn = mysql.createConnection({});
function load(id: number) {
  conn.query('select ?', [id]);
}
load(1);
load(2);`,
    },
    {
      // settings: an API marked shareable is not reported
      code: `import { createClient } from '@acme/db';
const client = createClient();
export async function handler() {
  return client.query('select 1');
}`,
      settings,
    },
  ],
  invalid: [
    {
      // pg Client shared by Express handlers, and a transaction opened on it
      code: `import express from 'express';
import { Client } from 'pg';
const client = new Client();
await client.connect();
const app = express();
app.get('/users/:id', async (req, res) => {
  res.json(await client.query('select * from users where id = $1', [req.params.id]));
});
app.post('/transfer', async (req, res) => {
  await client.query('BEGIN');
  await client.query('update accounts set balance = balance - $1', [req.body.amount]);
  await client.query('COMMIT');
  res.end();
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new Client()`',
            users: 'the request handler passed to `app.get()` on line 6 (and 1 other concurrent function)',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 30,
          data: {
            call: "client.query('BEGIN')",
            user: 'the request handler passed to `app.post()` on line 9',
            connection: 'connection `client` from `new Client()`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // mysql2/promise connection used by an exported async function, with beginTransaction
      code: `import mysql from 'mysql2/promise';
const conn = await mysql.createConnection({ host: 'db' });
export async function transfer(amount: number) {
  await conn.beginTransaction();
  await conn.query('update accounts set balance = balance - ?', [amount]);
  await conn.commit();
}`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 11,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the exported function `transfer`',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 32,
          data: {
            call: 'conn.beginTransaction()',
            user: 'the exported function `transfer`',
            connection: 'connection `conn` from `mysql.createConnection()`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // TS wrappers: non-null assertion and as on a connection used by an exported class
      code: `import pg from 'pg';
const client: pg.Client | undefined = new pg.Client();
export class Repo {
  async find(id: string) {
    return client!.query('select $1', [id]);
  }
  async save() {
    await (client as pg.Client).query('START TRANSACTION');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new pg.Client()`',
            users: 'the method `find` of the exported class `Repo` (and 1 other concurrent function)',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 59,
          data: {
            call: "client.query('START TRANSACTION')",
            user: 'the method `save` of the exported class `Repo`',
            connection: 'connection `client` from `new pg.Client()`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a module-level let holding a pool client, assigned and released in an exported function
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
let client: PoolClient | null = null;
export async function job(id: string) {
  client = await pool.connect();
  try {
    await client.query('update jobs set done = true where id = $1', [id]);
  } finally {
    client.release();
    client = null;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'overwrittenResource',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 32,
          data: {
            name: 'client',
            noun: 'client',
            label: 'pool.connect()',
            user: 'the exported function `job`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a module-level let holding a lock, released by the same async function
      code: `${locks.mutex.acquisition.import}
let release: () => void;
async function critical() {
  release = await mutex.acquire();
  try {
    await work();
  } finally {
    release();
  }
}
setInterval(critical, 1000);`,
      output: null,
      errors: [
        {
          messageId: 'overwrittenResource',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 34,
          data: {
            name: 'release',
            noun: 'lock',
            label: 'mutex.acquire()',
            user: 'the async function `critical`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a client checked out of a pool once, shared by router handlers
      code: `import { Router } from 'express';
${sql.pgPool.acquisition.defaultImport}
const client = await pool.connect();
export const router = Router();
router.get('/a', (req, res) => {
  client.query('select 1');
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 13,
          data: {
            connection: 'client `client` from `pool.connect()`',
            users: 'the request handler passed to `router.get()` on line 6',
          },
          suggestions: null,
        },
      ],
    },
    {
      // an exported connection: every importer shares it
      code: `import mysql from 'mysql2';
export const db = mysql.createConnection({ host: 'db' });
db.connect();`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 16,
          data: {
            connection: 'connection `db` from `mysql.createConnection()`',
            users: 'the modules that import it (it is exported)',
          },
          suggestions: null,
        },
      ],
    },
    {
      // Fastify routes: a route object handler and a handler after options
      code: `import Fastify from 'fastify';
import { Client } from 'pg';
const db = new Client();
const fastify = Fastify();
fastify.route({ method: 'GET', url: '/a', handler: async () => db.query('select 1') });
fastify.get('/b', { schema: {} }, (req, reply) => {
  db.query('select 2');
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 9,
          data: {
            connection: 'connection `db` from `new Client()`',
            users: 'the request handler passed to `fastify.route()` on line 5 (and 1 other concurrent function)',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a bullmq job processor and a worker message listener
      code: `import { Worker } from 'bullmq';
import { parentPort } from 'node:worker_threads';
import mysql from 'mysql2';
const conn = mysql.createConnection({}).promise();
new Worker('emails', (job) => conn.query('insert into sent values (?)', [job.id]));
parentPort!.on('message', (task) => {
  conn.query({ sql: 'begin' });
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 11,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the job processor passed to `new Worker()` on line 5 (and 1 other concurrent function)',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 31,
          data: {
            call: 'conn.query({…})',
            user: 'the `message` listener passed to `parentPort.on()` on line 6',
            connection: 'connection `conn` from `mysql.createConnection()`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a helper called from an http.createServer request handler
      code: `import http from 'node:http';
import mysql from 'mysql2';
const conn = mysql.createConnection({});
function findUser(id: string, done: (rows: unknown) => void) {
  conn.query('select * from users where id = ?', [id], (err, rows) => done(rows));
}
http.createServer((req, res) => findUser(req.url!, (rows) => res.end(JSON.stringify(rows)))).listen(8080);`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 11,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: '`findUser()`, called from the request handler passed to `http.createServer()` on line 7',
          },
          suggestions: null,
        },
      ],
    },
    {
      // connections and pools passed to worker threads
      code: `import { Worker } from 'node:worker_threads';
import mysql from 'mysql2/promise';
import pg from 'pg';
const conn = await mysql.createConnection({});
const pool = new pg.Pool();
const data = { conn };
const worker = new Worker('./worker.js', { workerData: { conn, retries: 3 } });
worker.postMessage(pool);
worker.postMessage(data);
worker.postMessage([await pool.connect()]);`,
      output: null,
      errors: [
        {
          messageId: 'passedToWorker',
          line: 7,
          column: 58,
          endLine: 7,
          endColumn: 62,
          data: {
            resource: 'connection `conn` from `mysql.createConnection()`',
            channel: '`workerData`',
            noun: 'connection',
          },
          suggestions: null,
        },
        {
          messageId: 'passedToWorker',
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 24,
          data: {
            resource: 'pool `pool` from `new pg.Pool()`',
            channel: '`worker.postMessage()`',
            noun: 'pool',
          },
          suggestions: null,
        },
        {
          messageId: 'passedToWorker',
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 24,
          data: {
            resource: 'connection `conn` from `mysql.createConnection()`',
            channel: '`worker.postMessage()`',
            noun: 'connection',
          },
          suggestions: null,
        },
        {
          messageId: 'passedToWorker',
          line: 10,
          column: 21,
          endLine: 10,
          endColumn: 41,
          data: {
            resource: 'client from `pool.connect()`',
            channel: '`worker.postMessage()`',
            noun: 'client',
          },
          suggestions: null,
        },
      ],
    },
    {
      // concurrent tests share one client
      code: `import { Client } from 'pg';
const client = new Client();
test.concurrent('a', async () => {
  await client.query('select 1');
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new Client()`',
            users: 'the concurrent test passed to `test.concurrent()` on line 3',
          },
          suggestions: null,
        },
      ],
    },
    {
      // async callbacks of map run at the same time, even in main
      code: `import pg from 'pg';
const client = new pg.Client();
async function main(ids: string[]) {
  await Promise.all(ids.map(async (id) => client.query('select $1', [id])));
}
await main(['a', 'b']);`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new pg.Client()`',
            users: 'the async callback passed to `ids.map()` on line 4',
          },
          suggestions: null,
        },
      ],
    },
    {
      // an async function started twice without waiting
      code: `import pg from 'pg';
const client = new pg.Client();
async function load(id: string) {
  await client.query('select $1', [id]);
}
load('a');
load('b');`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new pg.Client()`',
            users: 'the async function `load`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a lazily created connection returned by an exported getter is shared
      code: `import mysql from 'mysql2/promise';
let conn: mysql.Connection | undefined;
export async function getConnection() {
  if (!conn) conn = await mysql.createConnection({});
  return conn;
}`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 9,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the exported function `getConnection`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // an assignment in a request handler overwrites the module-level connection of a concurrent request
      code: `import express from 'express';
import mysql from 'mysql2/promise';
let conn: mysql.Connection;
const app = express();
app.post('/orders', async (req, res) => {
  conn = await mysql.createConnection({});
  await conn.query('insert into orders values (?)', [req.body.id]);
  res.end();
});`,
      output: null,
      errors: [
        {
          messageId: 'overwrittenResource',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 42,
          data: {
            name: 'conn',
            noun: 'connection',
            label: 'mysql.createConnection()',
            user: 'the request handler passed to `app.post()` on line 5',
          },
          suggestions: null,
        },
      ],
    },
    {
      // optional chaining, parentheses, satisfies and comments around the connection
      code: `import pg from 'pg';
const client = (new pg.Client() satisfies pg.Client);
export async function run() {
  await (client)?.query(/* open */ 'BEGIN' /* a transaction */);
}`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new pg.Client()`',
            users: 'the exported function `run`',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 64,
          data: {
            call: "client.query('BEGIN')",
            user: 'the exported function `run`',
            connection: 'connection `client` from `new pg.Client()`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a lazy ??= on a module-level let makes a shared connection
      code: `import mysql from 'mysql2/promise';
let conn: mysql.Connection | undefined;
export async function query(sql: string) {
  conn ??= await mysql.createConnection({});
  return conn.query(sql);
}`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 9,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the exported function `query`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // named handlers passed to routes, a route chain and a middleware array
      code: `import express from 'express';
import mysql from 'mysql2';
const conn = mysql.createConnection({});
const app = express();
function getUser(req: express.Request, res: express.Response) {
  conn.query('select 1', () => res.end());
}
const auth: express.RequestHandler = (req, res, next) => {
  conn.query('select 2', () => next());
};
app.get('/users', getUser);
app.route('/items').post((req, res) => conn.query('select 3'));
app.put('/users', [auth], (req: express.Request, res: express.Response) => res.end());`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 11,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the request handler passed to `app.get()` on line 11 (and 2 other concurrent functions)',
          },
          suggestions: null,
        },
      ],
    },
    {
      // server events, net servers, cron jobs, agenda jobs and message consumers
      code: `import net from 'node:net';
import http from 'node:http';
import cron from 'node-cron';
import { CronJob } from 'cron';
import pg from 'pg';
const client = new pg.Client();
const server = http.createServer();
server.on('request', (req, res) => client.query('select 1'));
net.createServer((socket) => client.query('select 2'));
cron.schedule('* * * * *', () => client.query('select 3'));
new CronJob('* * * * *', () => client.query('select 4'));
declare const agenda: { define(name: string, fn: () => void): void };
agenda.define('job', () => client.query('select 5'));
declare const channel: { consume(queue: string, fn: (msg: unknown) => void): void };
channel.consume('tasks', (msg) => client.query('select 6'));
server.addListener('upgrade', () => client.query('select 7'));`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new pg.Client()`',
            users: 'the `request` listener passed to `server.on()` on line 8 (and 6 other concurrent functions)',
          },
          suggestions: null,
        },
      ],
    },
    {
      // exported object methods, export specifiers and export default
      code: `import pg from 'pg';
const client = new pg.Client();
const a = new pg.Client();
const b = new pg.Client();
function find() {
  return a.query('select 1');
}
export { find };
export default {
  async save() {
    await client.query('select 2');
  },
};
const remove = () => b.query('select 3');
export { remove as del };`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new pg.Client()`',
            users: 'the exported function `save`',
          },
          suggestions: null,
        },
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 8,
          data: {
            connection: 'connection `a` from `new pg.Client()`',
            users: 'the exported function `find`',
          },
          suggestions: null,
        },
        {
          messageId: 'sharedConnection',
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 8,
          data: {
            connection: 'connection `b` from `new pg.Client()`',
            users: 'the exported function `remove`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a constructor of a class exported by name, and an async method of a local class
      code: `import pg from 'pg';
const client = new pg.Client();
const other = new pg.Client();
class Repo {
  constructor() {
    client.query('select 1');
  }
}
class Local {
  async load() {
    await other.query('select 2');
  }
}
export { Repo, Local as L2 };`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new pg.Client()`',
            users: 'the constructor of the exported class `Repo`',
          },
          suggestions: null,
        },
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 12,
          data: {
            connection: 'connection `other` from `new pg.Client()`',
            users: 'the method `load` of the exported class `Local`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // settings: an API marked singleConnection, and a connection-kind checkout
      code: `import db from '@acme/db';
const session = db.open();
const conn = await db.checkout();
export async function handler() {
  await session.query('select 1');
  await conn.query('select 1');
}`,
      settings,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 14,
          data: {
            connection: 'session `session` from `db.open()`',
            users: 'the exported function `handler`',
          },
          suggestions: null,
        },
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 11,
          data: {
            connection: 'connection `conn` from `db.checkout()`',
            users: 'the exported function `handler`',
          },
          suggestions: null,
        },
      ],
    },
  ],
});

jsRuleTester.run('no-shared-connection (JavaScript modules)', rule, {
  valid: [
    {
      // ESM: a sync exported function cannot interleave with itself
      code: `import fs from 'node:fs';
let fd;
export function append(path, line) {
  fd = fs.openSync(path, 'a');
  fs.writeSync(fd, line);
  fs.closeSync(fd);
  fd = undefined;
}`,
    },
    {
      // ESM: a one-shot main with a module-level connection
      code: `import mysql from 'mysql2/promise';
const conn = await mysql.createConnection({ host: 'db' });
async function main() {
  const [rows] = await conn.query('select * from users');
  console.log(rows);
}
await main();
await conn.end();`,
    },
    {
      // ESM: a worker-thread pool where each worker opens its own pool
      code: `import { parentPort } from 'node:worker_threads';
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db', connectionLimit: 1 });
parentPort.on('message', async (task) => {
  const conn = await pool.getConnection();
  try {
    parentPort.postMessage(await conn.query(task.sql));
  } finally {
    conn.release();
  }
});`,
    },
  ],
  invalid: [
    {
      // ESM: a Koa middleware shares a pg client
      code: `import Koa from 'koa';
import pg from 'pg';
const client = new pg.Client();
await client.connect();
const app = new Koa();
app.use(async (ctx) => {
  ctx.body = await client.query('select now()');
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new pg.Client()`',
            users: 'the request handler passed to `app.use()` on line 6',
          },
          suggestions: null,
        },
      ],
    },
    {
      // ESM: a connection sent to a worker through workerData and postMessage
      code: `import { Worker } from 'node:worker_threads';
import pg from 'pg';
const client = new pg.Client();
for (let i = 0; i < 4; i++) {
  const worker = new Worker('./worker.js', { workerData: { client } });
  worker.postMessage(client);
}`,
      output: null,
      errors: [
        {
          messageId: 'passedToWorker',
          line: 5,
          column: 60,
          endLine: 5,
          endColumn: 66,
          data: {
            resource: 'connection `client` from `new pg.Client()`',
            channel: '`workerData`',
            noun: 'connection',
          },
          suggestions: null,
        },
        {
          messageId: 'passedToWorker',
          line: 6,
          column: 22,
          endLine: 6,
          endColumn: 28,
          data: {
            resource: 'connection `client` from `new pg.Client()`',
            channel: '`worker.postMessage()`',
            noun: 'connection',
          },
          suggestions: null,
        },
      ],
    },
    {
      // ESM: a worker that shares one connection between its messages
      code: `import { parentPort } from 'node:worker_threads';
import mysql from 'mysql2/promise';
const conn = await mysql.createConnection({ host: 'db' });
parentPort.on('message', async (task) => {
  await conn.query('START TRANSACTION');
  parentPort.postMessage(await conn.query(task.sql));
  await conn.query('COMMIT');
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 11,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the `message` listener passed to `parentPort.on()` on line 4',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 40,
          data: {
            call: "conn.query('START TRANSACTION')",
            user: 'the `message` listener passed to `parentPort.on()` on line 4',
            connection: 'connection `conn` from `mysql.createConnection()`',
          },
          suggestions: null,
        },
      ],
    },
  ],
});

cjsRuleTester.run('no-shared-connection (CommonJS)', rule, {
  valid: [
    {
      // CommonJS: a pool shared by every request handler
      code: `const express = require('express');
const mysql = require('mysql2');
const pool = mysql.createPool({ connectionLimit: 10 });
const app = express();
app.get('/users', (req, res) => {
  pool.query('select * from users', (err, rows) => res.json(rows));
});
module.exports = { pool };`,
    },
    {
      // CommonJS: a script that connects, queries and ends at top level
      code: `const mysql = require('mysql');
const connection = mysql.createConnection({ host: 'localhost' });
connection.connect();
connection.query('select 1 + 1 as solution', function (error, results) {
  if (error) throw error;
  console.log(results[0].solution);
});
connection.end();`,
    },
  ],
  invalid: [
    {
      // CommonJS: the handleDisconnect pattern used by Express routes
      code: `var express = require('express');
var mysql = require('mysql');
var app = express();
var connection;
function handleDisconnect() {
  connection = mysql.createConnection({ host: 'localhost' });
  connection.connect(function (err) {
    if (err) setTimeout(handleDisconnect, 2000);
  });
  connection.on('error', function (err) {
    if (err.code === 'PROTOCOL_CONNECTION_LOST') handleDisconnect();
    else throw err;
  });
}
handleDisconnect();
app.get('/', function (req, res) {
  connection.query('select 1', function (err, rows) {
    res.send(rows);
  });
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 15,
          data: {
            connection: 'connection `connection` from `mysql.createConnection()`',
            users: 'the request handler passed to `app.get()` on line 16',
          },
          suggestions: null,
        },
      ],
    },
    {
      // CommonJS: a connection exported with module.exports
      code: `const mysql = require('mysql2');
const connection = mysql.createConnection({ host: 'localhost' });
connection.connect();
module.exports = connection;`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 17,
          data: {
            connection: 'connection `connection` from `mysql.createConnection()`',
            users: 'the modules that import it (it is exported)',
          },
          suggestions: null,
        },
      ],
    },
    {
      // CommonJS: an exported handler and a queue processor
      code: `const { Client } = require('pg');
const client = new Client();
client.connect();
exports.handler = async (event) => client.query('select $1', [event.id]);
const queue = require('./queue');
queue.process(async (job) => {
  await client.query('BEGIN');
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 13,
          data: {
            connection: 'connection `client` from `new Client()`',
            users: 'the exported function `handler` (and 1 other concurrent function)',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 30,
          data: {
            call: "client.query('BEGIN')",
            user: 'the job processor passed to `queue.process()` on line 6',
            connection: 'connection `client` from `new Client()`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // CommonJS: module-level variables holding a pool connection and a file handle, per call
      code: `const mysql = require('mysql2/promise');
const pool = mysql.createPool({});
var conn;
module.exports = async function processor(job) {
  conn = await pool.getConnection();
  try {
    await conn.query('update jobs set done = 1 where id = ?', [job.id]);
  } finally {
    conn.release();
  }
};
let fh;
module.exports.write = async function write(data) {
  fh = await require('node:fs/promises').open('/tmp/out', 'a');
  try {
    await fh.write(data);
  } finally {
    await fh.close();
  }
};`,
      output: null,
      errors: [
        {
          messageId: 'overwrittenResource',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 36,
          data: {
            name: 'conn',
            noun: 'connection',
            label: 'pool.getConnection()',
            user: 'the exported function `processor`',
          },
          suggestions: null,
        },
        {
          messageId: 'overwrittenResource',
          line: 14,
          column: 3,
          endLine: 14,
          endColumn: 63,
          data: {
            name: 'fh',
            noun: 'file handle',
            label: "require('node:fs/promises').open()",
            user: 'the exported function `write`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // CommonJS: transactions through .promise(), a template and a query object; checks are not uses
      code: `const mysql = require('mysql2');
const express = require('express');
const conn = mysql.createConnection({});
const app = express();
app.post('/a', async (req, res) => {
  if (!conn || conn == null) return;
  const live = conn ? conn.threadId : null;
  await conn.promise().query('START TRANSACTION');
  conn.query(\`BEGIN\`);
  conn.query({ ...req.body, sql: 'begin work' });
  conn.query({ values: [1] });
  conn.promise();
  conn.query('select 1');
});`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 11,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the request handler passed to `app.post()` on line 5',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 50,
          data: {
            call: "conn.promise().query('START TRANSACTION')",
            user: 'the request handler passed to `app.post()` on line 5',
            connection: 'connection `conn` from `mysql.createConnection()`',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 22,
          data: {
            call: 'conn.query(`BEGIN`)',
            user: 'the request handler passed to `app.post()` on line 5',
            connection: 'connection `conn` from `mysql.createConnection()`',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 49,
          data: {
            call: 'conn.query({…})',
            user: 'the request handler passed to `app.post()` on line 5',
            connection: 'connection `conn` from `mysql.createConnection()`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // CommonJS: a file descriptor overwritten by an exported function that waits between open and close
      code: `const fs = require('node:fs');
let fd;
exports.append = function (line, done) {
  fd = fs.openSync('/tmp/log', 'a');
  fs.write(fd, line, () => {
    fs.closeSync(fd);
    done();
  });
};`,
      output: null,
      errors: [
        {
          messageId: 'overwrittenResource',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 36,
          data: {
            name: 'fd',
            noun: 'file descriptor',
            label: 'fs.openSync()',
            user: 'the exported function `append`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // CommonJS: module.exports objects, exported classes and a named function exported by assignment
      code: `const mysql = require('mysql2');
const conn = mysql.createConnection({});
const other = mysql.createConnection({});
const third = mysql.createConnection({});
function list(cb) {
  conn.query('select 1', cb);
}
module.exports = { list, count: (cb) => conn.query('select 2', cb) };
module.exports.Repo = class {
  find(cb) {
    other.query('select 3', cb);
  }
};
exports.run = function () {
  third.query('select 4');
};`,
      output: null,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 11,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the exported function `list` (and 1 other concurrent function)',
          },
          suggestions: null,
        },
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 12,
          data: {
            connection: 'connection `other` from `mysql.createConnection()`',
            users: 'the method `find` of the exported class',
          },
          suggestions: null,
        },
        {
          messageId: 'sharedConnection',
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 12,
          data: {
            connection: 'connection `third` from `mysql.createConnection()`',
            users: 'the exported function `run`',
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
ruleTester.run('no-shared-connection', rule, {
  valid: [
    {
      // a pool, checked out per call in an overloaded namespace function; a `declare const` connection is not created here
      code: `import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'db' });
declare const conn: mysql.Connection;

export namespace Handlers {
  export async function transfer(from: string, to: string): Promise<void>;
  export async function transfer(from: string, to: string, cents: number): Promise<void>;
  export async function transfer(from: string, to: string, cents = 0): Promise<void> {
    const own = await pool.getConnection();
    try {
      await own.query('update accounts set balance = balance - ? where id = ?', [cents, from]);
      await own.query('update accounts set balance = balance + ? where id = ?', [cents, to]);
    } finally {
      own.release();
    }
  }
}
export enum Isolation { ReadCommitted = 'READ COMMITTED', Serializable = 'SERIALIZABLE' }
`,
    },
  ],
  invalid: [
    {
      // one module-level connection used by an overloaded function exported from a namespace
      code: `import mysql from 'mysql2/promise';

const conn = await mysql.createConnection({ host: 'db' });

export namespace Handlers {
  export async function transfer(from: string, to: string): Promise<void>;
  export async function transfer(from: string, to: string, cents: number): Promise<void>;
  export async function transfer(from: string, to: string, cents = 0): Promise<void> {
    await conn.beginTransaction();
    await conn.query('update accounts set balance = balance - ? where id = ?', [cents, from]);
    await conn.query('update accounts set balance = balance + ? where id = ?', [cents, to]);
    await conn.commit();
  }
}
`,
      errors: [
        {
          messageId: 'sharedConnection',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 11,
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the exported function `transfer`',
          },
          suggestions: null,
        },
        {
          messageId: 'transactionOnShared',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 34,
          data: {
            call: 'conn.beginTransaction()',
            connection: 'connection `conn` from `mysql.createConnection()`',
            user: 'the exported function `transfer`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});
