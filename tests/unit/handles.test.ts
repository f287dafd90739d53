import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  effectCallbackOf,
  effectCleanupsOf,
  isAppLifetimeFunction,
  isRequestHandler,
} from '../../src/analysis/owners.js';
import { isTeardownName } from '../../src/analysis/teardown.js';
import {
  isAppLifetimeListener,
  isGlobalTarget,
  isListenerRemovalFor,
  listenerAdditionOf,
  listenerRemovalOf,
  runsAtMostOnce,
  type ListenerAddition,
  type ListenerRemoval,
} from '../../src/resources/listeners.js';
import {
  isTimerClear,
  isTimerClearName,
  isTimerStartCandidate,
  isTimerStartName,
  isTimerUnref,
  isUnrefedAtStart,
  timerAcquisition,
  timerAliases,
  timerClearOf,
  timerStartOf,
  unrefTargetOf,
  type TimerStart,
} from '../../src/resources/timers.js';
import { teardownMethodNames } from '../../src/resources/vocabulary.js';
import { resourceModel } from '../../src/resources/match.js';
import { referenceKey } from '../../src/resources/scope.js';
import { forEachOwnReturn, isModuleLevel, memberName, signalOption, type FunctionNode } from '../../src/util/ast.js';
import { withCalls } from './harness.js';

/** The text of every call whose predicate result is non-null, with a summary of the result. */
function starts(code: string): Record<string, string> {
  const found: Record<string, string> = {};
  withCalls(code, (call, context) => {
    const start = timerStartOf(call, resourceModel(context));
    if (start) {
      const signal = start.signal ? context.sourceCode.getText(start.signal) : '-';
      found[context.sourceCode.getText(call.callee)] =
        `${start.kind} ${start.promises ? 'promises' : 'callbacks'} ${start.clearName ?? '-'} ${signal}`;
    }
  });
  return found;
}

function firstCall<T>(
  code: string,
  name: string,
  pick: (call: TSESTree.CallExpression, context: Parameters<Parameters<typeof withCalls>[1]>[1]) => T,
): T {
  let result: T | undefined;
  let found = false;
  withCalls(code, (call, context) => {
    const callee = call.callee;
    const calleeText = context.sourceCode.getText(callee);
    if (!found && (calleeText === name || calleeText.endsWith(`.${name}`))) {
      found = true;
      result = pick(call, context);
    }
  });
  if (!found) throw new Error(`no call to ${name}`);
  return result as T;
}

describe('timerStartOf', () => {
  it('recognises the globals, unless shadowed', () => {
    expect(
      starts(
        `setInterval(f, 1); setTimeout(f, 1); setImmediate(f); window.setInterval(f, 1); globalThis.setTimeout(f, 1);`,
      ),
    ).toEqual({
      setInterval: 'interval callbacks clearInterval -',
      setTimeout: 'timeout callbacks clearTimeout -',
      setImmediate: 'immediate callbacks clearImmediate -',
      'window.setInterval': 'interval callbacks clearInterval -',
      'globalThis.setTimeout': 'timeout callbacks clearTimeout -',
    });
    expect(
      starts(
        `function setInterval(f: unknown) {} setInterval(f); const window = { setTimeout() {} }; window.setTimeout();`,
      ),
    ).toEqual({});
    expect(starts(`scheduler.setInterval(f, 1); obj.setTimeout(f);`)).toEqual({});
  });

  it('recognises node:timers and timers through imports, require and aliases', () => {
    expect(
      starts(`import { setInterval as every } from 'node:timers';
import timers from 'timers';
const { setTimeout: later } = require('node:timers');
every(f, 1); timers.setTimeout(f, 1); later(f, 1);`),
    ).toEqual({
      every: 'interval callbacks clearInterval -',
      'timers.setTimeout': 'timeout callbacks clearTimeout -',
      later: 'timeout callbacks clearTimeout -',
    });
  });

  it('recognises timers/promises and its signal option', () => {
    expect(
      starts(`import { setInterval, setTimeout as sleep } from 'node:timers/promises';
for await (const _ of setInterval(100, undefined, { signal })) {}
await sleep(10, undefined, { signal: ac.signal });
await sleep(10);`),
    ).toEqual({
      setInterval: 'interval promises - signal',
      sleep: 'timeout promises - -',
    });
  });

  it('ignores calls it cannot name', () => {
    expect(starts(`(getTimer())(f); timers['set' + 'Interval'](f);`)).toEqual({});
  });
});

