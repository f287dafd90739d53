import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { timerHoldOf } from '../../src/analysis/timerHolds.js';
import { timerVerdictOf, type TimerVerdict } from '../../src/analysis/timers.js';
import { functionLabel, methodLabel } from '../../src/messages.js';
import { resourceModel } from '../../src/resources/match.js';
import {
  isTimerClearReachable,
  isTimerHandleMethodCallOn,
  timerStartOf,
  timerStopMethodCallOn,
  timerValueOf,
} from '../../src/resources/timers.js';
import { enclosingFunction, isFunction } from '../../src/util/ast.js';
import { someNode } from '../../src/util/someNode.js';
import { withCalls } from './harness.js';

/** One line per timer start in `code`: its callee and line, then the verdict, its id and the fix it offers. */
function verdicts(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    const model = resourceModel(context);
    const start = timerStartOf(call, model);
    if (!start) return;
    const verdict = timerVerdictOf(start, model);
    found.push(`${start.name}@${call.loc.start.line}: ${verdict ? summary(verdict) : 'ok'}`);
  });
  return found;
}

function summary(verdict: TimerVerdict): string {
  const id = 'id' in verdict ? ` ${verdict.id}` : '';
  const fix = 'fix' in verdict && verdict.fix ? ` +${verdict.fix.kind}` : '';
  return `${verdict.kind}${id}${fix}`;
}

/** The verdict of the only timer start in `code`. */
function onlyVerdict(code: string): TimerVerdict | null {
  const found: (TimerVerdict | null)[] = [];
  withCalls(code, (call, context) => {
    const model = resourceModel(context);
    const start = timerStartOf(call, model);
    if (start) found.push(timerVerdictOf(start, model));
  });
  expect(found).toHaveLength(1);
  return found[0] ?? null;
}

describe('timerVerdictOf: a variable of the owner', () => {
  it('finds timers never cleared, cleared on some paths, and cleared after a risk', () => {
    expect(
      verdicts(`function poll() {
  const a = setInterval(tick, 1000);
}
function some(flag: boolean) {
  const b = setInterval(tick, 1000);
  if (flag) clearInterval(b);
}
async function later() {
  const c = setInterval(tick, 1000);
  await work();
  clearInterval(c);
}`),
    ).toEqual(['setInterval@2: neverCleared a', 'setInterval@5: somePaths b', 'setInterval@9: leaksOnPath c']);
  });

  it('carries the owner, the clear and the risk', () => {
    const verdict = onlyVerdict(`async function later() {
  const c = setInterval(tick, 1000);
  await work();
  clearInterval(c);
}`);
    expect(verdict?.kind).toBe('leaksOnPath');
    if (verdict?.kind !== 'leaksOnPath') return;
    expect(verdict.risk.kind).toBe('await');
    expect(verdict.release.loc.start.line).toBe(4);
    const never = onlyVerdict(`const run = () => { const a = setInterval(tick, 1); };`);
    expect(never?.kind === 'neverCleared' && functionLabel(never.owner)).toBe('`run()`');
  });

  it('leaves timers that are cleared, handed off, managed by hand or app-lifetime', () => {
    expect(
      verdicts(`function a() { const t = setInterval(f, 1); try { work(); } finally { clearInterval(t); } }
function b() { const t = setInterval(f, 1); return t; }
function c() { const t = setInterval(f, 1); t.unref(); }
function main() { const t = setInterval(f, 1); }
function d() { setInterval(f, 1); }
function e() { keep(setInterval(f, 1)); }
function g() { using t = setInterval(f, 1); }`),
    ).toEqual([
      'setInterval@1: ok',
      'setInterval@2: ok',
      'setInterval@3: ok',
      'setInterval@4: ok',
      'setInterval@5: ok',
      'setInterval@6: ok',
      'setInterval@7: ok',
    ]);
  });

  it('reports an interval in an outer variable that is only ever tested', () => {
    expect(
      verdicts(`let timer: unknown;
function start() { if (!timer) timer = setInterval(f, 1); }
let other: unknown;
function begin() { other = setInterval(f, 1); }
function end() { clearInterval(other); }
let later: unknown;
function wait() { later = setTimeout(f, 1); }`),
    ).toEqual(['setInterval@2: neverCleared timer', 'setInterval@4: ok', 'setTimeout@7: ok']);
  });
});

