/**
 * Issue 14's pieces of the shared layers: how a pass of a value is told apart (`passKindOf`: lend, borrow or
 * hand-off), the identity comparisons of the standard library and test frameworks, the one list of built-ins that do
 * not throw, and the presence facts a guard in `finally` may add (a sentinel, the resource's own flags).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isNonThrowingCall } from '../../src/analysis/exits/risks.js';
import { bindingNamed, literalValue, presenceFacts, type PresenceOptions } from '../../src/analysis/exits/guards.js';
import { classifyReference, NO_RELEASE, passKindOf } from '../../src/analysis/references.js';
import { readSettings } from '../../src/resources/settings.js';
import { runProbe } from './probe.js';

const KEYS: ReadonlySet<string> = new Set(['transaction', 'session', 'client']);

/** The pass kind of every reference to `x` in `code` that is a pass or a flow. */
function passKindsIn(code: string): string[] {
  const kinds: string[] = [];
  runProbe(`declare let x: any;\n${code}`, () => ({
    'Identifier[name="x"]': (node: TSESTree.Identifier) => {
      if (node.parent.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id === node) return;
      const reference = classifyReference(node, NO_RELEASE);
      if (reference.role === 'pass' || reference.role === 'flow') kinds.push(passKindOf(node, reference, KEYS));
      else kinds.push(reference.role);
    },
  }));
  return kinds;
}

describe('passKindOf', () => {
  it.each([
    ['fn(x);', 'lend'],
    ['await fn(a, x);', 'lend'],
    ['const q = new Query(x, sql);', 'lend'],
    ['run({ conn: x });', 'lend'],
    ['run([a, x]);', 'lend'],
    ['run({ nested: { inner: [x] } });', 'lend'],
    ['await User.create(data, { transaction: x });', 'borrow'],
    ["coll.find(q, { 'session': x });", 'borrow'],
    ['new Thing({ client: x });', 'lend'],
    ['return x;', 'hand-off'],
    ['this.conn = x;', 'hand-off'],
    ['const alias = x;', 'hand-off'],
    ['list.push(x);', 'hand-off'],
    ['map.set(key, x);', 'hand-off'],
    ['emitter.emit("connection", x);', 'hand-off'],
    ['stack.use(x);', 'hand-off'],
    ['cb(null, x);', 'hand-off'],
    ['return wrap(x);', 'hand-off'],
    ['return await wrap(x);', 'hand-off'],
    ['this.db = drizzle(x);', 'hand-off'],
    ['return { client: x };', 'hand-off'],
    ['return new Outer(new Inner(x));', 'hand-off'],
    ['list.push({ client: x });', 'hand-off'],
    ['const f = () => x;', 'hand-off'],
  ])('%s is %s', (code, kind) => {
    expect(passKindsIn(`export async function f(this: any, fn: any, a: any, run: any) {\n${code}\n}`)).toEqual([kind]);
  });

  it('takes resolve of a promise executor for a hand-off, and a function named resolve elsewhere for a lend', () => {
    expect(passKindsIn('new Promise((resolve) => { setTimeout(() => resolve(x)); });')).toEqual(['hand-off']);
    expect(passKindsIn('resolve(x);')).toEqual(['lend']);
  });
});

describe('identity comparisons', () => {
  it.each([
    ['Object.is(x, y);', 'identity'],
    ['assert.strictEqual(x, y);', 'identity'],
    ['assert.notStrictEqual(y, x);', 'identity'],
    ['expect(x).toBe(y);', 'identity'],
    ['expect(x).not.toBe(y);', 'identity'],
    ['expect(y).toBe(x);', 'identity'],
    ['expect(y).not.toBe(x);', 'identity'],
    ['expect(x).toEqual(y);', 'lend'],
    ['expect(x);', 'lend'],
    ['other.toBe(x);', 'lend'],
    ['assert.deepEqual(x, y);', 'lend'],
  ])('%s: %s', (code, role) => {
    expect(passKindsIn(`declare let y: any, expect: any, assert: any, other: any;\n${code}`)).toEqual([role]);
  });
});

/** Whether the one call (or `new`) of `code` is taken not to throw. */
function nonThrowing(code: string): boolean {
  let result: boolean | null = null;
  runProbe(code, () => ({
    'CallExpression, NewExpression': (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      if (node.parent.type === AST_NODE_TYPES.ExpressionStatement) result = isNonThrowingCall(node);
    },
  }));
  if (result === null) throw new Error('no call statement');
  return result;
}

