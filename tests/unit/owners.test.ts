import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { floatingStatementVerdict } from '../../src/analysis/floating.js';
import { listenerVerdictOf } from '../../src/analysis/listeners.js';
import { stoppableLoopOf } from '../../src/analysis/loops.js';
import {
  functionRoleOf,
  isAppLifetimeCode,
  ownerOf,
  shortLivedOwnerOf,
  type Owner,
} from '../../src/analysis/owners.js';
import { classLifecycleOf, type ClassLifecycle, type ClassNode } from '../../src/analysis/teardown.js';
import { timerVerdictOf } from '../../src/analysis/timers.js';
import { resourceModel } from '../../src/resources/match.js';
import { timerStartOf } from '../../src/resources/timers.js';
import { enclosingFunction } from '../../src/util/ast.js';
import { walk } from '../../src/util/walk.js';
import { withCalls } from './harness.js';

/** `kind` of an owner, with the hook of an effect and the member of a class owner. */
function describeOwner(owner: Owner, sourceCode: Readonly<TSESLint.SourceCode>): string {
  switch (owner.kind) {
    case 'effect':
      return `effect ${owner.hook}`;
    case 'instance':
    case 'static':
      return `${owner.kind} ${sourceCode.getText(owner.member.key)}`;
    default:
      return owner.kind;
  }
}

/** The owner of each call to a one-letter function in `code`, by that name. */
function owners(code: string, cleanup: Record<string, unknown> = {}): Record<string, string> {
  const found: Record<string, string> = {};
  withCalls(
    code,
    (call, context) => {
      const name = context.sourceCode.getText(call.callee);
      if (!/^[a-z]$/u.test(name)) return;
      found[name] = describeOwner(ownerOf(call, resourceModel(context)), context.sourceCode);
    },
    { cleanup },
  );
  return found;
}

describe('ownerOf', () => {
  it('names the code that owns a node', () => {
    expect(
      owners(`a();
class K { static s() { b(); } m() { c(); } field = () => { d(); }; static { e(); } }
function C() { useEffect(() => { f(); }); React.useLayoutEffect(function () { g(); }); }
app.get('/x', (req, res) => { h(); });
server.on('connection', (socket) => { i(); });
process.on('SIGINT', () => { j(); });
function main() { k(); }
(async () => { l(); })();
function plain() { m(); }
const o = { method() { n(); } };`),
    ).toEqual({
      a: 'module',
      b: 'static s',
      c: 'instance m',
      d: 'instance field',
      e: 'module',
      f: 'effect useEffect',
      g: 'effect useLayoutEffect',
      h: 'handler',
      i: 'handler',
      j: 'appLifetime',
      k: 'appLifetime',
      l: 'appLifetime',
      m: 'function',
      n: 'function',
    });
  });

  it('looks through callbacks that run within the enclosing run', () => {
    expect(
      owners(`class K { m() { list.forEach(() => { a(); }); p.then(function () { b(); }); queue.push(function () { c(); }); } }
function C() { useEffect(() => { (() => { d(); })(); socket.once('close', () => { e(); }); }); }
function plain() { items.map(() => { f(); }); }
function main() { queue.process(() => { g(); }); }`),
    ).toEqual({
      a: 'instance m',
      b: 'instance m',
      c: 'instance m',
      d: 'effect useEffect',
      e: 'effect useEffect',
      f: 'function',
      g: 'appLifetime',
    });
  });

  it('makes a function the top level calls once, and the members of a singleton class, app-lifetime (issue 16)', () => {
    expect(
      owners(`async function run() { a(); }
run().catch((e) => { console.error(e); process.exit(1); });
const serve = async () => { b(); };
await serve();
function twice() { c(); }
twice(); twice();
function looped() { d(); }
for (const x of xs) looped();
export function exported() { e(); }
exported();
function passed() { f(); }
process.on('SIGTERM', passed);
function self() { g(); self(); }
self();
class Server { start() { h(); } }
const server = new Server();
server.start();
class Child { constructor() { i(); } }
class Root { child: Child; constructor() { this.child = new Child(); } }
export const root = new Root();
class PerCall { m() { j(); } }
function make() { return new PerCall(); }
class Made { m() { k(); } }
function main() { new Made(); }
export class Exported { m() { l(); } }
new Exported();
export class MadePerCall { m() { m(); } }
export function makeOne() { return new MadePerCall(); }
export class MadeTwice { m() { n(); } }
export const first = new MadeTwice(), second = new MadeTwice();
class Listed { m() { o(); } }
export { Listed };
export default new Listed();
export class Served { m() { p(); } }
const served = new Served();
export { served };`),
    ).toEqual({
      a: 'appLifetime',
      b: 'appLifetime',
      c: 'function',
      d: 'function',
      e: 'function',
      f: 'function',
      g: 'function',
      h: 'appLifetime',
      i: 'appLifetime',
      j: 'instance m',
      k: 'appLifetime',
      // An exported class that its own module constructs once at the top level is that module's singleton when the
      // module exports the instance too (`export default new X()`, `o`, `p`; issue 16, first repository sweep); one
      // it keeps to itself (`new Exported()`, an entry point's `if (import.meta.main)`) leaves the class to importers.
      l: 'instance m',
      m: 'instance m',
      n: 'instance m',
      o: 'appLifetime',
      p: 'appLifetime',
    });
  });

  it('reads the effect hooks from settings.cleanup', () => {
    const code = `function C() { useMount(() => { a(); }); useEffect(() => { b(); }); }`;
    expect(owners(code)).toEqual({ a: 'function', b: 'effect useEffect' });
    expect(owners(code, { effectHooks: ['useMount'] })).toEqual({ a: 'effect useMount', b: 'function' });
  });

  it('finds an effect callback behind parentheses and TypeScript wrappers, as every rule does', () => {
    expect(owners(`useEffect((() => { a(); }) as EffectCallback); useEffect((() => { b(); })!);`)).toEqual({
      a: 'effect useEffect',
      b: 'effect useEffect',
    });
  });

  it('gives the short-lived owners only, and each function one role', () => {
    expect.hasAssertions();
    withCalls(
      `class K { m() { a(); } static s() { b(); } } function main() { c(); } function plain() { d(); }`,
      (call, context) => {
        const name = context.sourceCode.getText(call.callee);
        const model = resourceModel(context);
        expect(shortLivedOwnerOf(call, model)?.kind ?? null, name).toBe(name === 'a' ? 'instance' : null);
        const fn = enclosingFunction(call);
        expect(fn && functionRoleOf(fn, model)).toBe(fn && functionRoleOf(fn, model));
      },
    );
  });
});