describe('timer helpers', () => {
  it('names the candidates cheaply', () => {
    expect(isTimerStartName('setInterval')).toBe(true);
    expect(isTimerStartName('setTimeoutX')).toBe(false);
    expect(isTimerStartName(null)).toBe(false);
    expect(isTimerClearName('clearTimeout')).toBe(true);
    expect(isTimerClearName(null)).toBe(false);
    const code = `import { setInterval as every } from 'timers'; every(f, 1); setTimeout(f, 1); other(f); (0, f)();`;
    const candidates: string[] = [];
    withCalls(code, (call, context) => {
      const model = resourceModel(context);
      if (isTimerStartCandidate(call, model, new Set(['interval'])))
        candidates.push(context.sourceCode.getText(call.callee));
    });
    expect(candidates).toEqual(['every']);
    withCalls(code, (call, context) => {
      const model = resourceModel(context);
      expect(timerAliases(model)).toEqual(new Set(['every']));
      // memoised per file
      expect(timerAliases(model)).toBe(timerAliases(model));
    });
  });

  it('recognises clears and matches them to an id key', () => {
    const code = `import { clearInterval as stop } from 'node:timers';
clearInterval(this.#timer!); stop(id); clearTimeout(); other.clearInterval(id);`;
    const clears: string[] = [];
    withCalls(code, (call, context) => {
      const model = resourceModel(context);
      const clear = timerClearOf(call, model);
      if (clear) clears.push(`${clear.name}:${clear.id ? referenceKey(clear.id, model) : '-'}`);
      if (context.sourceCode.getText(call.callee) === 'clearInterval') {
        expect(isTimerClear(call, 'this.#timer', model)).toBe(true);
        expect(isTimerClear(call, 'this.timer', model)).toBe(false);
      }
    });
    expect(clears).toEqual(['clearInterval:this.#timer', 'clearInterval:id', 'clearTimeout:-']);
  });

  it('recognises unref', () => {
    const code = `timer.unref(); this.t?.unref(); setInterval(f, 1).unref(); x.unref(1); unref();`;
    const targets: string[] = [];
    withCalls(code, (call, context) => {
      const model = resourceModel(context);
      const target = unrefTargetOf(call);
      if (target) targets.push(referenceKey(target, model));
      if (context.sourceCode.getText(call) === 'timer.unref()') expect(isTimerUnref(call, 'timer', model)).toBe(true);
      const start = timerStartOf(call, model);
      if (start) expect(isUnrefedAtStart(start)).toBe(true);
    });
    expect(targets).toEqual(['timer', 'this.t', 'setInterval(f,1)']);
    const plain = firstCall(`const t = setInterval(f, 1);`, 'setInterval', (call, context) =>
      timerStartOf(call, resourceModel(context))!,
    );
    expect(isUnrefedAtStart(plain)).toBe(false);
  });

  it('gives a memoised acquisition for the lifetime analysis', () => {
    expect.hasAssertions();
    withCalls(`const t = setTimeout(f, 1);`, (call, context) => {
      const start: TimerStart | null = timerStartOf(call, resourceModel(context));
      if (!start) return;
      const acquisition = timerAcquisition(start);
      expect(acquisition.resource.release.functions).toEqual(['clearInterval', 'clearTimeout', 'clearImmediate']);
      expect(acquisition.resource.noun).toBe('timeout');
      expect(acquisition.label).toBe('setTimeout()');
      expect(timerAcquisition(start)).toBe(acquisition);
    });
  });
});

function addition(code: string): ListenerAddition | null {
  let result: ListenerAddition | null = null;
  withCalls(code, (call, context) => {
    result ??= listenerAdditionOf(call, resourceModel(context));
  });
  return result;
}

function removal(code: string): ListenerRemoval | null {
  let result: ListenerRemoval | null = null;
  withCalls(code, (call, context) => {
    result ??= listenerRemovalOf(call, resourceModel(context));
  });
  return result;
}

