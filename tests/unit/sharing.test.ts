import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { concurrencyModel } from '../../src/analysis/concurrency.js';
import { resourceModel } from '../../src/resources/match.js';
import { readSettings } from '../../src/resources/settings.js';
import { isEndMethod, isSetupMethod, isThreadBound, transactionStartOn } from '../../src/resources/sharing.js';
import { sharedValueAt } from '../../src/resources/recognize.js';
import { withCalls } from './harness.js';

/** `sharing/noun/label/threadBound` of the argument of every `probe(…)` call in `code`. */
function sharing(code: string, settings: Record<string, unknown> = {}): string[] {
  const found: string[] = [];
  withCalls(
    code,
    (call, context) => {
      if (call.callee.type !== 'Identifier' || call.callee.name !== 'probe') return;
      const value = sharedValueAt(resourceModel(context), call.arguments[0] as TSESTree.Expression);
      found.push(
        value ? `${value.sharing}/${value.noun}/${value.label}/${isThreadBound(value) ? 'bound' : 'free'}` : 'null',
      );
    },
    settings,
  );
  return found;
}

/** The concurrency of every `probe()` call in `code`: its description, or `null`. */
function concurrency(code: string): (string | null)[] {
  const found: (string | null)[] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== 'Identifier' || call.callee.name !== 'probe') return;
    const result = concurrencyModel(resourceModel(context)).contextOf(call);
    found.push(result ? `${result.kind}: ${result.description}` : null);
  });
  return found;
}

describe('sharedValueAt', () => {
  it('tells single connections from shareable pools and clients', () => {
    expect(
      sharing(`import pg from 'pg';
import mysql from 'mysql2/promise';
import knex from 'knex';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { MongoClient } from 'mongodb';
probe(new pg.Client());
probe(new pg.Pool());
probe(await mysql.createConnection({}));
probe(mysql.createPool({}));
probe(knex({}));
probe(require('knex')({}));
probe(new Redis());
probe(createClient());
probe(new MongoClient('x'));`),
    ).toEqual([
      'single/connection/new pg.Client()/bound',
      'shareable/pool/new pg.Pool()/bound',
      'single/connection/mysql.createConnection()/bound',
      'shareable/pool/mysql.createPool()/bound',
      'shareable/knex instance/knex()/bound',
      "shareable/knex instance/require('knex')()/bound",
      'shareable/Redis client/new Redis()/bound',
      'shareable/Redis client/createClient()/bound',
      'shareable/MongoDB client/new MongoClient()/bound',
    ]);
  });

  it("sees through `await`, TypeScript wrappers and mysql2's `.promise()`", () => {
    expect(
      sharing(`import mysql from 'mysql2';
probe(mysql.createConnection({}).promise());
probe((mysql.createPool({}) as any).promise());
probe(mysql.createConnection({})!);`),
    ).toEqual([
      'single/connection/mysql.createConnection()/bound',
      'shareable/pool/mysql.createPool()/bound',
      'single/connection/mysql.createConnection()/bound',
    ]);
  });

  it('counts a client checked out of a pool as a single connection, locks and descriptors as other resources', () => {
    expect(
      sharing(`import pg from 'pg';
import { Mutex } from 'async-mutex';
import fs from 'node:fs';
const pool = new pg.Pool();
const mutex = new Mutex();
probe(await pool.connect());
probe(await mutex.acquire());
probe(mutex);
probe(new Mutex());
probe(fs.openSync('f'));
probe(new Foo());
probe(foo);
probe(foo());`),
    ).toEqual([
      'single/client/pool.connect()/bound',
      'other/lock/mutex.acquire()/free',
      'null',
      'other/instance/new Mutex()/free',
      'other/file descriptor/fs.openSync()/free',
      'null',
      'null',
      'null',
    ]);
  });

  it('shortens a long constructor in its label', () => {
    expect(sharing(`import * as pg from 'pg';\nprobe(new pg.native.Client());`)).toEqual([
      'single/connection/new pg.native.Client()/bound',
    ]);
    expect(sharing(`probe(new (require('pg').native.Client as unknown as typeof Object)());`)).toEqual([
      'single/connection/new …Client()/bound',
    ]);
  });

  it('reads `singleConnection` and `shareable` from settings; a `connection` kind is single unless shareable', () => {
    const settings = {
      cleanup: {
        resources: [
          {
            module: '@acme/db',
            acquire: 'open',
            release: { methods: ['close'] },
            noun: 'session',
            singleConnection: true,
          },
          {
            module: '@acme/db',
            acquire: 'createClient',
            release: { methods: ['close'] },
            kind: 'connection',
            shareable: true,
          },
          { module: '@acme/db', acquire: 'checkout', release: { methods: ['checkin'] }, kind: 'connection' },
          { module: '@acme/db', acquire: 'watch', release: { methods: ['stop'] } },
        ],
      },
    };
    expect(
      sharing(
        `import db from '@acme/db';
probe(db.open());
probe(db.createClient());
probe(await db.checkout());
probe(db.watch());`,
        settings,
      ),
    ).toEqual([
      'single/session/db.open()/free',
      'shareable/resource/db.createClient()/bound',
      'single/resource/db.checkout()/bound',
      'other/resource/db.watch()/free',
    ]);
  });
});