describe('isNonThrowingCall', () => {
  it.each([
    ['console.log(1);', true],
    ['path.join(a, b);', true],
    ['Math.max(1, 2);', true],
    ['parseInt(s);', true],
    ['new Map();', true],
    ['new Set([1]);', true],
    ['new URL(s);', false],
    ['new Query(s);', false],
    ['audit(s);', false],
    ['db.query(s);', false],
    ['seen.add(s);', false],
    ['const seen = new Set(); seen.add(s);', true],
    ['const list = []; list.push(s);', true],
    ['const list = []; list.forEach(s);', false],
    ['let seen = new Set(); seen.add(s);', false],
    ['const seen = new Set(); function f(seen) { seen.add(s); }', false],
    ['const seen = new Set(); function f() { seen.add(s); }', true],
    ['const seen = compute(); seen.add(s);', false],
    // the functions of `path` imported by name, as the namespace's
    ["import { resolve as r } from 'node:path'; r(s);", true],
    ["const { join } = require('path'); join(a, b);", true],
    ["import { format } from 'node:util'; format(s);", false],
    ["import { toNamespacedPath } from 'path'; toNamespacedPath(s);", false],
  ])('%s: %s', (code, expected) => {
    expect(
      nonThrowing(`declare let a: any, b: any, s: any, path: any, audit: any, db: any, compute: any;\n${code}`),
    ).toBe(expected);
  });
});

/** `whenTrue/whenFalse` of the one `if` test of `code`, about `x`. */
function factsOf(test: string, options: PresenceOptions): string {
  let facts = '';
  runProbe(
    `declare let x: any, y: any, ok: boolean, _: any;\ndeclare function isNullOrUndefined(v: unknown): boolean;\ndeclare function isDefined(v: unknown): boolean;\ndeclare function isNotNull(v: unknown): boolean;\ndeclare function notNil(v: unknown): boolean;\ndeclare function isNil(...v: unknown[]): boolean;\ndeclare function isEmpty(v: unknown): boolean;\ndeclare function isNullable(v: unknown): boolean;\nif (${test}) {}`,
    () => ({
      IfStatement(node: TSESTree.IfStatement) {
        const { whenTrue, whenFalse } = presenceFacts(node.test, bindingNamed('x'), options);
        facts = `${whenTrue ?? '-'}/${whenFalse ?? '-'}`;
      },
    }),
  );
  return facts;
}

describe('presenceFacts with a sentinel and state flags', () => {
  it.each([
    ['x !== -1', { sentinel: -1 }, 'present/absent'],
    ['-1 != x', { sentinel: -1 }, 'present/absent'],
    ['x === -1', { sentinel: -1 }, 'absent/present'],
    ['x >= 0', { sentinel: -1 }, 'present/absent'],
    ['x > -1', { sentinel: -1 }, 'present/absent'],
    ['x > -2', { sentinel: -1 }, '-/-'],
    ['x >= 0', { sentinel: 0 }, '-/-'],
    ['x !== -1', {}, '-/-'],
    ["x !== ''", { sentinel: '' }, 'present/absent'],
    ['x.isOpen', { stateFlags: true }, 'present/absent'],
    ['!x.closed', { stateFlags: true }, 'present/absent'],
    ['x.isOpen && ok', { stateFlags: true }, 'present/-'],
    ['x.isOpen', {}, '-/-'],
    ['x.size', { stateFlags: true }, '-/-'],
    ['y.isOpen', { stateFlags: true }, '-/-'],
    // nullish-check helpers called on the subject alone (issue 16: a release in `finally` under
    // `if (!isNullOrUndefined(con))`)
    ['isNullOrUndefined(x)', {}, 'absent/present'],
    ['!isNullOrUndefined(x)', {}, 'present/absent'],
    ['_.isNil(x)', {}, 'absent/present'],
    ['isDefined(x)', {}, 'present/absent'],
    ['isNotNull(x)', {}, 'present/absent'],
    ['notNil(x)', {}, 'present/absent'],
    ['Boolean(x)', {}, 'present/absent'],
    ['isNil(y)', {}, '-/-'],
    ['isNil(x, y)', {}, '-/-'],
    ['isEmpty(x)', {}, '-/-'],
    ['isNullable(x)', {}, '-/-'],
  ])('%s with %j: %s', (test, options, expected) => {
    expect(factsOf(test, options)).toBe(expected);
  });

  it('reads literal values', () => {
    const values: unknown[] = [];
    runProbe("declare let f: any;\nf(-1, 'a', null, 2, true, /r/, -x);", () => ({
      CallExpression(node: TSESTree.CallExpression) {
        for (const argument of node.arguments) values.push(literalValue(argument));
      },
    }));
    expect(values).toEqual([-1, 'a', null, 2, undefined, undefined, undefined]);
  });
});

describe('settings.cleanup.borrowKeys', () => {
  it('defaults to transaction, session and client, replaces the list, and rejects what is no list of names', () => {
    expect([...readSettings(undefined).borrowKeys]).toEqual(['transaction', 'session', 'client']);
    expect([...readSettings({ cleanup: { borrowKeys: ['tx'] } }).borrowKeys]).toEqual(['tx']);
    expect([...readSettings({ cleanup: { borrowKeys: [] } }).borrowKeys]).toEqual([]);
    expect(() => readSettings({ cleanup: { borrowKeys: 'transaction' } })).toThrow(
      'eslint-plugin-cleanup: settings.cleanup.borrowKeys must be an array of non-empty strings.',
    );
  });
});