describe('listenerAdditionOf', () => {
  it('reads DOM additions with their options', () => {
    const dom = addition(`window.addEventListener('resize', this.onResize, { once: true, signal: ac.signal });`)!;
    expect(dom).toMatchObject({
      method: 'addEventListener',
      style: 'dom',
      targetKey: 'window',
      typeKey: 'resize',
      handlerKey: 'this.onResize',
      once: true,
    });
    expect(dom.signal?.type).toBe(AST_NODE_TYPES.MemberExpression);
    expect(addition(`el.addEventListener('click', () => {}, true);`)).toMatchObject({
      handlerKey: null,
      once: false,
      signal: null,
    });
    expect(addition(`el.addEventListener(\`click\`, h, { once: false });`)).toMatchObject({
      typeKey: 'click',
      once: false,
    });
    expect(addition(`el.addEventListener(EVENTS.click, h);`)).toMatchObject({ typeKey: '{EVENTS.click}' });
  });

  it('reads emitter additions', () => {
    expect(addition(`this.socket?.on('data', onData);`)).toMatchObject({
      style: 'emitter',
      targetKey: 'this.socket',
      handlerKey: 'onData',
      once: false,
    });
    expect(addition(`emitter.once('ready', onReady);`)).toMatchObject({ once: true });
    expect(addition(`emitter.prependOnceListener('ready', onReady);`)).toMatchObject({ once: true });
    expect(addition(`emitter.addListener('x', handlers.x);`)).toMatchObject({ handlerKey: 'handlers.x' });
    expect(addition(`emitter.on('x', this.handle.bind(this));`)).toMatchObject({ handlerKey: null });
    // a computed key that is a name (`this[kOnData]`, a symbol constant) can be named again by the removal
    expect(addition(`emitter.on('x', this[kOnData]);`)).toMatchObject({ handlerKey: 'this[kOnData]' });
    expect(addition(`emitter.on('x', handlers[a + b]);`)).toMatchObject({ handlerKey: null });
  });

  it('rejects calls that are not (type, handler) registrations', () => {
    expect(addition(`on('x', h);`)).toBeNull();
    expect(addition(`emitter.on('x');`)).toBeNull();
    expect(addition(`emitter.on(...args);`)).toBeNull();
    expect(addition(`el.addEventListener('x', h, ...rest);`)).toBeNull();
    expect(addition(`events.on(emitter, 'name');`)).toBeNull();
    expect(addition(`$(el).on('click', '.item', fn);`)).toBeNull();
    expect(addition(`emitter.on('x', { handleEvent() {} });`)).toBeNull();
    expect(addition(`class A extends B { m() { super.on('x', h); } }`)).toBeNull();
    expect(addition(`emitter[kOn]('x', h);`)).toBeNull();
  });
});

