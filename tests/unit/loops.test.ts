import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  canEnd,
  isHeadEndless,
  isLongRunningShape,
  loopFactsOf,
  type LoopFacts,
  type LoopNode,
} from '../../src/analysis/loops.js';
import { signalArgumentOf, signalSourceOf } from '../../src/analysis/signals.js';
import { stopChecksOf } from '../../src/analysis/stops.js';
import { isWorkerEntryFile } from '../../src/analysis/workers.js';
import { resourceModel } from '../../src/resources/match.js';
import { withCalls } from './harness.js';

const LOOPS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForOfStatement,
]);

function loopAround(node: TSESTree.Node): LoopNode {
  for (let current = node.parent; current; current = current.parent)
    if (LOOPS.has(current.type)) return current as LoopNode;
  throw new Error('no loop');
}

/** `head | body`, e.g. `condition flags=this.x:outside:true signals=0 | awaits exits=1 …`. */
function summary(facts: LoopFacts | null): string {
  if (!facts) return 'bounded';
  const { head, body } = facts;
  const headText =
    head.kind === 'condition'
      ? `condition flags=${head.flags.map((flag) => `${flag.key}:${flag.setters}:${String(flag.stopValue)}`).join(',')} signals=${head.signals.length}`
      : head.kind === 'iterator'
        ? `iterator ${head.label}`
        : 'constant';
  const parts = [
    body.awaits ? 'awaits' : '',
    body.yields ? 'yields' : '',
    `exits=${body.exits.length}`,
    body.exitFlags.length > 0
      ? `exitFlags=${body.exitFlags.map((flag) => `${flag.key}:${flag.setters}:${String(flag.stopValue)}`).join(',')}`
      : '',
    body.checkedSignals.length > 0 ? `checked=${body.checkedSignals.length}` : '',
    body.awaitedSignals.length > 0 ? `awaited=${body.awaitedSignals.length}` : '',
  ].filter((part) => part !== '');
  return `${headText} | ${parts.join(' ')}`;
}

/** Runs `code` and returns the summary of the loop around each `probe()` call, in order. */
function probe(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
    const loop = loopAround(call);
    const model = resourceModel(context);
    found.push(isLongRunningShape(loop) ? summary(loopFactsOf(loop, model)) : 'shape');
  });
  return found;
}

describe('loop heads', () => {
  it('tells constants, flags, signal checks and data-bounded loops apart', () => {
    expect(
      probe(`declare const signal: AbortSignal;
declare const items: string[];
export async function f(param: boolean) {
  while (!0) probe();
  while ('yes') probe();
  for (;;) probe();
  for (; true; ) probe();
  while (signal.aborted === false) probe();
  while (!signal.aborted && true) probe();
  while (param) probe();
  while (globalFlag) probe();
  let i = 0;
  while (i < items.length) { i++; probe(); }
  let node: { next: unknown } | null = null;
  while (node) { node = null; probe(); }
  while (check()) probe();
  while (/x/) probe();
  for (const item of items) probe();
  while (state.mode === 'on') probe();
  while ('on' !== state.mode) probe();
  while (state.mode === Mode.On) probe();
  while (state.mode === undefined) probe();
  while (state.mode === other) probe();
  while (state[key]) probe();
}`),
    ).toEqual([
      'constant | exits=0',
      'constant | exits=0',
      'constant | exits=0',
      'constant | exits=0',
      'condition flags= signals=1 | exits=0',
      'condition flags= signals=1 | exits=0',
      'condition flags=param:unknown:false signals=0 | exits=0',
      'condition flags=globalFlag:unknown:false signals=0 | exits=0',
      'shape',
      'bounded',
      'shape',
      'shape',
      'shape',
      'condition flags=state.mode:unknown:null signals=0 | exits=0',
      'condition flags=state.mode:unknown:null signals=0 | exits=0',
      'condition flags=state.mode:unknown:null signals=0 | exits=0',
      'condition flags=state.mode:unknown:null signals=0 | exits=0',
      'shape',
      'shape',
    ]);
  });

  it('recognises endless iterators and the options that end them', () => {
    expect(
      probe(`import { on, EventEmitter } from 'node:events';
import * as events from 'events';
import { setInterval as every } from 'node:timers/promises';
import { setInterval as callbacks } from 'node:timers';
import { on as other } from 'other';
declare const emitter: EventEmitter;
declare const options: { signal: AbortSignal };
export async function f(signal: AbortSignal) {
  for await (const _ of every(10)) probe();
  for await (const _ of every(10, undefined, { signal })) probe();
  for await (const _ of callbacks(() => {}, 10) as never) probe();
  for await (const _ of on(emitter, 'x')) probe();
  for await (const _ of events.on(emitter, 'x', {})) probe();
  for await (const _ of EventEmitter.on(emitter, 'x')) probe();
  for await (const _ of events.EventEmitter.on(emitter, 'x')) probe();
  for await (const _ of on(emitter, 'x', { signal })) probe();
  for await (const _ of on(emitter, 'x', { close: ['end'] })) probe();
  for await (const _ of on(emitter, 'x', { ...options })) probe();
  for await (const _ of on(emitter, 'x', options)) probe();
  for await (const _ of other(emitter, 'x')) probe();
  for await (const _ of emitter as never) probe();
  for await (const _ of events.promises.on(emitter, 'x')) probe();
}`),
    ).toEqual([
      'iterator setInterval() | awaits exits=0',
      'bounded',
      'shape',
      'iterator on() | awaits exits=0',
      'iterator on() | awaits exits=0',
      'iterator on() | awaits exits=0',
      'iterator on() | awaits exits=0',
      'bounded',
      'bounded',
      'bounded',
      'bounded',
      'bounded',
      'shape',
      'bounded',
    ]);
  });
});