describe('timerVerdictOf: a field of a class', () => {
  it('reports a field no method clears, with a fix in the teardown method', () => {
    expect(
      verdicts(`class A { timer = setInterval(f, 1); }
class B {
  #timer: unknown;
  start() { this.#timer = setInterval(f, 1); }
  stop() { log(); }
}
class C { start() { this.t = setInterval(f, 1); } stop() {} }`),
    ).toEqual([
      'setInterval@1: fieldNeverCleared this.timer',
      'setInterval@4: fieldNeverCleared this.#timer +clearInTeardown',
      'setInterval@7: fieldNeverCleared this.t +clearInTeardown',
    ]);
  });

  it('reports a field cleared by another method than the teardown', () => {
    const verdict = onlyVerdict(`class A {
  start() { this.t = setInterval(f, 1); }
  pause() { clearInterval(this.t); }
  close() { this.socket.end(); }
}`);
    expect(verdict?.kind).toBe('teardownMissesClear');
    if (verdict?.kind !== 'teardownMissesClear') return;
    expect(verdict.clearer && methodLabel(verdict.clearer)).toBe('pause');
    expect(methodLabel(verdict.teardown)).toBe('close');
    expect(verdict.fix?.kind).toBe('clearInTeardown');
  });

  it('reports a start that overwrites a running timer, unless something guards it', () => {
    expect(
      verdicts(`class A {
  start() { this.t = setInterval(f, 1); }
  onReconnect() { this.start(); }
  stop() { clearInterval(this.t); }
}
class B {
  start() { if (this.t) return; this.t = setInterval(f, 1); }
  stop() { clearInterval(this.t); }
}
class C {
  constructor() { this.t = setInterval(f, 1); }
  stop() { clearInterval(this.t); }
}
class D {
  start() { this.t ??= setInterval(f, 1); }
  stop() { clearInterval(this.t); }
}
class E {
  constructor() { this.start(); }
  start() { this.t = setInterval(f, 1); }
  stop() { clearInterval(this.t); }
}
class F {
  start() { this.t = setInterval(f, 1); }
  stop() { clearInterval(this.t); }
}`),
    ).toEqual([
      'setInterval@2: overwritten this.t +clearFirst',
      'setInterval@7: ok',
      'setInterval@11: ok',
      'setInterval@15: ok',
      'setInterval@20: ok',
      // a lifecycle pair that its owner calls: start() twice without stop() is the owner's misuse
      'setInterval@24: ok',
    ]);
  });

  it('offers no fix where the clear function is shadowed', () => {
    expect(
      verdicts(`function clearInterval() {}
class A { start() { this.t = setInterval(f, 1); } stop() { log(); } }`),
    ).toEqual(['setInterval@2: fieldNeverCleared this.t']);
  });

  it('leaves fields handed to other code, and members of other objects', () => {
    expect(
      verdicts(`class A { start() { this.t = setInterval(f, 1); register(this.t); } }
class B { start() { this.state.t = setInterval(f, 1); } }
function c(ref: { current: unknown }) { ref.current = setInterval(f, 1); }`),
    ).toEqual(['setInterval@1: ok', 'setInterval@2: ok', 'setInterval@3: ok']);
  });
});

describe('timerVerdictOf: an effect', () => {
  it('reports a timer the cleanup does not clear, with the fix that fits the effect', () => {
    expect(
      verdicts(`useEffect(() => {
  const id = setInterval(f, 1);
});
useEffect(() => {
  const id = setInterval(f, 1);
  return () => { log(); };
});
useEffect(() => {
  const id = setInterval(f, 1);
  return () => clearInterval(id);
});
React.useLayoutEffect(() => {
  setTimeout(f, 1);
});`),
    ).toEqual([
      'setInterval@2: effectNotCleared id +returnCleanup',
      'setInterval@5: effectNotCleared id +clearInCleanup',
      'setInterval@9: ok',
      'setTimeout@13: effectNotStored',
    ]);
  });

  it('names the hook and trusts a cleanup it cannot see', () => {
    const verdict = onlyVerdict(`React.useLayoutEffect(() => { ref.current = setInterval(f, 1); });`);
    expect(verdict).toMatchObject({ kind: 'effectNotCleared', hook: 'useLayoutEffect', id: 'ref.current' });
    expect(onlyVerdict(`useEffect(() => { const id = setInterval(f, 1); return stop; });`)).toBeNull();
    expect(onlyVerdict(`useEffect(() => { setInterval(f, 1); });`)).toBeNull();
  });

  it('reads the effect hooks from settings.cleanup', () => {
    const code = `useMountEffect(() => { const id = setInterval(f, 1); });`;
    const found: string[] = [];
    for (const cleanup of [{}, { effectHooks: ['useMountEffect'] }]) {
      withCalls(
        code,
        (call, context) => {
          const model = resourceModel(context);
          const start = timerStartOf(call, model);
          if (!start) return;
          found.push(timerVerdictOf(start, model)?.kind ?? 'ok');
        },
        { cleanup },
      );
    }
    expect(found).toEqual(['neverCleared', 'effectNotCleared']);
  });
});