describe('listenerRemovalOf / isListenerRemovalFor', () => {
  it('reads removals', () => {
    expect(removal(`window.removeEventListener('resize', this.onResize);`)).toMatchObject({
      targetKey: 'window',
      typeKey: 'resize',
      handlerKey: 'this.onResize',
    });
    expect(removal(`bus.off('x', h);`)).toMatchObject({ method: 'off', handlerKey: 'h' });
    expect(removal(`bus.removeAllListeners('x');`)).toMatchObject({ typeKey: 'x', handlerKey: null });
    expect(removal(`bus.removeAllListeners();`)).toMatchObject({ typeKey: null, handlerKey: null });
    expect(removal(`bus.removeAllListeners(...types);`)).toBeNull();
    expect(removal(`bus.off('x', () => {});`)).toBeNull();
    // Issue 16: `off(type)` with no handler removes every handler of the type (mitt, component-emitter).
    expect(removal(`bus.off('x');`)).toMatchObject({ method: 'off', typeKey: 'x', handlerKey: null });
    expect(removal(`off('x', h);`)).toBeNull();
    expect(removal(`class A extends B { m() { super.off('x', h); } }`)).toBeNull();
  });

  it('pairs a removal with its addition', () => {
    const add = addition(`bus.on('x', h);`)!;
    expect(isListenerRemovalFor(removal(`bus.off('x', h);`)!, add)).toBe(true);
    expect(isListenerRemovalFor(removal(`bus.removeListener('x', h);`)!, add)).toBe(true);
    expect(isListenerRemovalFor(removal(`bus.removeAllListeners('x');`)!, add)).toBe(true);
    expect(isListenerRemovalFor(removal(`bus.removeAllListeners();`)!, add)).toBe(true);
    expect(isListenerRemovalFor(removal(`bus.off('y', h);`)!, add)).toBe(false);
    expect(isListenerRemovalFor(removal(`bus.off('x', g);`)!, add)).toBe(false);
    expect(isListenerRemovalFor(removal(`other.off('x', h);`)!, add)).toBe(false);
    expect(isListenerRemovalFor(removal(`other.off('x', h);`)!, add, ['bus', 'other'])).toBe(true);
    expect(isListenerRemovalFor(removal(`bus.removeEventListener('x', h);`)!, add)).toBe(false);
    const dom = addition(`el.addEventListener('x', h);`)!;
    expect(isListenerRemovalFor(removal(`el.removeEventListener('x', h);`)!, dom)).toBe(true);
    expect(isListenerRemovalFor(removal(`el.off('x', h);`)!, dom)).toBe(false);
  });

  it('knows one-shot events and app-lifetime process events', () => {
    expect(runsAtMostOnce(addition(`socket.on('close', h);`)!)).toBe(true);
    expect(runsAtMostOnce(addition(`socket.on('data', h);`)!)).toBe(false);
    expect(runsAtMostOnce(addition(`socket.once('data', h);`)!)).toBe(true);
    withCalls(
      `process.on('SIGINT', h); globalThis.process.on('exit', h); process.on('data', h); function f(process) { process.on('exit', h); } self.process.on('exit', h); a.b.on('exit', h);`,
      (call, context) => {
        const model = resourceModel(context);
        const found = listenerAdditionOf(call, model);
        if (!found) return;
        const text = context.sourceCode.getText(call);
        const expected =
          text === `process.on('SIGINT', h)` ||
          text === `globalThis.process.on('exit', h)` ||
          text === `self.process.on('exit', h)`;
        expect(isAppLifetimeListener(found, model), text).toBe(expected);
      },
    );
  });

  it('recognises globals that outlive every owner', () => {
    expect.hasAssertions();
    withCalls(
      `window.a(); document.body.b(); foo.c(); function f(window) { window.d(); } navigator.e(); getWin().f();`,
      (call, context) => {
        const model = resourceModel(context);
        const callee = call.callee as TSESTree.MemberExpression;
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = (callee.property as TSESTree.Identifier).name;
        expect(isGlobalTarget(callee.object, model), name).toBe(['a', 'b', 'e'].includes(name));
      },
    );
  });
});

