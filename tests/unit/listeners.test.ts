import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { classListenerFacts, listenerRemovalsIn } from '../../src/analysis/listenerFacts.js';
import { listenerVerdictOf, type ListenerPolicy, type ListenerVerdict } from '../../src/analysis/listeners.js';
import { outlivingTargetKeys } from '../../src/analysis/listenerTargets.js';
import { isConstructorOwner, isPrivateHelper, shortLivedOwnerOf } from '../../src/analysis/owners.js';
import { codeOrFallbackIfLong, MAX_QUOTED_REFERENCE_LENGTH, textOrFallbackIfLong } from '../../src/messages.js';
import {
  endOfLifeEventTypes,
  isListenerAdditionName,
  isListenerRemovalName,
  isStandardInput,
  listenerAdditionOf,
  listenerCountMethodNames,
  oneShotEventTypes,
  targetEndingMethodNames,
} from '../../src/resources/listeners.js';
import { resourceModel } from '../../src/resources/match.js';
import { calleeName, isFunction } from '../../src/util/ast.js';
import { withCalls } from './harness.js';

const defaults: ListenerPolicy = { injected: false };

function summary(verdict: ListenerVerdict): string {
  switch (verdict.kind) {
    case 'kept':
      return `kept: ${verdict.reason}`;
    case 'unnamedHandler':
      return `unnamedHandler: ${verdict.owner.kind} teardown=${verdict.teardown?.name ?? '-'}`;
    case 'neverRemoved':
      return `neverRemoved: ${verdict.owner.kind} ${verdict.handlerKey} teardown=${verdict.teardown?.name ?? '-'}`;
    case 'removedOutsideTeardown':
      return `removedOutsideTeardown: ${verdict.owner.kind} ${verdict.handlerKey} by ${verdict.method}`;
    case 'perCallLeak':
      return `perCallLeak: ${verdict.leak.kind}`;
  }
}

/**
 * The verdict on every call whose name could add a listener, in source order, summarised; `cleanup` is
 * `settings.cleanup` (teardown methods and effect hooks are settings, not policy).
 */
function verdicts(code: string, policy: Partial<ListenerPolicy> = {}, cleanup: Record<string, unknown> = {}): string[] {
  const found: string[] = [];
  withCalls(
    code,
    (call, context) => {
      if (!isListenerAdditionName(calleeName(call))) return;
      found.push(summary(listenerVerdictOf(call, resourceModel(context), { ...defaults, ...policy })));
    },
    { cleanup },
  );
  return found;
}

/** The verdict on the last listener addition in `code` (the innermost of nested ones). */
function lastVerdict(code: string, policy: Partial<ListenerPolicy> = {}): string {
  return verdicts(code, policy).at(-1) ?? 'none';
}

/** The verdict on the only listener addition in `code`. */
function verdict(code: string, policy: Partial<ListenerPolicy> = {}, cleanup: Record<string, unknown> = {}): string {
  const found = verdicts(code, policy, cleanup);
  expect(found, code).toHaveLength(1);
  return found[0] ?? '';
}

