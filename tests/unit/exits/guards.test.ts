/**
 * src/analysis/exits/guards.ts: the one presence-guard check. Each case is a test of `x` and what it says about `x`
 * when it is truthy and when it is falsy; then the walks built on it, and the rules that ask it, which now agree.
 */
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import {
  bindingNamed,
  branchFacts,
  exitsUnless,
  isPresenceGuarded,
  presenceFacts,
  runsOnlyWhen,
} from '../../../src/analysis/exits/guards.js';
import plugin from '../../../src/index.js';
import { enclosingFunction } from '../../../src/util/ast.js';
import { runProbe } from '../probe.js';

const isX = bindingNamed('x');

/** `whenTrue/whenFalse` for the test of the one `if` in `code`. */
function factsOf(test: string): string {
  let facts = '';
  runProbe(`declare let x: any, y: any, ok: boolean, C: any;\nif (${test}) {}`, () => ({
    IfStatement(node: TSESTree.IfStatement) {
      const { whenTrue, whenFalse } = presenceFacts(node.test, isX);
      facts = `${whenTrue ?? '-'}/${whenFalse ?? '-'}`;
    },
  }));
  return facts;
}

describe('presenceFacts', () => {
  it.each([
    ['x', 'present/absent'],
    ['x!', 'present/absent'],
    ['(x as any)', 'present/absent'],
    ['x satisfies unknown', 'present/absent'],
    ['!x', 'absent/present'],
    ['!!x', 'present/absent'],
    ['Boolean(x)', 'present/absent'],
    ['Boolean(x, 1)', '-/-'],
    ['String(x)', '-/-'],
    ['x != null', 'present/absent'],
    ['null != x', 'present/absent'],
    ['x !== undefined', 'present/absent'],
    ['x === null', 'absent/present'],
    ['undefined == x', 'absent/present'],
    ["typeof x !== 'undefined'", 'present/absent'],
    ["typeof x === 'undefined'", 'absent/present'],
    ["'undefined' === typeof x", 'absent/present'],
    // A string compared with the value itself says nothing about whether it holds something.
    ["x !== 'undefined'", '-/-'],
    ['typeof x !== null', '-/-'],
    ['x !== y', '-/-'],
    ['x > 0', '-/-'],
    ['-x', '-/-'],
    ['y instanceof C', '-/-'],
    ['x instanceof C', 'present/-'],
    ['!(x instanceof C)', '-/present'],
    ['x && ok', 'present/-'],
    ['ok && x', 'present/-'],
    ['x || ok', '-/absent'],
    ['!x || ok', '-/present'],
    ['!x && ok', 'absent/-'],
    ['x && x != null', 'present/absent'],
    ['x ?? ok', '-/-'],
    ['y', '-/-'],
    ['x.open', '-/-'],
    ['x?.open', '-/-'],
  ])('%s is %s', (test, expected) => {
    expect(factsOf(test)).toBe(expected);
  });

  it('reads a field by the subject predicate it is given', () => {
    let facts: unknown;
    runProbe('class A { c: any; m() { if (this.c != null) {} } }', () => ({
      IfStatement(node: TSESTree.IfStatement) {
        facts = presenceFacts(node.test, (candidate) => candidate.type === AST_NODE_TYPES.MemberExpression);
      },
    }));
    expect(facts).toEqual({ whenTrue: 'present', whenFalse: 'absent' });
  });
});

/** `runs/skipped` for each call `f()` in `code`, by its nearest branch. */
function branchesOf(code: string): string[] {
  const found: string[] = [];
  runProbe(`declare let x: any, ok: boolean, f: () => void;\n${code}`, () => ({
    'CallExpression[callee.name="f"]'(node: TSESTree.CallExpression) {
      let child: TSESTree.Node = node;
      let facts = null;
      for (let parent = node.parent; parent && !facts; child = parent, parent = parent.parent) {
        facts = branchFacts(parent, child, isX);
        if (parent.type === AST_NODE_TYPES.Program) break;
      }
      found.push(facts ? `${facts.runs ?? '-'}/${facts.skipped ?? '-'}` : 'none');
    },
  }));
  return found;
}

