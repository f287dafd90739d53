import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { ResourceModel, resourceModel, type Acquisition, type Origin } from '../../src/resources/match.js';
import { readSettings } from '../../src/resources/settings.js';
import { withCalls } from './harness.js';
import { runProbe } from './probe.js';

/** Every acquisition in `code`, as `label → resource id`. */
function acquisitions(code: string, settings: Record<string, unknown> = {}): Record<string, string> {
  const found: Record<string, string> = {};
  withCalls(
    code,
    (call, context) => {
      const acquisition: Acquisition | null = resourceModel(context).acquisitionOf(call);
      if (acquisition) found[acquisition.label] = acquisition.resource.id;
    },
    settings,
  );
  return found;
}

/** The origin of the receiver of the call named `name`. */
function originOfReceiver(code: string, name: string): Origin | null {
  let origin: Origin | null = null;
  withCalls(code, (call, context) => {
    const callee = call.callee as TSESTree.MemberExpression;
    if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === name) {
      origin = resourceModel(context).originOf(callee.object);
    }
  });
  return origin;
}

describe('originOf', () => {
  it('follows named, default and namespace imports, require and destructuring', () => {
    expect(originOfReceiver(`import { Pool } from 'pg'; const p = new Pool(); p.connect();`, 'connect')).toEqual({
      module: 'pg',
      path: ['Pool'],
      instance: true,
    });
    expect(originOfReceiver(`import pg from 'pg'; const p = new pg.Pool(); p.connect();`, 'connect')).toEqual({
      module: 'pg',
      path: ['Pool'],
      instance: true,
    });
    expect(originOfReceiver(`const { promises: fsp } = require('node:fs'); fsp.open('x');`, 'open')).toEqual({
      module: 'fs',
      path: ['promises'],
      instance: false,
    });
    expect(
      originOfReceiver(`import * as m from 'async-mutex'; const x = new m.default.Mutex(); x.acquire();`, 'acquire'),
    ).toEqual({
      module: 'async-mutex',
      path: ['Mutex'],
      instance: true,
    });
    expect(originOfReceiver(`import fs = require('fs'); fs.openSync('x');`, 'openSync')).toEqual({
      module: 'fs',
      path: [],
      instance: false,
    });
  });

  it('stops at bindings written more than once, parameters and unknown shapes', () => {
    expect(
      originOfReceiver(`import { Pool } from 'pg'; let p = new Pool(); p = other; p.connect();`, 'connect'),
    ).toBeNull();
    expect(originOfReceiver(`function f(p) { p.connect(); }`, 'connect')).toBeNull();
    expect(originOfReceiver(`import { Pool } from 'pg'; const p = make(Pool); p.connect();`, 'connect')).toBeNull();
    expect(originOfReceiver(`const [p] = require('pg'); p.connect();`, 'connect')).toBeNull();
  });
});

describe('acquisitionOf', () => {
  it('recognises catalog APIs by provenance', () => {
    expect(
      acquisitions(`
        import { Pool, Client } from 'pg';
        import mysql from 'mysql2/promise';
        import { Mutex, Semaphore, withTimeout } from 'async-mutex';
        import { Sema } from 'async-sema';
        import lockfile from 'proper-lockfile';
        import { openSync } from 'node:fs';
        import { open } from 'node:fs/promises';
        const pool = new Pool();
        const client = new Client();
        const my = mysql.createPool({});
        const mutex = withTimeout(new Mutex(), 100);
        const sem = new Semaphore(2);
        const sema = new Sema(1);
        async function f() {
          await pool.connect();
          await client.connect();
          await my.getConnection();
          await mysql.createConnection({});
          await mutex.acquire();
          await sem.acquire();
          await sema.acquire();
          await lockfile.lock('x');
          openSync('x');
          await open('x');
        }
      `),
    ).toEqual({
      'pool.connect()': 'pg:Pool#connect',
      'client.connect()': 'pg:Client#connect',
      'my.getConnection()': 'mysql:Pool#getConnection',
      'mysql.createConnection()': 'mysql:createConnection',
      'mutex.acquire()': 'async-mutex:Mutex#acquire',
      'sem.acquire()': 'async-mutex:Semaphore#acquire',
      'sema.acquire()': 'async-sema:Sema#acquire',
      'lockfile.lock()': 'proper-lockfile:lock',
      'openSync()': 'fs:openSync',
      'open()': 'fs/promises:open',
    });
  });

  it('skips callback forms, unrelated modules and catalog objects of the wrong kind', () => {
    expect(
      acquisitions(`
        import { Pool, Client } from 'pg';
        import { open } from './local-open';
        const pool = new Pool();
        const notAPool = new Client();
        pool.connect((err, c, done) => done());
        open('x');
        notAPool.getConnection();
        super_.connect();
      `),
    ).toEqual({});
  });

  it('falls back to receiver names for injected objects, unless switched off', () => {
    const code = `
      class Repo {
        async run() {
          await this.pool.connect();
          await this.dbPool.getConnection();
          await this.mutex.acquire();
          await this.redlock.acquire(['a'], 10);
          await this.writeLock.acquire();
          await ds.createQueryRunner();
          await this.socket.connect();
        }
      }
    `;
    expect(acquisitions(code)).toEqual({
      'this.pool.connect()': 'name:pool#connect',
      'this.dbPool.getConnection()': 'mysql:Pool#getConnection',
      'this.mutex.acquire()': 'name:lock#acquire',
      'this.redlock.acquire()': 'redlock:Redlock#acquire',
      'this.writeLock.acquire()': 'name:lock#acquire',
      'ds.createQueryRunner()': 'typeorm:DataSource#createQueryRunner',
    });
    expect(acquisitions(code, { cleanup: { nameFallbacks: false } })).toEqual({});
  });

  it('a receiver from a catalog module is never matched by name', () => {
    expect(acquisitions(`import { Client } from 'pg'; const pool = new Client(); pool.getConnection();`)).toEqual({});
  });

  it('reads user resources from settings, by module and by receiver name', () => {
    const settings = {
      cleanup: {
        resources: [
          { module: '@acme/db', acquire: 'checkout', release: { methods: ['checkin'] } },
          { receiver: '^lease', acquire: 'take', release: { callValue: true }, noun: 'lease', kind: 'lock' },
        ],
      },
    };
    expect(
      acquisitions(
        `
        import { db } from '@acme/db';
        import { other } from 'other';
        db.checkout();
        other.checkout();
        leaseManager.take();
        manager.take();
      `,
        settings,
      ),
    ).toEqual({ 'db.checkout()': 'settings:@acme/db#checkout', 'leaseManager.take()': 'settings:^lease#take' });
  });

  it('shortens long receivers in labels', () => {
    expect(acquisitions(`this.services.database.connections.primaryPool.connect();`)).toEqual({
      '…primaryPool.connect()': 'name:pool#connect',
    });
  });
});

