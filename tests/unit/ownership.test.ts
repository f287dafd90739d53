import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { ownedFieldsOf } from '../../src/analysis/ownership.js';
import { withTeardownHooks } from '../../src/resources/settings.js';
import type { ClassNode } from '../../src/analysis/teardown.js';
import { resourceModel } from '../../src/resources/match.js';
import { plainReference, releaseStatementText } from '../../src/fix/releaseText.js';
import type { ReleaseSpec } from '../../src/resources/catalog.js';
import { handleSpecOf, isWorkerConstruction } from '../../src/resources/owned.js';
import { ownedResourceAt } from '../../src/resources/recognize.js';
import { withCalls } from './harness.js';

/** `kind noun label release` of the resource each `probe(value)` argument creates, or `-`. */
function owned(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
    const model = resourceModel(context);
    const resource = ownedResourceAt(model, call.arguments[0] as TSESTree.Expression, {
      context,
      model,
      types: null,
      allow: [],
    });
    found.push(
      resource
        ? `${resource.kind} ${resource.noun} ${resource.label} ${[...(resource.release.methods ?? []), ...(resource.release.functions ?? [])].join('/')}${resource.release.awaitRelease === true ? ' await' : ''}`
        : '-',
    );
  });
  return found;
}

describe('ownedResourceAt', () => {
  it('recognises intervals, catalog acquisitions and instances, handles and web globals', () => {
    expect(
      owned(`import fs from 'node:fs';
import { open } from 'node:fs/promises';
import * as net from 'node:net';
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { setInterval as every } from 'node:timers/promises';
import WebSocket, { WebSocketServer } from 'ws';
import knex from 'knex';
import pg from 'pg';
import { Mutex } from 'async-mutex';
const pool = new pg.Pool();
export async function f() {
  probe(setInterval(() => {}, 10));
  probe(setTimeout(() => {}, 10));
  probe(every(10));
  probe(await pool.connect());
  probe(open('x'));
  probe(new pg.Pool());
  probe(new pg.Client());
  probe(knex({}));
  probe(new Mutex());
  probe(fs.watch('.'));
  probe(net.connect(80));
  probe(http.createServer());
  probe(new Worker('w.js'));
  probe(new WebSocket('ws://x'));
  probe(new WebSocketServer({ port: 1 }));
  probe(new ResizeObserver(() => {}));
  probe(new EventSource('/x'));
  probe(new DisposableStack());
  probe(new Map());
  probe(makeThing());
  probe(this.pool.query());
  probe(cond ? a() : b());
  probe((() => 1)());
}`),
    ).toEqual([
      'interval interval setInterval() close/unref/@@dispose/clearInterval',
      '-',
      '-',
      'acquisition client pool.connect() release',
      'acquisition file handle open() close await',
      'instance pool new pg.Pool() end await',
      'instance connection new pg.Client() end await',
      'acquisition knex instance knex() destroy await',
      '-',
      // Acquisitions of the catalog since issue 15 (release-in-finally judges them in functions), owned as before.
      'acquisition file watcher fs.watch() close',
      'acquisition socket net.connect() end/destroy/destroySoon/resetAndDestroy',
      'acquisition server http.createServer() close/closeAllConnections',
      'handle worker thread new Worker() terminate await',
      // Per-call handles since issue 15 (release-in-finally judges them in functions, as sockets), owned as before.
      'acquisition WebSocket new WebSocket() close/terminate',
      'acquisition WebSocket server new WebSocketServer() close',
      'handle observer new ResizeObserver() disconnect',
      'handle event source new EventSource() close',
      'disposable disposable stack new DisposableStack() dispose/@@dispose',
      '-',
      '-',
      '-',
      '-',
      '-',
    ]);
  });

  it('leaves shadowed globals alone', () => {
    expect(
      owned(`class Worker {}
class WebSocket {}
function setInterval(fn: () => void) { return fn; }
probe(new Worker());
probe(new WebSocket());
probe(setInterval(() => {}));`),
    ).toEqual(['-', '-', '-']);
  });
});