describe('listenerVerdictOf: listeners that are not left behind', () => {
  it('keeps what is not a (type, handler) registration', () => {
    expect(verdict(`class A { m() { bus.on(...args); } }`)).toBe('kept: notAnAddition');
    expect(verdict(`class A { m() { $(el).on('click', '.item', fn); } }`)).toBe('kept: notAnAddition');
  });

  it('keeps listeners that remove themselves', () => {
    expect(verdict(`class A { m() { window.addEventListener('x', this.h, { once: true }); } }`)).toBe(
      'kept: removesItself',
    );
    expect(verdict(`class A { m() { window.addEventListener('x', this.h, { signal: this.ac.signal }); } }`)).toBe(
      'kept: removesItself',
    );
    expect(verdict(`class A { m() { window.once('x', this.h); } }`)).toBe('kept: removesItself');
  });

  it('keeps listeners on a target that is being destroyed', () => {
    expect(verdict(`const bus = make(); class A { m() { bus.on('error', noop).destroy(); } }`)).toBe(
      'kept: targetDestroyed',
    );
    expect(verdict(`const bus = make(); class A { m() { util.destroy(bus.on('error', noop)); } }`)).toBe(
      'kept: targetDestroyed',
    );
    expect(verdict(`const bus = make(); class A { m() { log(bus.on('error', noop)); } }`)).not.toBe(
      'kept: targetDestroyed',
    );
  });

  it('keeps app-lifetime listeners and listeners of code that runs once or for an unknown time', () => {
    expect(verdict(`class A { m() { process.on('SIGINT', this.h); } }`)).toBe('kept: appLifetime');
    expect(verdict(`window.addEventListener('resize', onResize);`)).toBe('kept: noShortLivedOwner');
    expect(verdict(`function main() { window.addEventListener('resize', onResize); }`)).toBe('kept: noShortLivedOwner');
    // Issue 16: a plain function that adds to a long-lived target and removes it nowhere leaks per call.
    expect(verdict(`function attach() { window.addEventListener('resize', onResize); }`)).toBe('perCallLeak: perCall');
    expect(verdict(`function attach(onResize) { window.addEventListener('resize', onResize); }`)).toBe(
      'kept: noShortLivedOwner',
    );
    expect(verdict(`class A { static m() { window.addEventListener('resize', onResize); } }`)).toBe(
      'kept: noShortLivedOwner',
    );
    // A callback of an app-lifetime listener runs once for the program.
    expect(verdicts(`class A { m() { process.on('SIGTERM', () => { bus.on('x', h); }); } }`)).toEqual([
      'kept: appLifetime',
      'kept: noShortLivedOwner',
    ]);
  });

  it('keeps listeners added only while the target has none', () => {
    expect(verdict(`class A { m() { if (bus.listenerCount('x') === 0) bus.on('x', this.h); } }`)).toBe(
      'kept: guardedByListenerCount',
    );
    expect(verdict(`class A { m() { !window.listeners('x').length && window.on('x', this.h); } }`)).toBe(
      'kept: guardedByListenerCount',
    );
    expect(verdict(`class A { m() { cond(count(process?.listeners('x'))) ? process.on('x', this.h) : 0; } }`)).toBe(
      'kept: guardedByListenerCount',
    );
    expect(verdict(`class A { m() { if (ready) window.on('x', this.h); } }`)).not.toBe('kept: guardedByListenerCount');
  });

  it('keeps listeners a teardown method adds', () => {
    expect(verdict(`class A { close() { window.addEventListener('x', this.h); } }`)).toBe('kept: addedAtTeardown');
    expect(
      verdict(`class A { halt() { window.addEventListener('x', this.h); } }`, {}, { teardownMethods: ['halt'] }),
    ).toBe('kept: addedAtTeardown');
  });

  it('keeps listeners on targets that die with their owner', () => {
    expect(verdict(`class A { m() { const e = new Emitter(); e.on('x', this.h); } }`)).toBe(
      'kept: targetDiesWithOwner',
    );
    expect(verdict(`class A { m() { this.on('x', this.h); } }`)).toBe('kept: targetDiesWithOwner');
    expect(verdict(`class A { m() { process.stdin.on('data', this.h); } }`)).toBe('kept: targetDiesWithOwner');
    expect(lastVerdict(`server.on('connection', (socket) => { socket.on('data', onData); });`)).toBe(
      'kept: targetDiesWithOwner',
    );
    expect(verdict(`class A { m() { this.streams[i].on('x', this.h); } }`)).toBe('kept: targetDiesWithOwner');
  });

  it('keeps listeners removed where the owner ends', () => {
    expect(
      verdict(
        `class A { open() { window.addEventListener('x', this.h); } close() { window.removeEventListener('x', this.h); } }`,
      ),
    ).toBe('kept: removed');
    // Removed by a method the teardown calls, or in a callback.
    expect(
      verdict(
        `class A { open() { window.addEventListener('x', this.h); } close() { this.detach(); } detach() { window.removeEventListener('x', this.h); } }`,
      ),
    ).toBe('kept: removed');
    expect(
      verdicts(
        `const bus = make(); class A { open(s) { bus.on('x', this.h); s.once('close', () => bus.off('x', this.h)); } close() {} }`,
      ),
    ).toEqual(['kept: removed', 'kept: removesItself']);
    // No teardown method: a removal anywhere in the class counts.
    expect(
      verdict(
        `class A { open() { window.addEventListener('x', this.h); } other() { window.removeEventListener('x', this.h); } }`,
      ),
    ).toBe('kept: removed');
    // An abstract teardown method decides for its subclasses.
    expect(
      verdict(`abstract class A { open() { window.addEventListener('x', this.h); } abstract close(): void; }`),
    ).toBe('kept: removed');
    expect(
      verdict(
        `function C() { useEffect(() => { window.addEventListener('x', h); return () => window.removeEventListener('x', h); }); }`,
      ),
    ).toBe('kept: removed');
  });
});