describe('branchFacts', () => {
  it('says when a branch runs and when it is skipped', () => {
    expect(
      branchesOf(`if (x) f();
if (x) {} else f();
if (x && ok) f();
x ? f() : null;
x ? null : f();
x && f();
x || f();
!x || f();
x ?? f();
ok ?? f();
f();
if (f()) {}
f() && ok;`),
    ).toEqual([
      'present/absent',
      'absent/present',
      'present/-',
      'present/absent',
      'absent/present',
      'present/absent',
      'absent/present',
      'present/absent',
      'absent/present',
      '-/-',
      'none',
      'none',
      'none',
    ]);
  });
});

/** For each call `f()` in `code`: does it run only when `x` is present, and only when absent? */
function runsOf(code: string): string[] {
  const found: string[] = [];
  runProbe(`declare let ok: boolean, f: () => void;\n${code}`, () => ({
    'CallExpression[callee.name="f"]'(node: TSESTree.CallExpression) {
      found.push(`${String(runsOnlyWhen(node, isX, 'present'))}/${String(runsOnlyWhen(node, isX, 'absent'))}`);
    },
  }));
  return found;
}

describe('runsOnlyWhen and exitsUnless', () => {
  it('follows branches and earlier exits up to the function', () => {
    expect(
      runsOf(`export function a(x: any) {
  if (!x) return;
  f();
}
export function b(x: any) {
  if (x) throw new Error('twice');
  f();
}
export function c(x: any, items: any[]) {
  for (const item of items) {
    if (x == null) continue;
    { f(); }
  }
}
export function d(x: any) {
  if (!x) { ok = false; }
  f();
}
export function e(x: any) {
  if (!x) return; else ok = true;
  f();
}
export function g(x: any) {
  if (x) {
    const h = () => f();
    h();
  }
}
export function i(x: any) {
  switch (ok) {
    case true:
      if (!x) break;
      f();
  }
}`),
    ).toEqual(['true/false', 'false/true', 'true/false', 'false/false', 'false/false', 'false/false', 'true/false']);
  });

  it('reads only an if without else whose branch ends by leaving', () => {
    const found: boolean[] = [];
    runProbe(
      `declare let x: any, log: () => void;
function a() { if (!x) { log(); return; } }
function b() { if (!x) { return; log(); } }
function c() { if (!x) return; else log(); }
function d() { if (!x) {} }
function e() { log(); }`,
      () => ({
        'FunctionDeclaration > BlockStatement > :first-child'(node: TSESTree.Node) {
          found.push(exitsUnless(node, isX, 'present'));
        },
      }),
    );
    expect(found).toEqual([true, false, false, false, false]);
  });
});

describe('isPresenceGuarded', () => {
  it('takes optional calls, and branches within the owner only', () => {
    const found: boolean[] = [];
    runProbe(
      `declare let ok: boolean;
export function a(x: any, release: any) {
  x?.release();
  release?.();
  x.release();
  if (x) x.release();
  ok && x.release();
  y?.release();
}
declare let y: any;`,
      () => ({
        'CallExpression[callee.property.name="release"], CallExpression[callee.name="release"]'(
          node: TSESTree.CallExpression,
        ) {
          const owner = enclosingFunction(node);
          if (owner) found.push(isPresenceGuarded(node, isX, owner));
        },
      }),
    );
    expect(found).toEqual([true, true, false, true, false, false]);
  });
});

/** The message ids (with lines) of `rule` on `code`. */
function lint(rule: string, code: string): string[] {
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        plugins: { cleanup: plugin as never },
        rules: { [`cleanup/${rule}`]: 'error' },
      },
    ],
    'file.ts',
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages.map((message) => `${message.messageId ?? message.message}@${String(message.line)}`);
}