describe('keyOf', () => {
  it('drops spacing, `!` and `?.` but keeps the `#` of private names', () => {
    const keys: string[] = [];
    withCalls(
      `class A { #t; t; m() { this.#t.release(); this.t.release(); this . t ! ?.release(); } }`,
      (call, context) => {
        const callee = call.callee as TSESTree.MemberExpression;
        keys.push(resourceModel(context).keyOf(callee.object));
      },
    );
    expect(keys).toEqual(['this.#t', 'this.t', 'this.t']);
  });
});

describe('module names in strings', () => {
  /** What the model answers for `code`, read from the tokens and (as a parser without a token list) from the text. */
  function mentions(
    code: string,
    ask: (model: ResourceModel, program: TSESTree.Program) => unknown,
    settings: Record<string, unknown> = {},
  ): { tokens: unknown; text: unknown } {
    let result: { tokens: unknown; text: unknown } | undefined;
    runProbe(
      code,
      (context) => {
        const sourceCode = context.sourceCode;
        const bare = Object.create(sourceCode, {
          ast: { value: { ...sourceCode.ast, tokens: undefined } },
        }) as typeof sourceCode;
        result = {
          tokens: ask(resourceModel(context), sourceCode.ast),
          text: ask(new ResourceModel(bare, readSettings(context.settings)), sourceCode.ast),
        };
        return {};
      },
      { settings },
    );
    if (!result) throw new Error('the probe did not run');
    return result;
  }

  it('finds a module written as a whole string, with or without `node:`, or by an alias', () => {
    const both = (code: string, module: string): unknown => mentions(code, (model) => model.mentionsModule(module));
    expect(both(`import fs from 'node:fs';`, 'fs')).toEqual({ tokens: true, text: true });
    expect(both('const fs = require(`fs`);', 'fs')).toEqual({ tokens: true, text: true });
    expect(both(`const fs = require("graceful-fs");`, 'fs')).toEqual({ tokens: true, text: true });
    expect(both(`const fs = require('node:graceful-fs');`, 'fs')).toEqual({ tokens: true, text: true });
    expect(both(`import { Pool } from 'pg';`, 'pg')).toEqual({ tokens: true, text: true });
    // Not a whole string: a longer path, another module's alias, a template with a substitution.
    expect(both(`import x from 'pg/lib/client';`, 'pg')).toEqual({ tokens: false, text: false });
    expect(both(`import x from 'fs';`, 'graceful-fs')).toEqual({ tokens: false, text: false });
    expect(both('const m = require(`${dir}pg`);', 'pg')).toEqual({ tokens: false, text: false });
    // The user's aliases count too.
    expect(
      mentions(`import db from '@acme/pg';`, (model) => model.mentionsModule('pg'), {
        cleanup: { moduleAliases: { '@acme/pg': 'pg' } },
      }),
    ).toEqual({ tokens: true, text: true });
    // In a comment or inside a longer string only the text search finds it; no import can be there.
    expect(both(`// require('pg')\nconst s = "it is 'pg'";`, 'pg')).toEqual({ tokens: false, text: true });
  });

  it('reads a per-call client module without `node:` or aliases', () => {
    const perCall = (code: string): unknown =>
      mentions(code, (model, program) => {
        // The last statement: `new Client(url);`.
        const statement = program.body.at(-1);
        if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) throw new Error('no statement');
        const made = statement.expression;
        if (made.type !== AST_NODE_TYPES.NewExpression) throw new Error('no `new`');
        return model.mayMakePerCallInstance(made);
      });
    expect(perCall(`import { MongoClient } from 'mongodb';\nnew MongoClient(url);`)).toEqual({
      tokens: true,
      text: true,
    });
    expect(perCall(`import { MongoClient } from 'node:mongodb';\nnew MongoClient(url);`)).toEqual({
      tokens: false,
      text: false,
    });
    expect(perCall(`import { Pool } from 'pg';\nnew Pool(url);`)).toEqual({ tokens: false, text: false });
  });
});