describe('listenerVerdictOf: leaks', () => {
  it('reports a listener never removed, with the class teardown', () => {
    expect(verdict(`class A { open() { window.addEventListener('resize', this.onResize); } close() {} }`)).toBe(
      'neverRemoved: instance this.onResize teardown=close',
    );
    expect(verdict(`class A { constructor() { document.body.addEventListener('x', this.h); } }`)).toBe(
      'neverRemoved: instance this.h teardown=-',
    );
    // `off` right before `on` in the same method re-registers, it does not stop.
    expect(
      verdict(`class A { open() { window.removeEventListener('x', this.h); window.addEventListener('x', this.h); } }`),
    ).toBe('neverRemoved: instance this.h teardown=-');
  });

  it('reports a handler made in the call', () => {
    expect(verdict(`class A { open() { window.addEventListener('x', () => {}); } }`)).toBe(
      'unnamedHandler: instance teardown=-',
    );
    expect(verdict(`class A { open() { window.addEventListener('x', this.h.bind(this)); } dispose() {} }`)).toBe(
      'unnamedHandler: instance teardown=dispose',
    );
    // An inline handler is reported as such even where `removeAllListeners` outside the teardown would match it.
    expect(
      verdict(
        `const bus = make(); class A { open() { bus.on('x', () => {}); } pause() { bus.removeAllListeners('x'); } close() {} }`,
      ),
    ).toBe('unnamedHandler: instance teardown=close');
  });

  it('reports a listener removed only outside the teardown', () => {
    expect(
      verdict(
        `class A { open() { window.addEventListener('x', this.h); } pause() { window.removeEventListener('x', this.h); } close() {} }`,
      ),
    ).toBe('removedOutsideTeardown: instance this.h by pause');
    expect(
      verdict(
        `class A { open() { window.addEventListener('x', this.h); } [key]() { window.removeEventListener('x', this.h); } close() {} }`,
      ),
    ).toBe('removedOutsideTeardown: instance this.h by another method');
  });

  it('reports effects and handlers', () => {
    expect(verdict(`function C() { useEffect(() => { window.addEventListener('x', h); }); }`)).toBe(
      'neverRemoved: effect h teardown=-',
    );
    expect(verdict(`function C({ bus }) { useEffect(() => { bus.on('x', h); }); }`)).toBe(
      'neverRemoved: effect h teardown=-',
    );
    expect(verdict(`function C() { const bus = make(); useEffect(() => { bus.on('x', h); }); }`)).toBe(
      'kept: targetDiesWithOwner',
    );
    expect(verdict(`function C() { useMount(() => { window.addEventListener('x', h); }); }`)).toBe(
      'kept: noShortLivedOwner',
    );
    expect(
      verdict(
        `function C() { useMount(() => { window.addEventListener('x', h); }); }`,
        {},
        { effectHooks: ['useMount'] },
      ),
    ).toBe('neverRemoved: effect h teardown=-');
    const bus = `const bus = make();`;
    expect(lastVerdict(`${bus} server.on('connection', (socket) => { bus.on('x', onX); });`)).toBe(
      'neverRemoved: handler onX teardown=-',
    );
    expect(verdict(`${bus} app.get('/x', (req, res) => { bus.on('x', onX); });`)).toBe(
      'neverRemoved: handler onX teardown=-',
    );
    expect(verdict(`${bus} app.get('/x', (req, res) => { bus.on('x', onX); bus.off('x', onX); });`)).toBe(
      'kept: removed',
    );
    expect(lastVerdict(`server.on('request', () => { process.stdin.on('data', onData); });`)).toBe(
      'neverRemoved: handler onData teardown=-',
    );
    // A handler made by the enclosing function dies with its work; one from outside does not.
    expect(lastVerdict(`function f() { const s = new Stream(); s.on('data', () => { s.on('x', onX); }); }`)).toBe(
      'kept: targetDiesWithOwner',
    );
    expect(
      lastVerdict(`async function f(s) { const t = await open(); s.on('data', () => { t.on('x', onX); }); }`),
    ).toBe('kept: targetDiesWithOwner');
    expect(lastVerdict(`function f(s) { const t = s.child; s.on('data', () => { t.on('x', onX); }); }`)).toBe(
      'neverRemoved: handler onX teardown=-',
    );
    expect(lastVerdict(`function f(s, t) { s.on('data', () => { t.on('x', onX); }); }`)).toBe(
      'neverRemoved: handler onX teardown=-',
    );
  });

  it('reports objects a class was handed only with `injected`', () => {
    const handed = `class A { constructor(bus) { this.bus = bus; } open() { this.bus.on('x', this.h); } }`;
    expect(verdict(handed)).toBe('kept: targetDiesWithOwner');
    expect(verdict(handed, { injected: true })).toBe('neverRemoved: instance this.h teardown=-');
    const made = `class A { constructor() { this.bus = new Emitter(); } open() { this.bus.on('x', this.h); } }`;
    expect(verdict(made, { injected: true })).toBe('kept: targetDiesWithOwner');
    const parameter = `class A { open(socket) { socket.on('x', this.h); } }`;
    expect(verdict(parameter)).toBe('kept: targetDiesWithOwner');
    expect(verdict(parameter, { injected: true })).toBe('neverRemoved: instance this.h teardown=-');
    // A private helper's parameter is the class's own; a destroyed one too.
    expect(verdict(`class A { _attach(socket) { socket.on('x', this.h); } }`, { injected: true })).toBe(
      'kept: targetDiesWithOwner',
    );
    expect(
      verdict(`class A { open(socket) { this.s = socket; socket.on('x', this.h); } close() { this.s.destroy(); } }`, {
        injected: true,
      }),
    ).toBe('kept: targetDiesWithOwner');
    // A factory's parameter outlives every instance, with or without `injected`.
    expect(verdict(`function make(bus) { return class { open() { bus.on('x', this.h); } }; }`)).toBe(
      'neverRemoved: instance this.h teardown=-',
    );
  });
});