describe('transactionStartOn', () => {
  it('recognises `beginTransaction()` and queries that start a transaction, and labels them', () => {
    const found: (string | null)[] = [];
    let done = false;
    withCalls(
      `conn.beginTransaction();
conn.query('BEGIN');
conn.promise().query(' start transaction');
(conn as any).execute(\`begin work\`);
client.query({ text: 'BEGIN' });
client.query({ sql: 'BEGIN ISOLATION LEVEL SERIALIZABLE' });
conn.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
conn.query('SELECT 1');
conn.query({ values: [] });
conn.query(sql);
conn.commit();
conn.promise(1).query('BEGIN');
conn.promise;
query(conn);
conn.query;`,
      (_call, context) => {
        if (done) return;
        done = true;
        const globals = context.sourceCode.scopeManager?.globalScope?.through ?? [];
        for (const { identifier } of globals) {
          if (identifier.name !== 'conn' && identifier.name !== 'client') continue;
          found.push(transactionStartOn(identifier)?.label ?? null);
        }
      },
    );
    expect(found).toEqual([
      'conn.beginTransaction()',
      "conn.query('BEGIN')",
      "conn.promise().query(' start transaction')",
      'conn.execute(`begin work`)',
      'client.query({…})',
      'client.query({…})',
      'conn.query(…)',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('isSetupMethod and isEndMethod', () => {
  it('know the calls that set a connection up or end a resource', () => {
    const names = ['connect', 'on', 'end', 'closeSync', 'terminate', 'query', null];
    expect(names.map(isSetupMethod)).toEqual([true, true, true, false, false, false, false]);
    expect(names.map(isEndMethod)).toEqual([false, false, true, true, true, false, false]);
  });
});

describe('settings.cleanup.resources[].shareable', () => {
  it('is accepted as a boolean and cannot be combined with singleConnection', () => {
    const entry = { acquire: 'open', release: { methods: ['close'] } };
    expect(
      readSettings({ cleanup: { resources: [{ ...entry, shareable: true }] } }).resources[0]?.resource.shareable,
    ).toBe(true);
    expect(() => readSettings({ cleanup: { resources: [{ ...entry, shareable: 'yes' }] } })).toThrow(
      'settings.cleanup.resources[0].shareable must be a boolean.',
    );
    expect(() =>
      readSettings({ cleanup: { resources: [{ ...entry, shareable: true, singleConnection: true }] } }),
    ).toThrow('settings.cleanup.resources[0] cannot be both `singleConnection` and `shareable`.');
  });
});

describe('ConcurrencyModel', () => {
  it('runs module top level, a one-shot main and its awaited helpers once', () => {
    expect(
      concurrency(`probe();
async function helper() { probe(); }
async function main() { probe(); await helper(); for (const x of [1]) await helper(); }
main().catch(() => {});
(async () => { probe(); })();
class A { static { probe(); } field = probe(); }`),
    ).toEqual([null, null, null, null, null, null]);
  });

  it('treats async functions started more than once without waiting as concurrent', () => {
    expect(
      concurrency(`async function twice() { probe(); }
twice(); twice();
async function loop() { probe(); }
for (const x of [1, 2]) loop();
async function each() { probe(); }
[1, 2].forEach(() => each());
async function stored() { probe(); }
const handlers = [stored];`),
    ).toEqual([
      'async: the async function `twice`',
      'async: the async function `loop`',
      'async: the async function `each`',
      'async: the async function `stored`',
    ]);
  });

  it('names handlers, processors and listeners by the call that registers them', () => {
    expect(
      concurrency(`app.get('/a', (req, res) => probe());
app.use((req, res) => probe());
someObject.get('/b', () => probe());
cache.get('key', () => probe());
http.createServer(() => probe());
net.createServer(() => probe());
new Worker('q', async () => probe());
queue.process(() => probe());
parentPort.on('message', () => probe());
process.on('SIGTERM', async () => probe());
emitter.on('data', async () => probe());
emitter.on('data', () => probe());
fastify.addHook('onRequest', () => probe());`),
    ).toEqual([
      'handler: the request handler passed to `app.get()` on line 1',
      'handler: the request handler passed to `app.use()` on line 2',
      'handler: the request handler passed to `someObject.get()` on line 3',
      null,
      'handler: the request handler passed to `http.createServer()` on line 5',
      'handler: the connection handler passed to `net.createServer()` on line 6',
      'handler: the job processor passed to `new Worker()` on line 7',
      'handler: the job processor passed to `queue.process()` on line 8',
      'handler: the `message` listener passed to `parentPort.on()` on line 9',
      null,
      'async: the async callback passed to `emitter.on()` on line 11',
      null,
      'handler: the hook passed to `fastify.addHook()` on line 13',
    ]);
  });

  it('follows helpers to their callers, through recursion, and shortens long labels', () => {
    expect(
      concurrency(`function a(n) { probe(); if (n) b(n - 1); }
function b(n) { a(n); }
theVeryLongApplicationObjectNameForRoutes.get('/x', () => b(1));
function unused() { probe(); }
new Promise(() => probe());
Promise.resolve().then(async () => probe());
context.subscriptions.push(async () => probe());
it.concurrent('x', async () => probe());
describe.each([1])('x', () => { it('y', async () => probe()); });`),
    ).toEqual([
      'handler: `a()`, called from the request handler passed to `…get()` on line 3',
      null,
      null,
      null,
      'async: the async callback passed to `context.subscriptions.push()` on line 7',
      'handler: the concurrent test passed to `it.concurrent()` on line 8',
      null,
    ]);
  });

  it('describes methods, assigned functions and every export form', () => {
    expect(
      concurrency(`class A { async m() { probe(); } sync() { probe(); } }
const o = { async m() { probe(); }, async [key]() { probe(); }, async ['lit']() { probe(); }, 7: async () => probe() };
obj.run = async () => probe();
let h;
h = async () => probe();
export const e = async () => probe();
export default class { m() { probe(); } }
function f(module) { module.exports = async () => probe(); }
export async function* gen() { probe(); }`),
    ).toEqual([
      'async: the async method `m`',
      null,
      'async: the async method `m`',
      'async: the async method `?`',
      'async: the async method `lit`',
      'async: the async method `7`',
      'async: the async function on line 3',
      'async: the async function on line 5',
      'exported: the exported function `e`',
      'exported: the method `m` of the exported class',
      'async: the async function on line 8',
      'exported: the exported function `gen`',
    ]);
  });

  it('follows named functions passed to callbacks and stored in handlers', () => {
    expect(
      concurrency(`import express from 'express';
async function self() { probe(); await self(); }
self();
function later() { probe(); }
app.get('/', () => setTimeout(later));
function kept() { probe(); }
app.get('/k', () => { const list = [kept]; });
async function tested() { probe(); }
it('x', tested);
new Foo(async () => probe());
(fns[0])(async () => probe());
const r = express.Router();
r.post(somePath, () => probe());
other.post(somePath, () => probe());
app.get(\`/t\`, () => probe());
app.get(/re/, () => probe());
app.get(['/a', '/b'], () => probe());
parentPort.on(\`message\`, () => probe());`),
    ).toEqual([
      null,
      'handler: `later()`, called from the request handler passed to `app.get()` on line 5',
      'handler: `kept()`, called from the request handler passed to `app.get()` on line 7',
      null,
      'async: the async callback passed to `new Foo()` on line 10',
      'async: the async callback passed to `fns[0]()` on line 11',
      'handler: the request handler passed to `r.post()` on line 13',
      null,
      'handler: the request handler passed to `app.get()` on line 15',
      'handler: the request handler passed to `app.get()` on line 16',
      'handler: the request handler passed to `app.get()` on line 17',
      'handler: the `message` listener passed to `parentPort.on()` on line 18',
    ]);
  });
});