describe('flags', () => {
  it('finds who sets a flag: nobody, the loop itself, a stop request, or someone unknown', () => {
    expect(
      probe(`let moduleFlag = false;
export function stopAll() { moduleFlag = true; }
export async function f() {
  let restarted = false;
  restarted = false;
  while (!restarted) probe();
  while (!moduleFlag) probe();
  let local = true;
  while (local) { local = false; probe(); }
}
export class Base {}
export class A extends Base {
  async run() { while (!this.closing) probe(); }
}
export class B {
  #stopped = false;
  stopped = false;
  count = 0;
  gone = false;
  state = { stopped: false };
  constructor() { this.stopped = false; }
  async run() {
    this.count = 0;
    while (!this.#stopped) probe();
    while (!this.stopped) probe();
    while (this.count) { this.count--; probe(); }
    while (!this.gone) probe();
    while (!this.state.stopped) probe();
    while (!this.other) probe();
  }
  stop() { delete this.gone; this.count += 1; }
  inner() { return class { m() { this.x = 1; } }; }
}
export function cancel(b: { other: boolean }) { b.other = true; }
export async function plain(this: { x: boolean }) {
  while (!this.x) probe();
}`),
    ).toEqual([
      'condition flags=restarted:never:true signals=0 | exits=0',
      'condition flags=moduleFlag:outside:true signals=0 | exits=0',
      'bounded',
      'condition flags=this.closing:unknown:true signals=0 | exits=0',
      'condition flags=this.#stopped:never:true signals=0 | exits=0',
      'condition flags=this.stopped:never:true signals=0 | exits=0',
      'condition flags=this.count:outside:false signals=0 | exits=0',
      'condition flags=this.gone:outside:true signals=0 | exits=0',
      'condition flags=this.state.stopped:unknown:true signals=0 | exits=0',
      'condition flags=this.other:unknown:true signals=0 | exits=0',
      'condition flags=this.x:unknown:true signals=0 | exits=0',
    ]);
  });
});