describe('owners', () => {
  it('names class members and teardown methods', () => {
    withCalls(
      `class A { stop() {} #close() {} 'dispose'() {} [Symbol.dispose]() {} [Symbol.asyncDispose]() {} [key]() {} [42]() {} x = 1; ['y'] = 2; 3 = 4; }; mark();`,
      (call, context) => {
        const names = (context.sourceCode.ast.body[0] as TSESTree.ClassDeclaration).body.body.map((member) =>
          memberName(member as TSESTree.MethodDefinition | TSESTree.PropertyDefinition),
        );
        expect(names).toEqual([
          'stop',
          '#close',
          'dispose',
          '[Symbol.dispose]',
          '[Symbol.asyncDispose]',
          null,
          null,
          'x',
          'y',
          null,
        ]);
      },
    );
    expect(isTeardownName('#close')).toBe(true);
    expect(isTeardownName('@@dispose')).toBe(true);
    expect(isTeardownName('@@asyncDispose')).toBe(true);
    expect(isTeardownName('start')).toBe(false);
    expect(isTeardownName(null)).toBe(false);
    expect(isTeardownName('halt', ['halt'])).toBe(true);
    expect(teardownMethodNames).toContain('componentWillUnmount');
  });

  it('finds effect callbacks and their cleanups', () => {
    const cleanups = (code: string): string[] | null =>
      firstCall(code, 'useEffect', (call, context) => {
        const callback = effectCallbackOf(call);
        return callback ? effectCleanupsOf(callback).map((node) => context.sourceCode.getText(node)) : null;
      });
    expect(cleanups(`useEffect(() => { const id = 1; return () => clear(id); }, []);`)).toEqual(['() => clear(id)']);
    expect(cleanups(`React.useEffect(function () { if (a) return; function stop() {} return stop; });`)).toEqual([
      'function stop() {}',
    ]);
    expect(cleanups(`useEffect(() => { const stop = () => {}; return stop; });`)).toEqual(['() => {}']);
    expect(cleanups(`useEffect(() => { return cleanup; });`)).toEqual(['cleanup']);
    expect(cleanups(`useEffect(() => () => clear());`)).toEqual(['() => clear()']);
    expect(cleanups(`useEffect(() => subscribe());`)).toEqual([]);
    expect(cleanups(`useEffect(() => { return; });`)).toEqual([]);
    expect(
      cleanups(`useEffect(() => {
  try { if (a) { return () => a(); } else return () => b(); } catch { return () => c(); } finally { }
  switch (x) { case 1: return () => d(); }
  for (;;) { return () => e(); }
  label: while (x) { return () => f(); }
  const g = () => { return () => nested(); };
});`),
    ).toHaveLength(6);
    expect(cleanups(`useEffect(effect);`)).toBeNull();
    expect(cleanups(`useEffect(...args);`)).toBeNull();
    expect(firstCall(`useMemo(() => 1);`, 'useMemo', (call) => effectCallbackOf(call))).toBeNull();
    expect(firstCall(`useMemo(() => 1);`, 'useMemo', (call) => effectCallbackOf(call, ['useMemo']))).not.toBeNull();
    expect(firstCall(`(getHook())(() => 1);`, 'getHook', () => null)).toBeNull();
  });

  it('visits own returns only', () => {
    expect.hasAssertions();
    withCalls(
      `function f() { if (a) return 1; const g = () => { return 2; }; { return 3; } } mark();`,
      (call, context) => {
        const fn = context.sourceCode.ast.body[0] as TSESTree.FunctionDeclaration;
        const seen: string[] = [];
        forEachOwnReturn(fn.body, (statement) => seen.push(context.sourceCode.getText(statement)));
        expect(seen.sort()).toEqual(['return 1;', 'return 3;']);
      },
    );
  });

  it('knows app-lifetime functions and request handlers', () => {
    expect.hasAssertions();
    withCalls(
      `function main() { a(); }
const main2 = () => b();
const main = async () => c();
(async () => { d(); })();
function setup() { (() => { e(); })(); }
app.get('/x', (req, res) => { f(); });
router.use((req, res, next) => { g(); });
http.createServer((req, res) => { h(); });
cache.get(key, () => { i(); });
list.forEach(() => { j(); });
class K { m() { k(); } }`,
      (call, context) => {
        const name = context.sourceCode.getText(call.callee);
        if (name.length !== 1) return;
        let fn: TSESTree.Node | undefined = call.parent;
        while (
          fn &&
          fn.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
          fn.type !== AST_NODE_TYPES.FunctionDeclaration &&
          fn.type !== AST_NODE_TYPES.FunctionExpression
        )
          fn = fn.parent;
        const node = fn as FunctionNode;
        expect(isAppLifetimeFunction(node), name).toBe(['a', 'c', 'd'].includes(name));
        expect(isRequestHandler(node), name).toBe(['f', 'g', 'h'].includes(name));
        expect(isModuleLevel(call), name).toBe(false);
      },
    );
    withCalls(`top(); class A { x = f(); }`, (call, context) => {
      expect(isModuleLevel(call), context.sourceCode.getText(call)).toBe(context.sourceCode.getText(call) === 'top()');
    });
  });

  it('reads a signal option from any argument', () => {
    expect.hasAssertions();
    withCalls(`f(1, { signal }, 2); g({ 'signal': s }); h({ [signal]: s, ...rest }); k(...args);`, (call, context) => {
      const found = signalOption(call.arguments);
      const name = context.sourceCode.getText(call.callee);
      expect(found !== null, name).toBe(name === 'f' || name === 'g');
    });
  });
});