describe('no-leaked-timer and no-leaked-listener agree on effects', () => {
  // Inconsistency fixed: no-leaked-timer took `useEffect((() => { … }) as EffectCallback)` for a plain function and
  // reported `neverCleared`, while no-leaked-listener took the same callback for an effect.
  it('judges a timer in a wrapped effect callback as an effect timer', () => {
    const found: string[] = [];
    withCalls(
      `function C() { useEffect((() => { const id = setInterval(f, 1); }) as EffectCallback); }`,
      (call, context) => {
        const model = resourceModel(context);
        const start = timerStartOf(call, model);
        if (start) found.push(timerVerdictOf(start, model)?.kind ?? 'ok');
      },
    );
    expect(found).toEqual(['effectNotCleared']);
  });
});

describe('class lifecycles', () => {
  it('computes one lifecycle per class for every rule in the file', () => {
    const seen: ClassLifecycle[] = [];
    const probe = (): TSESLint.RuleModule<string, []> => ({
      meta: { type: 'problem', schema: [], messages: {} },
      defaultOptions: [],
      create: (context) => ({
        ClassDeclaration(node: TSESTree.ClassDeclaration) {
          seen.push(classLifecycleOf(node satisfies ClassNode, resourceModel(context)));
        },
      }),
    });
    new Linter({ configType: 'flat' }).verify(
      `class Poller { close() {} }`,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as unknown as Linter.Parser },
          plugins: { probe: { rules: { one: probe(), two: probe() } } as never },
          // Two rules: the cache is keyed on the class alone, never on a rule's options.
          rules: { 'probe/one': 'error', 'probe/two': 'error' },
          settings: { cleanup: { teardownMethods: ['close'] } },
        },
      ],
      'file.ts',
    );
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]?.teardowns.map((method) => method.name)).toEqual(['close']);
    expect(seen[0]?.classNode.type).toBe(AST_NODE_TYPES.ClassDeclaration);
  });
});

