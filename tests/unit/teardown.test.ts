import type { TSESTree } from '@typescript-eslint/utils';
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
    withCalls(CODE, (call, context) => {
      if (context.sourceCode.getText(call.callee) !== 'a') return;
      const classNode = context.sourceCode.ast.body[0] as ClassNode;
      const lifecycle = classLifecycleOf(classNode, context.sourceCode);
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
      // memoised per name list
      expect(classLifecycleOf(classNode, context.sourceCode)).toBe(lifecycle);
      const custom = ['flush'];
      const other = classLifecycleOf(classNode, context.sourceCode, custom);
      expect(other.teardowns.map((method) => method.name)).toEqual(['flush']);
      expect(classLifecycleOf(classNode, context.sourceCode, custom)).toBe(other);
    });
  });

  it('places nodes in methods, teardown and callbacks', () => {
    const seen: Record<string, string> = {};
    withCalls(CODE, (call, context) => {
      const name = context.sourceCode.getText(call.callee);
      if (name.length > 2) return;
      const classNode = context.sourceCode.ast.body[0] as ClassNode;
      const lifecycle = classLifecycleOf(classNode, context.sourceCode);
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

  it('finds no class outside class bodies', () => {
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
