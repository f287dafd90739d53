/**
 * The analyses of acquisitions in other shapes (issue 14): `pending.ts` (the binding an awaited promise lands in) and
 * `callbackResources.ts` (a resource delivered to a `.then()` or an error-first callback), on the real AST.
 */
import { describe, expect, it } from 'vitest';

import { lifetimeOf, verdictFor } from '../../src/analysis/cache.js';
import { callbackResourceAt, callbackVerdictOf } from '../../src/analysis/callbackResources.js';
import { resourceModel } from '../../src/resources/match.js';
import { acquisitionAt } from '../../src/resources/recognize.js';
import { withCalls } from './harness.js';

const PRELUDE = `import { Pool } from 'pg'; import { Mutex } from 'async-mutex'; import mysql from 'mysql';
const pool = new Pool(); const mutex = new Mutex(); const cluster = mysql.createPool({});`;

/** `form name verdict` of every acquisition's lifetime in `code`. */
function lifetimes(code: string): string[] {
  const found: string[] = [];
  withCalls(`${PRELUDE}\n${code}`, (call, context) => {
    const model = resourceModel(context);
    const acquisition = acquisitionAt(model, call);
    if (!acquisition) return;
    const lifetime = lifetimeOf(model, acquisition);
    found.push(`${lifetime.form} ${lifetime.name ?? '-'} ${verdictFor(model, acquisition).kind}`);
  });
  return found;
}

/** `style name verdict` of every resource delivered to a callback in `code`. */
function delivered(code: string): string[] {
  const found: string[] = [];
  withCalls(`${PRELUDE}\n${code}`, (call, context) => {
    const model = resourceModel(context);
    const resource = callbackResourceAt(model, call);
    if (!resource) return;
    found.push(`${resource.style} ${resource.param.name} ${callbackVerdictOf(model, resource).kind}`);
  });
  return found;
}

describe('pending acquisitions', () => {
  it('follow the binding the awaited promise lands in', () => {
    expect(
      lifetimes(`async function f() {
        const p = pool.connect();
        const client = await p;
        client.release();
      }
      async function g() {
        const [a, , b] = await Promise.all([pool.connect(), work(), pool.connect()]);
        try { await a.query('x'); } finally { a.release(); b.release(); }
      }`),
    ).toEqual(['declared client safe', 'declared a safe', 'declared b safe']);
  });

  it('leave other shapes to the plain analysis, and a promise awaited in a closure to the closure', () => {
    expect(
      lifetimes(`async function f() {
        let p = pool.connect();
        p = pool.connect();
        return p;
      }
      async function g() {
        const p = pool.connect();
        return run(async () => { const c = await p; c.release(); });
      }
      async function h() {
        const [a] = await Promise.race([pool.connect()]);
        a.release();
      }`),
    ).toEqual(['declared p safe', 'assigned p safe', 'handed-off - safe', 'handed-off - safe']);
  });

  it('leave a promise continued with .then() to the callback analysis', () => {
    expect(lifetimes(`function f() { const p = mutex.acquire(); return p.then((release) => release()); }`)).toEqual([
      'unsupported - safe',
    ]);
  });
});

describe('resources delivered to callbacks', () => {
  it('judge promise callbacks', () => {
    expect(
      delivered(`function f() {
        mutex.acquire().then((release) => { work(); release(); });
        mutex.acquire().then((release) => { release(); work(); });
        mutex.acquire().then((release) => { if (ok) release(); });
        mutex.acquire().then((release) => { work(); });
        mutex.acquire().then((release) => { queue.push(release); });
        pool.connect().then((client) => client.query('x').then(() => client.release()));
      }`),
    ).toEqual([
      'promise release leaksOnPath',
      'promise release safe',
      'promise release somePaths',
      'promise release never',
      'promise release safe',
      'promise client leaksOnPath',
    ]);
  });

  it('judge error-first callbacks path by path', () => {
    expect(
      delivered(`function f(cb) {
        cluster.getConnection((err, conn) => {
          if (err) return cb(err);
          conn.query('x', (qerr, rows) => { if (qerr) return cb(qerr); conn.release(); cb(null, rows); });
        });
        cluster.getConnection((err, conn) => {
          if (err) return cb(err);
          conn.query('x', (qerr, rows) => { conn.release(); if (qerr) return cb(qerr); cb(null, rows); });
        });
        cluster.getConnection((err, conn) => {
          if (err) return cb(err);
          conn.query('x', (qerr, rows) => { if (qerr) conn.release(); });
        });
        cluster.getConnection((err, conn) => { cb(err, conn); });
        cluster.getConnection((err, conn) => { conn.query('x'); });
        pool.connect((err, client, done) => { if (err) return; client.query('x', () => done()); });
      }`),
    ).toEqual([
      'error-first conn pathWithoutRelease',
      'error-first conn safe',
      'error-first conn pathWithoutRelease',
      'error-first conn safe',
      'error-first conn safe',
      'error-first client safe',
    ]);
  });
});