/**
 * What each rule family says about the code in `body` run by `owner` (`BODY` in it): an interval kept in a variable
 * and never cleared (no-leaked-timer), an interval discarded (no-floating-resource), an endless loop
 * (require-stop-signal), a listener on a module-level bus (no-leaked-listener), and `isAppLifetimeCode`.
 */
function verdictsIn(owner: string): string {
  const body = `const t = setInterval(f, 1); setInterval(g, 1); bus.on('x', h); while (true) { await tick(); }`;
  const code = `const bus = make();\n${owner.replace('BODY', body)}\nprobe();`;
  const found: string[] = [];
  withCalls(code, (call, context) => {
    if (context.sourceCode.getText(call.callee) !== 'probe') return;
    const model = resourceModel(context);
    const query = { context, model, allow: [], types: () => null };
    walk(context.sourceCode.visitorKeys, context.sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.WhileStatement) {
        found.push(`loop ${stoppableLoopOf(node, model) ? 'checked' : 'not checked'}`);
        found.push(`appLifetime ${String(isAppLifetimeCode(node, model))}`);
      }
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const name = context.sourceCode.getText(node.callee);
      if (name === 'bus.on') found.push(`listener ${listenerVerdictOf(node, model, { injected: false }).kind}`);
      const start = timerStartOf(node, model);
      if (!start) return;
      if (node.parent.type === AST_NODE_TYPES.ExpressionStatement)
        found.push(`floating ${floatingStatementVerdict(query, node.parent).type}`);
      else found.push(`timer ${timerVerdictOf(start, model)?.kind ?? 'ok'}`);
    });
  });
  return found.join(', ');
}

describe('app-lifetime code is the same for every rule', () => {
  const quiet = 'timer ok, floating none, listener kept, loop not checked, appLifetime true';

  it('leaves alone what app-lifetime code starts', () => {
    // Inconsistencies fixed: no-floating-resource reported an interval discarded in `main()` or a module-level IIFE,
    // which no-leaked-timer, no-leaked-listener and require-stop-signal take for app-lifetime code; no-leaked-timer
    // and require-stop-signal judged what a `process.on('SIGINT', …)` callback starts, which no-leaked-listener takes
    // for app-lifetime code; no-leaked-timer and require-stop-signal judged what a function that registers a quit
    // handler starts, which no-floating-resource takes for app-lifetime code.
    expect(verdictsIn('async function main() { BODY }')).toBe(quiet);
    expect(verdictsIn('(async () => { BODY })();')).toBe(quiet);
    expect(verdictsIn(`process.on('SIGINT', async () => { BODY });`)).toBe(quiet);
    expect(verdictsIn(`async function ui() { screen.key('q', () => process.exit(0)); BODY }`)).toBe(quiet);
  });

  it('judges what a plain function starts', () => {
    // Issue 16: a plain function's listener on a module-level emitter piles up per call. A discarded interval needs
    // the file to say that the function runs more than once (a handler, a loop, two calls): a plain function may be
    // a startup function that another file calls once.
    expect(verdictsIn('async function job() { BODY }')).toBe(
      'timer neverCleared, floating none, listener perCallLeak, loop checked, appLifetime false',
    );
    expect(verdictsIn('async function job() { BODY }\njob();\njob();')).toBe(
      'timer neverCleared, floating discardedInterval, listener perCallLeak, loop checked, appLifetime false',
    );
    // An exit on an error path is no quit handler, nor is the exit of a local `process` or of another object.
    for (const ui of [
      `async function ui() { screen.key('q', () => process.exit(1)); BODY }`,
      `async function ui(process) { screen.key('q', () => process.exit(0)); BODY }`,
      `async function ui() { screen.key('q', () => app.exit(0)); BODY }`,
    ]) {
      expect(verdictsIn(ui), ui).toBe(
        'timer neverCleared, floating none, listener perCallLeak, loop checked, appLifetime false',
      );
    }
  });
});

describe('isAppLifetimeCode', () => {
  it('tells code run once from code run per instance outside functions', () => {
    const found: Record<string, boolean> = {};
    withCalls(`a(); class K { static { b(); } static s = c(); field = d(); }`, (call, context) => {
      found[context.sourceCode.getText(call.callee)] = isAppLifetimeCode(call, resourceModel(context));
    });
    expect(found).toEqual({ a: true, b: true, c: true, d: false });
  });
});
