import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  floatingStatementVerdict,
  inlineUseVerdict,
  type FloatingQuery,
  type FloatingVerdict,
} from '../../src/analysis/floating.js';
import { resourceModel } from '../../src/resources/match.js';
import type { Specifier } from '../../src/resources/specifiers.js';
import { walk } from '../../src/util/walk.js';
import { withCalls } from './harness.js';

/** `type resource` of the verdict for each expression statement but `probe();`, in source order. */
function statementVerdicts(code: string, allow: Specifier[] = []): string[] {
  const found: string[] = [];
  withCalls(`${code}\nprobe();`, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
    const query: FloatingQuery = { context, model: resourceModel(context), allow, types: () => null };
    walk(context.sourceCode.visitorKeys, context.sourceCode.ast, (node) => {
      if (node.type !== AST_NODE_TYPES.ExpressionStatement || node === call.parent) return;
      found.push(summary(floatingStatementVerdict(query, node)));
    });
  });
  return found;
}

function summary(verdict: FloatingVerdict): string {
  switch (verdict.type) {
    case 'none':
      return 'none';
    case 'discardedInterval':
      return `${verdict.type} ${verdict.label}`;
    case 'neverReleased':
      return `${verdict.type} ${verdict.resource} ${verdict.fallbackRelease}${verdict.holdsValue ? ' holds' : ''}${verdict.returnsResource ? ' returns' : ''}`;
    case 'discarded':
      return `${verdict.type} ${verdict.resource}${verdict.returnsResource ? ' returns' : ''}`;
    default:
      return `${verdict.type} ${verdict.resource}`;
  }
}

/** The verdict for each call whose callee is a member of a call: `(await pool.connect()).query()`. */
function inlineVerdicts(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const object: TSESTree.Node =
      call.callee.object.type === AST_NODE_TYPES.AwaitExpression ? call.callee.object.argument : call.callee.object;
    if (object.type !== AST_NODE_TYPES.CallExpression) return;
    const query: FloatingQuery = { context, model: resourceModel(context), allow: [], types: () => null };
    const verdict = inlineUseVerdict(query, call.callee);
    found.push(verdict.type === 'usedInline' ? `usedInline ${verdict.resource}` : verdict.type);
  });
  return found;
}

describe('floatingStatementVerdict', () => {
  it('tells dropped acquisitions, resources nobody releases, intervals and Disposables apart', () => {
    expect(
      statementVerdicts(`import fs from 'node:fs';
import pg from 'pg';
import { Mutex } from 'async-mutex';
const pool = new pg.Pool();
const mutex = new Mutex();
export async function f() {
  await pool.connect();
  fs.openSync('x');
  await mutex.acquire();
  for (const ms of [10, 20]) setInterval(() => {}, ms);
  new DisposableStack();
  log('x');
}
setInterval(() => {}, 10);
declare function log(message: string): void;`),
    ).toEqual([
      'discarded client from `pool.connect()` returns',
      'discarded file descriptor from `fs.openSync()` returns',
      'neverReleased lock from `mutex.acquire()` release() holds returns',
      'discardedInterval setInterval()',
      'discardedDisposable disposable stack from `new DisposableStack()`',
      'none',
      'none',
    ]);
  });

  it('leaves alone what another function releases, a receiver the function does not own, and allowed sources', () => {
    expect(
      statementVerdicts(
        `import { Mutex } from 'async-mutex';
import fs from 'node:fs';
export class Gate {
  mutex = new Mutex();
  async lock() { await this.mutex.acquire(); }
  unlock() { this.mutex.release(); }
}
export async function g(mutex: Mutex) {
  await mutex.acquire();
  const local = new Mutex();
  await local.acquire();
  fs.openSync('y');
}`,
        [{ from: 'package', name: 'openSync', package: 'node:fs' }],
      ),
    ).toEqual(['none', 'none', 'none', 'neverReleased lock from `local.acquire()` release() holds returns', 'none']);
  });
});

describe('inlineUseVerdict', () => {
  it('reports a resource used once, not a promise chain or a resource its receiver holds', () => {
    expect(
      inlineVerdicts(`import pg from 'pg';
import { Semaphore } from 'async-mutex';
const pool = new pg.Pool();
const sema = new Semaphore(2);
export async function f() {
  (await pool.connect()).query('select 1');
  pool.connect().then((client) => client.release());
  sema.acquire().then(() => {});
  sema.acquire().finally(() => {});
}`),
    ).toEqual(['usedInline client from `pool.connect()`', 'none', 'none', 'none']);
  });
});