const PG = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;

/** A client assigned inside a `try` and released in its `finally` under `guard`. */
function releasedUnder(guard: string): string {
  return `${PG}export async function f(ok: boolean) {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    ${guard}
  }
}`;
}

describe('release-in-finally and no-use-after-release agree on what a presence guard is', () => {
  // Before guards.ts, release-in-finally had its own check: it took `client !== 'undefined'` as a guard and missed
  // `null != client`, `!!client`, `Boolean(client)`, an `else` branch, `?:` and `!client || …`, while
  // no-use-after-release read each of them the other way.
  it.each([
    ['if (client) client.release();', []],
    ['if (null != client) client.release();', []],
    ['if (!!client) client.release();', []],
    ['if (Boolean(client)) client.release();', []],
    ['if (!client) {} else client.release();', []],
    ['client ? client.release() : null;', []],
    ['!client || client.release();', []],
    ["if (client !== 'undefined') client.release();", ['somePaths@6', 'releaseOfNothing@9']],
    ['client.release();', ['releaseOfNothing@9']],
  ])('%s', (guard, expected) => {
    const code = releasedUnder(guard);
    expect([...lint('release-in-finally', code), ...lint('no-use-after-release', code)]).toEqual(expected);
  });

  it('counts a guard with another condition as a guard against nothing, but not as a release on every path', () => {
    const code = releasedUnder('if (client && ok) client.release();');
    expect(lint('no-use-after-release', code)).toEqual([]);
    expect(lint('release-in-finally', code)).toEqual(['somePaths@6']);
  });
});

/** A request handler that assigns the module-level connection under `guard`. */
function assignedUnder(guard: string): string {
  return `import express from 'express';
import mysql from 'mysql2/promise';
let conn: mysql.Connection | undefined;
declare const stale: boolean;
const app = express();
app.post('/orders', async (req, res) => {
  ${guard}
  await conn.query('insert into orders values (?)', [req.body.id]);
  res.end();
});`;
}

describe('no-shared-connection reads a lazy initialisation with the same check', () => {
  // Before guards.ts, its copy took `conn === 'undefined'` and `if (conn !== other) return;` as lazy
  // initialisations, and missed `if (conn) throw …` and an `else` branch. A lazy initialisation is an assignment that
  // runs only while the variable holds nothing; a reconnect (`!conn || stale`) is kept quiet on purpose
  // (`runsWhenAbsentOr`); the others can overwrite a live connection.
  it.each([
    ['if (!conn) conn = await mysql.createConnection({});', ['sharedConnection@3']],
    ['if (typeof conn === "undefined") conn = await mysql.createConnection({});', ['sharedConnection@3']],
    ['conn ??= await mysql.createConnection({});', ['sharedConnection@3']],
    ['conn || (conn = await mysql.createConnection({}));', ['sharedConnection@3']],
    ["if (conn) throw new Error('connected');\n  conn = await mysql.createConnection({});", ['sharedConnection@3']],
    ['if (conn) {} else conn = await mysql.createConnection({});', ['sharedConnection@3']],
    ['if (!conn && !stale) conn = await mysql.createConnection({});', ['sharedConnection@3']],
    ["if (conn === 'undefined') conn = await mysql.createConnection({});", ['overwrittenResource@7']],
    ['if (conn !== req.body.conn) return;\n  conn = await mysql.createConnection({});', ['overwrittenResource@8']],
    // A reconnect replaces a value the code judged dead: the shared connection is the one finding, not an overwrite.
    ['if (!conn || stale) conn = await mysql.createConnection({});', ['sharedConnection@3']],
    ['if (stale || conn === undefined) conn = await mysql.createConnection({});', ['sharedConnection@3']],
    ['if (conn && stale) conn = await mysql.createConnection({});', ['overwrittenResource@7']],
  ])('%s', (guard, expected) => {
    expect(lint('no-shared-connection', assignedUnder(guard))).toEqual(expected);
  });
});