describe('timerHoldOf', () => {
  it('says where the id goes', () => {
    const holds: string[] = [];
    withCalls(
      `const a = setInterval(f, 1);
b = setInterval(f, 1).unref();
this.c ??= setInterval(f, 1);
class D { #d = setInterval(f, 1); static e = setInterval(f, 1); }
setInterval(f, 1);
run(setInterval(f, 1));
x += setInterval(f, 1);`,
      (call, context) => {
        const model = resourceModel(context);
        const start = timerStartOf(call, model);
        if (!start) return;
        const hold = timerHoldOf(start, model);
        switch (hold.type) {
          case 'variable':
            holds.push(`variable ${hold.name}`);
            break;
          case 'member':
            holds.push(`member ${hold.key}${hold.guarded ? ' guarded' : ''}`);
            break;
          case 'field':
            holds.push(`field ${hold.key}`);
            break;
          default:
            holds.push(hold.type);
        }
      },
    );
    expect(holds).toEqual([
      'variable a',
      'handed-off',
      'member this.c guarded',
      'field this.#d',
      'handed-off',
      'floating',
      'handed-off',
      'handed-off',
    ]);
  });
});

describe('timer objects', () => {
  it('finds the value of an unrefed start, and the methods that manage a timer', () => {
    const found: string[] = [];
    withCalls(
      `const t = setInterval(f, 1).unref();
t.close(); t[Symbol.dispose](); t.refresh(); t.hasRef(); other(t);`,
      (call, context) => {
        const model = resourceModel(context);
        const start = timerStartOf(call, model);
        if (start) found.push(`value ${context.sourceCode.getText(timerValueOf(start))}`);
        const [argument] = call.arguments;
        if (argument?.type === AST_NODE_TYPES.Identifier)
          found.push(`argument managed: ${String(isTimerHandleMethodCallOn(argument))}`);
        const callee = call.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return;
        const stop = timerStopMethodCallOn(callee.object);
        found.push(
          `${context.sourceCode.getText(callee)}: managed ${String(isTimerHandleMethodCallOn(callee.object))}, stop ${
            stop === call ? 'this call' : 'none'
          }`,
        );
      },
    );
    expect(found).toEqual([
      'value setInterval(f, 1).unref()',
      'argument managed: false',
      't.close: managed true, stop this call',
      't[Symbol.dispose]: managed true, stop this call',
      't.refresh: managed true, stop none',
      't.hasRef: managed false, stop none',
      'argument managed: false',
    ]);
  });

  it('knows where the clear function can be called', () => {
    const reachable: string[] = [];
    const cases = [
      `clearInterval(t);`,
      `import { clearInterval } from 'node:timers'; clearInterval(t);`,
      `import { clearInterval } from 'my-timers'; clearInterval(t);`,
      `function f(clearInterval: () => void) { clearInterval(t); }`,
    ];
    for (const code of cases) {
      withCalls(code, (call, context) => {
        reachable.push(String(isTimerClearReachable('clearInterval', call, resourceModel(context))));
      });
    }
    expect(reachable).toEqual(['true', 'true', 'false', 'false']);
  });
});

describe('labels', () => {
  it('names functions and methods as messages do', () => {
    const labels: string[] = [];
    withCalls(
      `function named() { a(); }
const bound = () => { b(); };
class C { constructor() { c(); } method() { d(); } [key]() { e(); } }
const o = { prop: function () { g(); } };
run(() => { h(); });`,
      (call) => {
        const fn = enclosingFunction(call);
        if (fn) labels.push(functionLabel(fn));
      },
    );
    expect(labels).toEqual([
      '`named()`',
      '`bound()`',
      'the constructor',
      '`method()`',
      'this function',
      '`prop()`',
      'this function',
    ]);
    expect(methodLabel({ isConstructor: true, name: 'constructor' })).toBe('constructor');
    expect(methodLabel({ isConstructor: false, name: '#stop' })).toBe('#stop');
    expect(methodLabel({ isConstructor: false, name: null })).toBe('method');
  });
});

describe('someNode', () => {
  it('stops at the first find and skips what the test skips', () => {
    expect.hasAssertions();
    withCalls(`outer(function inner() { target(); }); after();`, (call, context) => {
      if (context.sourceCode.getText(call.callee) !== 'outer') return;
      const keys = context.sourceCode.visitorKeys;
      const isTarget = (node: TSESTree.Node): boolean | undefined =>
        node.type === AST_NODE_TYPES.Identifier && node.name === 'target' ? true : undefined;
      expect(someNode(keys, call, isTarget)).toBe(true);
      expect(someNode(keys, call, (node) => (isFunction(node) ? false : isTarget(node)))).toBe(false);
      const visited: string[] = [];
      someNode(keys, call, (node) => {
        visited.push(node.type);
        return node.type === AST_NODE_TYPES.Identifier || undefined;
      });
      expect(visited).toEqual([AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.Identifier]);
    });
  });
});