describe('isWorkerConstruction and handleSpecOf', () => {
  it('knows worker_threads Workers and the web Worker', () => {
    const found: boolean[] = [];
    withCalls(
      `import * as wt from 'node:worker_threads';
import { Worker as W } from 'worker_threads';
const { Worker: R } = require('node:worker_threads');
const M = require('worker_threads').Worker;
class Local {}
export function f(x: { Worker: new () => unknown }) {
  probe(new wt.Worker('a'));
  probe(new W('a'));
  probe(new R('a'));
  probe(new M('a'));
  probe(new Worker('a'));
  probe(new Local());
  probe(new x.Worker());
  probe(new (getClass())());
}`,
      (call, context) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
        found.push(isWorkerConstruction(resourceModel(context), call.arguments[0] as TSESTree.NewExpression));
      },
    );
    expect(found).toEqual([true, true, true, true, true, false, false, false]);
    expect(handleSpecOf({ module: 'fs/promises', path: ['watch'], instance: false })).toBeNull();
    expect(handleSpecOf({ module: 'fs/promises', path: ['watch'], instance: true })?.noun).toBe('file watcher');
    expect(handleSpecOf({ module: 'fs', path: ['readFile'], instance: true })).toBeNull();
  });

  it('does not follow aliases in a file that does not import worker_threads', () => {
    const found: boolean[] = [];
    withCalls(`const W = getWorkerClass(); const x = 1; probe(new W('a'));`, (call, context) => {
      if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
      found.push(isWorkerConstruction(resourceModel(context), call.arguments[0] as TSESTree.NewExpression));
    });
    expect(found).toEqual([false]);
  });
});

describe('releaseStatementText', () => {
  const base: ReleaseSpec = {};
  const on = (value: string, receiver: string | null = null) => ({
    value,
    receiver: receiver && plainReference(receiver),
  });
  it('writes the first release shape the resource allows', () => {
    const plain = { optional: false, canAwait: true };
    const optional = { optional: true, canAwait: true };
    expect(releaseStatementText({ ...base, functions: ['clearInterval'] }, on('this.t'), optional)).toBe(
      'clearInterval(this.t);',
    );
    expect(releaseStatementText({ ...base, callValue: true }, on('this.release'), optional)).toBe('this.release?.();');
    expect(releaseStatementText({ ...base, callValue: true }, on('this.release'), plain)).toBe('this.release();');
    expect(
      releaseStatementText({ ...base, methods: ['@@asyncDispose'], awaitRelease: true }, on('this.s'), optional),
    ).toBe('await this.s?.[Symbol.asyncDispose]();');
    expect(releaseStatementText({ ...base, methods: ['@@dispose'] }, on('this.s'), plain)).toBe(
      'this.s[Symbol.dispose]();',
    );
    expect(
      releaseStatementText({ ...base, methods: ['end'], awaitRelease: true }, on('this.c'), {
        optional: false,
        canAwait: false,
      }),
    ).toBe('this.c.end();');
    expect(releaseStatementText({ ...base, receiverMethods: ['release'] }, on('this.r', 'this.pool'), plain)).toBe(
      'this.pool.release(this.r);',
    );
    expect(
      releaseStatementText({ ...base, receiverMethods: ['release'] }, on('this.r', 'getPool()'), plain),
    ).toBeNull();
    expect(releaseStatementText({ ...base, functions: ['closeSync'] }, on('this.fd'), plain)).toBeNull();
  });
});