describe('loop bodies', () => {
  it('finds the exits that leave the loop, and only those', () => {
    expect(
      probe(`declare const items: string[];
export async function f(signal: AbortSignal) {
  outer: for (const item of items) {
    while (true) { probe(); if (item) break outer; }
  }
  again: while (true) { probe(); for (const item of items) { if (item) continue again; } }
  own: while (true) { probe(); continue own; }
  mine: while (true) { probe(); break mine; }
  while (true) { probe(); for (const item of items) { if (item) break; } continue; }
  while (true) { probe(); try { throw new Error(); } catch { throw new Error('out'); } }
  while (true) { probe(); try { throw new Error(); } finally { return; } }
  while (true) { probe(); process.exit(1); }
  while (true) { probe(); process.abort(); }
  while (true) { probe(); other.exit(); }
  while (true) { probe(); const f = () => { return; }; f(); }
  while (true) { probe(); label: { break label; } }
}
export async function* g() {
  while (true) { probe(); yield 1; }
}`),
    ).toEqual([
      'constant | exits=1',
      'constant | exits=0',
      'constant | exits=0',
      'constant | exits=1',
      'constant | exits=0',
      'constant | exits=1',
      'constant | exits=2',
      'constant | exits=1',
      'constant | exits=1',
      'constant | exits=0',
      'constant | exits=0',
      'constant | exits=0',
      'constant | yields exits=0',
    ]);
  });

  it('finds checked signals, signals passed to awaited calls, and swallowed aborts', () => {
    expect(
      probe(`declare function step(options?: { signal?: AbortSignal }): Promise<void>;
declare function take(signal: AbortSignal): Promise<void>;
declare const ac: AbortController;
export async function f(signal: AbortSignal) {
  while (true) { probe(); if (signal.aborted) break; }
  while (true) { probe(); signal.throwIfAborted(); }
  while (true) { probe(); await step({ signal }); }
  while (true) { probe(); await step({ signal: ac.signal }); }
  while (true) { probe(); await take(signal); }
  while (true) { probe(); await take(ac.signal); }
  while (true) { probe(); await step({ signal }).catch(() => {}); }
  while (true) { probe(); try { await step({ signal }); } catch {} }
  while (true) { probe(); try { await step({ signal }); } catch (error) { console.log(error); } }
  while (true) { probe(); try { await step({ signal }); } catch (error) { if (error) throw error; } }
  while (true) { probe(); await step(); await Promise.resolve(); }
  while (true) { probe(); for await (const x of [] as never[]) console.log(x); }
  for (let i = 0; ; i = await Promise.resolve(i)) probe();
}`),
    ).toEqual([
      'constant | exits=1 checked=1',
      'constant | exits=0 checked=1',
      'constant | awaits exits=0 awaited=1',
      'constant | awaits exits=0 awaited=1',
      'constant | awaits exits=0 awaited=1',
      'constant | awaits exits=0 awaited=1',
      'constant | awaits exits=0',
      'constant | awaits exits=0',
      'constant | awaits exits=0',
      'constant | awaits exits=1 awaited=1',
      'constant | awaits exits=0',
      'constant | awaits exits=0',
      'constant | awaits exits=0',
    ]);
  });

  it('reads the flags that guard an exit, with the value that stops the loop', () => {
    expect(
      probe(`export class C {
  a = false;
  b = true;
  async run(x: boolean) {
    while (true) { probe(); if (this.a) break; }
    while (true) { probe(); if (!this.b) return; }
    while (true) { probe(); if (this.a && x) break; }
    while (true) { probe(); if (x) {} else return; }
    while (true) { probe(); if (this.a === true) break; }
    while (true) { probe(); if (x) if (this.b) break; }
  }
  stop() { this.a = true; this.b = false; }
}`),
    ).toEqual([
      'constant | exits=1 exitFlags=this.a:outside:true',
      'constant | exits=1 exitFlags=this.b:outside:false',
      'constant | exits=1 exitFlags=this.a:outside:null',
      'constant | exits=1',
      'constant | exits=1 exitFlags=this.a:outside:null',
      'constant | exits=1 exitFlags=this.b:outside:true',
    ]);
  });

  it('reads flags guarding process.exit() in a conditional or logical expression', () => {
    expect(
      probe(`export class C {
  done = false;
  async run() {
    while (true) { probe(); this.done ? process.exit(0) : await Promise.resolve(); }
    while (true) { probe(); this.done && process.exit(0); }
  }
  stop() { this.done = true; }
}`),
    ).toEqual([
      'constant | awaits exits=1 exitFlags=this.done:outside:null',
      'constant | exits=1 exitFlags=this.done:outside:null',
    ]);
  });

  it('has no facts for a loop whose head is not long-running', () => {
    expect.hasAssertions();
    withCalls(
      `export async function f() { while (check()) probe(); for await (const x of list) probe(); }`,
      (call, context) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
        expect(loopFactsOf(loopAround(call), resourceModel(context))).toBeNull();
      },
    );
  });

  it('says when a loop can end and which checks stop it', () => {
    expect.hasAssertions();
    withCalls(
      `export class C {
  stopped = false;
  async run(signal: AbortSignal) {
    while (!this.stopped && !signal.aborted) { probe(); if (this.x) break; }
    while (true) { probe(); }
  }
  stop() { this.stopped = true; this.x = true; }
}`,
      (call, context) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
        const facts = loopFactsOf(loopAround(call), resourceModel(context))!;
        const checks = stopChecksOf(facts);
        if (facts.head.kind === 'condition') {
          expect(isHeadEndless(facts.head)).toBe(false);
          expect(canEnd(facts)).toBe(true);
          expect(checks.flags.map((flag) => flag.key)).toEqual(['this.x', 'this.stopped']);
          expect(checks.signals).toHaveLength(1);
        } else {
          expect(isHeadEndless(facts.head)).toBe(true);
          expect(canEnd(facts)).toBe(false);
          expect(checks).toEqual({ flags: [], signals: [] });
        }
        // memoised
        expect(loopFactsOf(facts.loop, resourceModel(context))).toBe(facts);
      },
    );
  });
});

