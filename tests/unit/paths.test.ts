/**
 * `analysis/exits/` (the flow engine): the path work happens only in functions that acquire (STYLE.md item 16: a count-based
 * regression test, not a timing test), and the recorder and solver work on their own, for rules other than
 * `no-use-after-release`.
 */
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { PathRecorder, type FunctionPaths } from '../../src/analysis/exits/codePaths.js';
import { replay, solveForward } from '../../src/analysis/exits/flow.js';
import { mayAcquireIn, pathStats, type PathStats } from '../../src/analysis/exits/pathWork.js';
import plugin from '../../src/index.js';
import { resourceModel } from '../../src/resources/match.js';
import { mergeListeners } from '../../src/util/listeners.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Lints `code` with `no-use-after-release` and returns the messages and the file's path-work counters. */
function lint(
  code: string,
  settings: Record<string, unknown> = {},
): { messages: Linter.LintMessage[]; stats: PathStats } {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        plugins: { cleanup: plugin as never },
        rules: { 'cleanup/no-use-after-release': 'error' },
        settings,
      },
    ],
    'file.ts',
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return { messages, stats: { ...pathStats(linter.getSourceCode()!.ast as TSESTree.Program) } };
}

/** `count` small functions that branch, loop and catch, but take no resource. */
function plainFunctions(count: number, prefix = 'f'): string {
  const functions: string[] = [];
  for (let index = 0; index < count; index++) {
    functions.push(`export async function ${prefix}${index}(items: number[], flag: boolean) {
  let total = 0;
  for (const item of items) {
    if (flag && item > ${index}) total += item;
    else total -= await Promise.resolve(item);
  }
  try {
    return JSON.parse(String(total));
  } catch (error) {
    console.error(error);
    return null;
  } finally {
    total = 0;
  }
}`);
  }
  return functions.join('\n');
}

const PG = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;
const USE_AFTER_RELEASE = `export async function broken() {
  const client = await pool.connect();
  client.release();
  await client.query('select 1');
}`;

describe('path work is done only where a resource is acquired', () => {
  it('does nothing in a file with many functions and no resource', () => {
    const { messages, stats } = lint(PG + plainFunctions(300));
    expect(messages).toEqual([]);
    expect(stats).toEqual({ recordedFunctions: 0, solvedProblems: 0 });
  });

  it('records and solves exactly the one function that acquires, among many that do not', () => {
    const { messages, stats } = lint(
      PG + plainFunctions(150) + '\n' + USE_AFTER_RELEASE + '\n' + plainFunctions(150, 'g'),
    );
    expect(messages.map((message) => message.messageId)).toEqual(['useAfterRelease']);
    expect(stats).toEqual({ recordedFunctions: 1, solvedProblems: 1 });
  });

  it('records a function whose text could acquire, but solves nothing there when it does not', () => {
    // `pool.connect(callback)` is the callback form: no acquisition, but the text cannot tell.
    const code =
      plainFunctions(100) +
      '\nexport function dial(pool: { connect(cb: () => void): void }) { pool.connect(() => {}); }';
    const { messages, stats } = lint(code);
    expect(messages).toEqual([]);
    expect(stats).toEqual({ recordedFunctions: 1, solvedProblems: 0 });
  });

  it('does not record a function that names an acquiring method where no acquirer can match', () => {
    // `connect()` acquires on a pool known by import or named like one, not on a socket.
    const code =
      plainFunctions(100) + '\nexport function dial(socket: { connect(port: number): void }) { socket.connect(80); }';
    expect(lint(code).stats).toEqual({ recordedFunctions: 0, solvedProblems: 0 });
  });

  it('finds acquiring names in the text as whole names only: `block` and `unlock` do not name `lock`', () => {
    const code = `${PG}export function guard(mutex: { block(): void; unlock(): void }) {
  mutex.block();
  mutex.unlock();
}`;
    expect(lint(code).stats).toEqual({ recordedFunctions: 0, solvedProblems: 0 });
  });

  it('finds a name with a $ in it (a user resource), next to a dot', () => {
    const code = `import { db } from '@acme/db';
export async function run() {
  const conn = await db.$checkout();
  conn.$checkin();
  await conn.query('select 1');
}`;
    const settings = {
      cleanup: {
        resources: [
          { module: '@acme/db', acquire: '$checkout', release: { methods: ['$checkin'] }, noun: 'connection' },
        ],
      },
    };
    const { messages, stats } = lint(code, settings);
    expect(messages.map((message) => message.messageId)).toEqual(['useAfterRelease']);
    expect(stats).toEqual({ recordedFunctions: 1, solvedProblems: 1 });
  });

  it('records the enclosing function of a nested acquisition, and solves only the acquiring one', () => {
    const code = `${PG}export function outer() {
  const total = [1, 2].map((n) => n * 2);
  return async () => {
    const client = await pool.connect();
    client.release();
    client.release();
    return total;
  };
}`;
    const { messages, stats } = lint(code);
    expect(messages.map((message) => message.messageId)).toEqual(['releasedTwice']);
    expect(stats).toEqual({ recordedFunctions: 2, solvedProblems: 1 });
  });

  it('solves one problem per resource binding', () => {
    const code = `${PG}export async function two() {
  const a = await pool.connect();
  const b = await pool.connect();
  a.release();
  b.release();
  await a.query('select 1');
}`;
    const { messages, stats } = lint(code);
    expect(messages.map((message) => [message.messageId, message.line])).toEqual([['useAfterRelease', 8]]);
    expect(stats).toEqual({ recordedFunctions: 1, solvedProblems: 2 });
  });
});

