import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  classLifecycleOf,
  enclosingMethod,
  isInMethodCallback,
  methodContaining,
  runsAtTeardown,
  thisClassOf,
  type ClassNode,
} from '../../src/analysis/teardown.js';
import { resourceModel } from '../../src/resources/match.js';
import { withCalls } from './harness.js';

const CODE = `class Poller {
  static create() { s(); }
  #timer = 0;
  onTick = () => { t(); };
  constructor() { c(); }
  start() { a(); this.on('x', () => { cb(); }); }
  #stopTimer() { x(); }
  flush() { f(); }
  close() { this.#stopTimer(); this.flush?.(); const Inner = class { m() { this.close(); } }; }
  [Symbol.dispose]() { this.close(); }
  get state() { g(); return 1; }
}`;

describe('classLifecycleOf', () => {
  it('lists methods, teardowns and what they reach through this', () => {
    expect.hasAssertions();
    withCalls(CODE, (call, context) => {
      if (context.sourceCode.getText(call.callee) !== 'a') return;
      const classNode = context.sourceCode.ast.body[0] as ClassNode;
      const lifecycle = classLifecycleOf(classNode, resourceModel(context));
      expect(lifecycle.methods.map((method) => method.name)).toEqual([
        'create',
        'onTick',
        'constructor',
        'start',
        '#stopTimer',
        'flush',
        'close',
        '[Symbol.dispose]',
        'state',
      ]);
      expect(lifecycle.methods.map((method) => method.isStatic)).toEqual([
        true,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
      expect(lifecycle.teardowns.map((method) => method.name)).toEqual(['close', '[Symbol.dispose]']);
      expect([...lifecycle.reached].map((method) => method.name).sort()).toEqual([
        '#stopTimer',
        '[Symbol.dispose]',
        'close',
        'flush',
      ]);
      // memoised per class: one lifecycle for every rule
      expect(classLifecycleOf(classNode, resourceModel(context))).toBe(lifecycle);
    });
  });

  it('takes the teardown methods from settings.cleanup', () => {
    expect.hasAssertions();
    withCalls(
      CODE,
      (call, context) => {
        if (context.sourceCode.getText(call.callee) !== 'a') return;
        const classNode = context.sourceCode.ast.body[0] as ClassNode;
        const other = classLifecycleOf(classNode, resourceModel(context));
        expect(other.teardowns.map((method) => method.name)).toEqual(['flush']);
        expect(classLifecycleOf(classNode, resourceModel(context))).toBe(other);
      },
      { cleanup: { teardownMethods: ['flush'] } },
    );
  });

  it('places nodes in methods, teardown and callbacks', () => {
    const seen: Record<string, string> = {};
    withCalls(CODE, (call, context) => {
      const name = context.sourceCode.getText(call.callee);
      if (name.length > 2) return;
      const classNode = context.sourceCode.ast.body[0] as ClassNode;
      const lifecycle = classLifecycleOf(classNode, resourceModel(context));
      const method = methodContaining(lifecycle, call);
      const owner = thisClassOf(call);
      seen[name] = [
        method?.name ?? '-',
        runsAtTeardown(lifecycle, call) ? 'teardown' : '',
        isInMethodCallback(lifecycle, call) ? 'callback' : '',
        owner ? 'this' : 'no-this',
        enclosingMethod(call) ? 'in-method' : '',
      ].join(' ');
    });
    expect(seen).toEqual({
      s: 'create   no-this in-method',
      t: 'onTick   this in-method',
      c: 'constructor   this in-method',
      a: 'start   this in-method',
      cb: 'start  callback this in-method',
      x: '#stopTimer teardown  this in-method',
      f: 'flush teardown  this in-method',
      g: 'state   this in-method',
    });
  });

  it('counts the implementation of an overloaded method, not its signatures, and defers abstract teardowns', () => {
    expect.hasAssertions();
    const code = `abstract class Job {
  start(): void;
  start(ms: number): void;
  start(ms = 1) { a(); }
  stop(): void;
  stop(reason: string): void;
  stop(reason?: string) { this.flush(); }
  abstract flush(): void;
  abstract close(): void;
  abstract dispose: () => void;
  static stop(): void;
  static stop(x?: number) {}
}
abstract class Base { abstract close(): void; run() { b(); } }
declare class Ambient { close(): void; }
class Plain { stop() { c(); } }`;
    const seen: Record<string, string> = {};
    withCalls(code, (call, context) => {
      if (call.callee.type !== AST_NODE_TYPES.Identifier) return;
      const classNode = context.sourceCode.ast.body.find(
        (node) => node.range[0] <= call.range[0] && call.range[1] <= node.range[1],
      ) as ClassNode;
      const lifecycle = classLifecycleOf(classNode, resourceModel(context));
      seen[context.sourceCode.getText(call.callee)] = [
        lifecycle.methods.map((method) => method.name).join(','),
        lifecycle.teardowns.map((method) => method.name).join(','),
        String(lifecycle.deferredTeardown),
      ].join(' | ');
      const ambient = context.sourceCode.ast.body[2] as ClassNode;
      const declared = classLifecycleOf(ambient, resourceModel(context));
      expect([declared.methods.length, declared.teardowns.length, declared.deferredTeardown]).toEqual([0, 0, true]);
    });
    expect(seen).toEqual({
      // `close` and `dispose` are abstract with no implementation here: a subclass writes them. The second `stop` is
      // the static one's implementation.
      a: 'start,stop,stop | stop | true',
      b: 'run |  | true',
      c: 'stop | stop | false',
    });
  });

  it('finds no class outside class bodies', () => {
    expect.hasAssertions();
    withCalls(
      `function f() { a(); } const o = { m() { b(); } }; class C { static { c(); } static x = d(); y = e(); }`,
      (call, context) => {
        const name = context.sourceCode.getText(call.callee);
        expect(thisClassOf(call) !== null, name).toBe(name === 'e');
        expect(enclosingMethod(call as TSESTree.Node) !== null, name).toBe(name === 'd' || name === 'e');
      },
    );
  });
});