describe('signalArgumentOf', () => {
  it('finds a signal option or a signal-named argument', () => {
    const found: (string | null)[] = [];
    withCalls(`f({ signal: s }); f(abortSignal); f(this.signal); f(...rest, x); f(1); f(a.b);`, (call, context) => {
      const signal = signalArgumentOf(call.arguments);
      found.push(signal ? context.sourceCode.getText(signal) : null);
    });
    expect(found).toEqual(['s', 'abortSignal', 'this.signal', null, null, null]);
  });
});

describe('signalSourceOf', () => {
  it("follows a signal back to the instance's controller, or says it comes from elsewhere", () => {
    const found: string[] = [];
    withCalls(
      `export class C {
  #ac = new AbortController();
  controller = new AbortController();
  signal = this.controller.signal;
  other: AbortSignal;
  constructor(options: { signal: AbortSignal }) {
    this.other = options.signal;
  }
  start() {
    this.#run(this.#ac.signal);
    this.#mixed(this.#ac.signal);
  }
  restart(signal: AbortSignal) {
    this.#mixed(signal);
  }
  async #run(signal: AbortSignal) { probe(signal); }
  async #mixed(signal: AbortSignal) { probe(signal); }
  async public(signal: AbortSignal) { probe(signal); }
  m() {
    const ac = this.#ac;
    probe(ac.signal);
    const { signal } = this.controller;
    probe(signal);
    const { signal: renamed } = this.controller;
    probe(renamed);
    probe(this.signal);
    probe(this.other);
    let moving = this.#ac.signal;
    moving = this.controller.signal;
    probe(moving);
    const local = new AbortController();
    probe(local.signal);
    probe(this['controller'].signal);
    probe(getSignal());
  }
}
export class D {
  #ac = new AbortController();
  [key](signal: AbortSignal) { probe(signal); }
  m() {
    const a = this.#ac;
    const b = a;
    const c = b;
    const d = c;
    const e = d;
    probe(e.signal);
    const s1 = this.#ac.signal;
    const s2 = s1;
    const s3 = s2;
    const s4 = s3;
    const s5 = s4;
    probe(s5);
    probe(globalSignal);
    probe(imported);
    const { reason } = this.#ac.signal;
    probe(reason);
    let moving = this.#ac;
    moving = new AbortController();
    probe(moving.signal);
  }
}
import { imported } from 'somewhere';
export function outside(this: { signal: AbortSignal }) {
  probe(this.signal);
  const fn = function (signal: AbortSignal) { probe(signal); };
  fn(new AbortController().signal);
}`,
      (call, context) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
        const source = signalSourceOf(call.arguments[0] as TSESTree.Expression, resourceModel(context));
        found.push(source.kind === 'controller' ? source.key : 'other');
      },
    );
    expect(found).toEqual([
      'this.#ac',
      'other',
      'other',
      'this.#ac',
      'this.controller',
      'this.controller',
      'this.controller',
      'other',
      'other',
      'other',
      "this['controller']",
      'other',
      'other',
      'other',
      'other',
      'other',
      'other',
      'other',
      'other',
      'other',
      'other',
    ]);
  });
});

describe('isWorkerEntryFile', () => {
  it('knows a worker thread entry by parentPort or workerData', () => {
    expect.hasAssertions();
    const cases: [string, boolean][] = [
      [`import { parentPort } from 'node:worker_threads'; f();`, true],
      [`import { workerData as data } from 'worker_threads'; f();`, true],
      [`import { Worker } from 'node:worker_threads'; f();`, false],
      [`import wt from 'node:worker_threads'; f();`, false],
      [`import { parentPort } from 'other'; f();`, false],
      [`const { parentPort } = require('node:worker_threads'); f();`, true],
      [`const { Worker } = require('worker_threads'); f();`, false],
      [`const { parentPort } = require('worker_threads').x; f();`, false],
      [`const [a] = require('worker_threads'); let b; f();`, false],
    ];
    for (const [code, expected] of cases) {
      withCalls(code, (call, context) => {
        const model = resourceModel(context);
        expect(isWorkerEntryFile(model), code).toBe(expected);
        // memoised
        expect(isWorkerEntryFile(model)).toBe(expected);
      });
    }
  });
});