/** Runs a probe rule built from `make` over `code` (plain JavaScript). */
function probe(code: string, make: (context: Context) => TSESLint.RuleListener): void {
  const rule = { meta: { type: 'problem', schema: [] }, create: make };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { probe: { rules: { paths: rule as unknown as TSESLint.LooseRuleDefinition } } as never },
      rules: { 'probe/paths': 'error' },
    },
  ]);
  expect(messages.filter((message) => message.fatal)).toEqual([]);
}

describe('mayAcquireIn', () => {
  it('finds acquiring names among identifier and string tokens, inside the node only', () => {
    const code = `function a() { return 1; }
function b(pool) { return pool['connect'](); }
function c(mutex) { return mutex.acquire(); }
function e(m) { return m.acquire(); }
const d = 'open';`;
    const found: Record<string, boolean> = {};
    probe(code, (context) => ({
      FunctionDeclaration(node) {
        found[node.id!.name] = mayAcquireIn(resourceModel(context), node);
      },
      Program(node) {
        found.program = mayAcquireIn(resourceModel(context), node);
      },
    }));
    // `m.acquire()`: no name fallback matches `m`; `'open'`: the file imports no module that opens.
    expect(found).toEqual({ program: true, a: false, b: true, c: true, e: false });
  });

  it('counts timer starts and their module-level aliases only when asked to', () => {
    const code = `import { setInterval as every } from 'node:timers';
function a() { return setTimeout(() => {}, 1); }
function b() { return every(() => {}, 1); }
function c() { return 1; }`;
    const found: Record<string, [boolean, boolean]> = {};
    probe(code, (context) => ({
      FunctionDeclaration(node) {
        const model = resourceModel(context);
        found[node.id!.name] = [mayAcquireIn(model, node), mayAcquireIn(model, node, { timers: true })];
      },
    }));
    expect(found).toEqual({ a: [false, true], b: [false, true], c: [false, false] });
  });
});

describe('PathRecorder and solveForward', () => {
  it('gives another rule the recorded segments of the functions it asks for, and solves its own lattice', () => {
    // A toy problem: bit 1 = "`mark()` has run", bit 2 = "not yet". Which calls of `check()` may run after `mark()`?
    const code = `function f(done) {
  check();
  try {
    mark();
    done = true;
  } catch {
    check();
    return;
  }
  if (done) check();
  for (;;) { check(); break; }
}
function g() { check(); }
const h = () => check();`;
    const after: string[] = [];
    const recorded: string[] = [];
    probe(code, (context) => {
      const name = (node: TSESTree.Node): string => context.sourceCode.getText(node).split('\n')[0]!;
      const isCall = (node: TSESTree.Node, callee: string): boolean =>
        node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === callee;
      const onEnd = (paths: FunctionPaths, subjects: readonly string[]): void => {
        recorded.push(...subjects);
        const problem = {
          entry: 2,
          thrown: (state: number) => state,
          step: (state: number, entry: { node: TSESTree.Node; phase: string }) =>
            entry.phase === 'exit' && isCall(entry.node, 'mark') ? 1 : state,
        };
        const inStates = solveForward(paths, problem);
        replay(paths, problem, inStates, (state, entry) => {
          if (entry.phase === 'exit' && isCall(entry.node, 'check') && (state & 1) !== 0) {
            after.push(`${entry.node.loc.start.line}:${state}`);
          }
        });
      };
      const recorder = new PathRecorder<string>(
        context.sourceCode.ast as TSESTree.Program,
        (node) => node.type === 'FunctionDeclaration',
        onEnd,
      );
      return mergeListeners(recorder.listeners, {
        FunctionDeclaration(node) {
          recorder.addSubject(node, name(node.id!));
        },
        ArrowFunctionExpression(node) {
          recorder.addSubject(node, 'arrow');
        },
      });
    });
    expect(recorded).toEqual(['f', 'g']);
    // Line 2 runs before any mark. Line 7: only `mark()` itself throws into the `catch`, before it marks (ESLint's own
    // edge from the end of the `try` would say "after"). Lines 10 and 11: after the mark on every path.
    expect(after).toEqual(['10:1', '11:1']);
  });
});

describe('mergeListeners', () => {
  it('runs every handler of a selector in order and keeps the others', () => {
    const calls: string[] = [];
    const merged = mergeListeners(
      { Identifier: () => calls.push('a'), Literal: () => calls.push('lit') },
      { Identifier: () => calls.push('b'), Program: undefined },
    );
    (merged.Identifier as () => void)();
    (merged.Literal as () => void)();
    expect(calls).toEqual(['a', 'b', 'lit']);
    expect(Object.keys(merged).sort()).toEqual(['Identifier', 'Literal']);
  });
});