describe('shortLivedOwnerOf', () => {
  it('finds the shorter-lived code that adds the listener', () => {
    expect.hasAssertions();
    const owners: Record<string, string> = {};
    withCalls(
      `class A { constructor() { a.on('x', h); } #wire() { b.on('x', h); } _attach() { c.on('x', h); } field = () => { d.on('x', h); }; m() { list.forEach(() => { e.on('x', h); }); } }
function C() { useEffect(() => { f.on('x', h); }); }
server.on('data', () => { g.on('x', h); });
socket.on('close', () => { i.on('x', h); });
const o = { m() { j.on('x', h); } };`,
      (call, context) => {
        if (calleeName(call) !== 'on') return;
        const owner = shortLivedOwnerOf(call, resourceModel(context));
        const callee = call.callee as TSESTree.MemberExpression;
        const name = context.sourceCode.getText(callee.object);
        if (owner?.kind === 'instance')
          owners[name] =
            `instance ${isConstructorOwner(owner) ? 'constructor' : 'method'} ${isPrivateHelper(owner) ? 'private' : 'public'}`;
        else if (owner?.kind === 'effect') owners[name] = `effect ${owner.hook} ${owner.component?.type ?? '-'}`;
        else owners[name] = owner?.kind ?? 'none';
      },
    );
    expect(owners).toEqual({
      a: 'instance constructor public',
      b: 'instance method private',
      c: 'instance method private',
      d: 'instance method public',
      e: 'instance method public',
      f: `effect useEffect ${AST_NODE_TYPES.FunctionDeclaration}`,
      server: 'none',
      g: 'handler',
      socket: 'none',
      i: 'none',
      j: 'none',
    });
  });
});