describe('ownedFieldsOf', () => {
  it('finds the fields a class fills with what it creates, and their releases, passes and hand-offs', () => {
    expect.hasAssertions();
    withCalls(
      `import pg from 'pg';
import fs from 'node:fs';
const pool = new pg.Pool();
declare const registry: Set<unknown>;
export class Owner {
  static shared = new pg.Pool();
  [computed] = new pg.Pool();
  'quoted' = fs.watch('.');
  #watcher = fs.watch('.');
  client: pg.PoolClient | undefined;
  lazy: pg.Pool | undefined;
  given: unknown;
  constructor(given: unknown) {
    this.given = given;
  }
  async open() {
    this.client = await pool.connect();
    this.lazy ??= new pg.Pool();
    this['quoted'].on('change', () => {});
    registry.add(this.lazy);
    const inner = class {
      m() {
        this.client = null;
      }
    };
    return inner;
  }
  close() {
    const { client, missing = 1, ...rest } = this;
    client?.release();
    const w = this.#watcher;
    w.close();
    helper(this.client);
    probe();
  }
}`,
      (call, context) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
        const model = resourceModel(context);
        const classNode = context.sourceCode.ast.body.find(
          (statement) => statement.type === AST_NODE_TYPES.ExportNamedDeclaration,
        )!.declaration as ClassNode;
        const query = { context, model, types: null, allow: [] };
        const fields = ownedFieldsOf(classNode, model, query);
        expect(
          fields.map(
            (field) =>
              `${field.key} releases=${field.releases.length} passes=${field.passes.length} handedOff=${field.handedOff}`,
          ),
        ).toEqual([
          'this.quoted releases=0 passes=0 handedOff=false',
          'this.#watcher releases=1 passes=0 handedOff=false',
          'this.client releases=1 passes=1 handedOff=false',
          'this.lazy releases=0 passes=1 handedOff=false',
        ]);
        expect(ownedFieldsOf(classNode, model, query)).toBe(fields);
      },
    );
  });

  it('is empty for a class that creates nothing', () => {
    expect.hasAssertions();
    withCalls(`export class Plain { x = 1; m() { this.x = 2; probe(); } }`, (call, context) => {
      if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
      const model = resourceModel(context);
      const classNode = context.sourceCode.ast.body.find(
        (statement) => statement.type === AST_NODE_TYPES.ExportNamedDeclaration,
      )!.declaration as ClassNode;
      expect(ownedFieldsOf(classNode, model, null)).toEqual([]);
    });
  });
});

describe('ownedFieldsOf roles', () => {
  it('tells releases, passes, uses and hand-offs of a field apart', () => {
    expect.hasAssertions();
    withCalls(
      `import pg from 'pg';
const pool = new pg.Pool();
declare const key: string;
declare const other: Record<string, unknown>;
export class Roles {
  a: pg.PoolClient | undefined;
  b: pg.PoolClient | undefined;
  c: pg.PoolClient | undefined;
  d: pg.PoolClient | undefined;
  e: pg.PoolClient | undefined;
  f: pg.PoolClient | undefined;
  g: pg.PoolClient | undefined;
  h: pg.PoolClient | undefined;
  i: pg.PoolClient | undefined;
  async *open() {
    this.a = await pool.connect();
    this.b = await pool.connect();
    this.c = await pool.connect();
    this.d = await pool.connect();
    this.e = await pool.connect();
    this.f = await pool.connect();
    this.g = await pool.connect();
    this.h = await pool.connect();
    this.i = await pool.connect();
    this[key] = await pool.connect();
    other.x = new pg.Pool();
    this.count += 1;
    const n = other[this.a as never];
    const q = this.a.query;
    (this.b as unknown as () => void)();
    new Wrapper(this.c);
    const list = [this.d];
    console.log(...[this.e]);
    yield this.f;
    other.y = this.g;
    this.alias = this.h;
    const { i } = this;
    helper(i);
    const computedAlias = this[key];
    return [n, q, list, computedAlias];
  }
}`,
      (call, context) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'helper') return;
        const model = resourceModel(context);
        const exported = context.sourceCode.ast.body.filter(
          (statement) => statement.type === AST_NODE_TYPES.ExportNamedDeclaration,
        );
        const classNode = exported.at(-1)!.declaration as ClassNode;
        const fields = ownedFieldsOf(classNode, model, null);
        expect(
          fields.map(
            (field) => `${field.key} r=${field.releases.length} p=${field.passes.length} h=${String(field.handedOff)}`,
          ),
        ).toEqual([
          'this.a r=0 p=0 h=false',
          'this.b r=0 p=0 h=false',
          'this.c r=0 p=0 h=true',
          'this.d r=0 p=0 h=true',
          'this.e r=0 p=0 h=true',
          'this.f r=0 p=0 h=true',
          'this.g r=0 p=0 h=true',
          'this.h r=0 p=0 h=false',
          'this.i r=0 p=1 h=false',
        ]);
      },
    );
  });
});

describe('withTeardownHooks', () => {
  it('adds the protected hook of each plain name', () => {
    expect(withTeardownHooks(['close', '[Symbol.dispose]', '#stop'])).toEqual([
      'close',
      '[Symbol.dispose]',
      '#stop',
      '_close',
    ]);
  });
});