describe('outlivingTargetKeys', () => {
  it('lists the fields a handed-in target is stored in', () => {
    expect.hasAssertions();
    withCalls(
      `class A { open(socket) { this.socket = socket; this.other = socket; socket.on('x', this.h); } }`,
      (call, context) => {
        if (calleeName(call) !== 'on') return;
        const model = resourceModel(context);
        const addition = listenerAdditionOf(call, model);
        const owner = shortLivedOwnerOf(call, model);
        expect(addition && owner && outlivingTargetKeys(addition, owner, model, true)).toEqual([
          'socket',
          'this.socket',
          'this.other',
        ]);
        expect(addition && owner && outlivingTargetKeys(addition, owner, model, false)).toBeNull();
      },
    );
  });

  it('follows aliases a few steps only', () => {
    expect(verdict(`const bus = make(); class A { m() { const a = bus; const b = a; b.on('x', this.h); } }`)).toBe(
      'neverRemoved: instance this.h teardown=-',
    );
    expect(
      verdict(
        `const bus = make(); class A { m() { const a = bus; const b = a; const c = b; const d = c; const e = d; const f = e; f.on('x', this.h); } }`,
      ),
    ).toBe('kept: targetDiesWithOwner');
    expect(verdict(`const bus = make(); class A { m() { let a = bus; a = other; a.on('x', this.h); } }`)).toBe(
      'kept: targetDiesWithOwner',
    );
    expect(verdict(`import bus from 'bus'; class A { m() { bus.on('x', this.h); } }`)).toBe(
      'neverRemoved: instance this.h teardown=-',
    );
  });
});

describe('classListenerFacts and listenerRemovalsIn', () => {
  it('collects removals, destroyed objects and fields the class makes, once per class', () => {
    expect.hasAssertions();
    withCalls(
      `class A {
  made = new Emitter();
  given = this.options.bus;
  static shared = new Emitter();
  constructor(bus, opts) { this.bus = bus; this.opts = opts?.x; this.mine = make(); this.count += 1; }
  close() { this.bus.off('x', this.h); this.socket.destroy(); destroy(this.stream, err); end(...rest); this.made.removeAllListeners(); this[key](); }
}
mark();`,
      (call, context) => {
        if (calleeName(call) !== 'mark') return;
        const model = resourceModel(context);
        const classNode = context.sourceCode.ast.body[0] as TSESTree.ClassDeclaration;
        const facts = classListenerFacts(classNode, model);
        expect(classListenerFacts(classNode, model)).toBe(facts);
        expect(facts.removals.map((removal) => removal.targetKey)).toEqual(['this.bus', 'this.made']);
        expect([...facts.destroyed].sort()).toEqual(['this.made', 'this.socket', 'this.stream']);
        // `this.options.bus` is no parameter: the class made (or at least holds) it; `opts?.x` is one.
        expect([...facts.madeFields].sort()).toEqual(['this.given', 'this.made', 'this.mine']);
      },
    );
  });

  it('collects the removals inside a function, once per function', () => {
    expect.hasAssertions();
    withCalls(
      `function f() { a.off('x', h); a.off('y', () => {}); if (c) b.removeAllListeners(); } mark();`,
      (call, context) => {
        if (calleeName(call) !== 'mark') return;
        const model = resourceModel(context);
        const fn = context.sourceCode.ast.body[0];
        if (!fn || !isFunction(fn)) throw new Error('no function');
        const removals = listenerRemovalsIn(fn, model);
        expect(listenerRemovalsIn(fn, model)).toBe(removals);
        expect(removals.map((removal) => `${removal.targetKey} ${removal.typeKey ?? '*'}`)).toEqual(['a x', 'b *']);
      },
    );
  });
});

describe('resources/listeners', () => {
  it('knows the names and events', () => {
    expect(isListenerAdditionName('addEventListener')).toBe(true);
    expect(isListenerAdditionName('prependListener')).toBe(true);
    expect(isListenerAdditionName('off')).toBe(false);
    expect(isListenerAdditionName(null)).toBe(false);
    expect(isListenerRemovalName('removeAllListeners')).toBe(true);
    expect(isListenerRemovalName('on')).toBe(false);
    expect(isListenerRemovalName(null)).toBe(false);
    expect(oneShotEventTypes).toContain('close');
    expect([...endOfLifeEventTypes].every((type) => oneShotEventTypes.includes(type))).toBe(true);
    expect(targetEndingMethodNames.has('destroy')).toBe(true);
    expect(listenerCountMethodNames).toEqual(['listenerCount', 'listeners']);
  });

  it('recognises the global standard input', () => {
    expect.hasAssertions();
    withCalls(
      `process.stdin.a(); process['stdin'].b(); process.stdout.c(); function f(process) { process.stdin.d(); } other.stdin.e(); (process.stdin as any).g();`,
      (call, context) => {
        const callee = call.callee as TSESTree.MemberExpression;
        const name = calleeName(call) ?? '';
        expect(isStandardInput(callee.object, resourceModel(context)), name).toBe(['a', 'g'].includes(name));
      },
    );
  });
});

describe('messages', () => {
  it('quotes short references and replaces long ones', () => {
    const long = 'x'.repeat(MAX_QUOTED_REFERENCE_LENGTH + 1);
    expect(textOrFallbackIfLong('this.onResize', '…')).toBe('this.onResize');
    expect(textOrFallbackIfLong(long, '…')).toBe('…');
    expect(textOrFallbackIfLong('abcd', '…', 3)).toBe('…');
    expect(codeOrFallbackIfLong('window', 'its target')).toBe('`window`');
    expect(codeOrFallbackIfLong(long, 'its target')).toBe('its target');
  });
});

describe('listenerVerdictOf: per-call leaks of any function (issue 16)', () => {
  const race = (target: string): string =>
    `new Promise((resolve, reject) => { ${target}.once('drain', resolve); ${target}.once('error', reject); })`;

  it('reports a `once` listener that loses a race on a long-lived target', () => {
    // A field the method does not set, through an arrow's `this`; a module-level emitter; a parameter.
    expect(verdicts(`class A { m() { return ${race('this.stream')}; } }`)).toEqual([
      'kept: removesItself',
      'perCallLeak: lostRace',
    ]);
    expect(verdicts(`const bus = make(); function m() { return ${race('bus')}; }`)).toEqual([
      'kept: removesItself',
      'perCallLeak: lostRace',
    ]);
    expect(lastVerdict(`function m(stream) { return ${race('stream')}; }`)).toBe('perCallLeak: lostRace');
  });

  it('keeps a race on an object the call makes, or in code that runs once or per instance', () => {
    expect(lastVerdict(`class A { m() { this.stream = open(); return ${race('this.stream')}; } }`)).toBe(
      'kept: removesItself',
    );
    expect(lastVerdict(`class A { constructor() { ${race('this.stream')}; } }`)).toBe('kept: removesItself');
    expect(lastVerdict(`class A { static m() { return ${race('this')}; } }`)).toBe('kept: removesItself');
    expect(lastVerdict(`const bus = make(); ${race('bus')};`)).toBe('kept: removesItself');
    expect(lastVerdict(`const bus = make(); function main() { return ${race('bus')}; }`)).toBe('kept: removesItself');
    expect(lastVerdict(`function m() { const stream = open(); return ${race('stream')}; }`)).toBe(
      'kept: removesItself',
    );
    expect(lastVerdict(`function m(stream) { stream.once('drain', resolve); stream.once('error', reject); }`)).toBe(
      'kept: removesItself',
    );
  });

  it('follows a signal to the parameter it came from', () => {
    expect(verdict(`function f(options) { const s = options.signal; s.addEventListener('abort', h); }`)).toBe(
      'perCallLeak: signalListener',
    );
    expect(verdict(`function f(options) { let s = options.signal; s = other; s.addEventListener('abort', h); }`)).toBe(
      'kept: noShortLivedOwner',
    );
    expect(verdict(`function f() { signal.addEventListener('abort', h); }`)).toBe('kept: noShortLivedOwner');
    expect(verdict(`class A { constructor(signal) { signal.addEventListener('abort', this.h); } }`)).toBe(
      'kept: targetDiesWithOwner',
    );
    // A handler's payload is the event's, not a caller's that calls again.
    expect(lastVerdict(`server.on('request', (req) => { req.signal.addEventListener('abort', h); });`)).toBe(
      'kept: targetDiesWithOwner',
    );
  });

  it('keeps a plain function registering behind a once-only flag', () => {
    expect(verdict(`let on = false; function f() { on || window.addEventListener('x', h); on = true; }`)).toBe(
      'kept: noShortLivedOwner',
    );
    expect(
      verdict(`function f() { if (!window.hooked) { window.hooked = true; window.addEventListener('x', h); } }`),
    ).toBe('kept: noShortLivedOwner');
    expect(verdict(`function f(flag) { if (flag) window.addEventListener('x', h); }`)).toBe('perCallLeak: perCall');
  });
});
