import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { stoppableLoopOf, type LoopNode } from '../../src/analysis/loops.js';
import { stopVerdictOf, type StopAction, type StopVerdict } from '../../src/analysis/stops.js';
import { addStopMethod, stopActionText } from '../../src/fix/stops.js';
import { resourceModel } from '../../src/resources/match.js';
import { withCalls } from './harness.js';

function loopAround(node: TSESTree.Node): LoopNode {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForOfStatement:
        return current;
      default:
        break;
    }
  }
  throw new Error('no loop');
}

function actionText(action: StopAction): string {
  return action.type === 'abort' ? `abort ${action.key}` : `flag ${action.flag.key}=${String(action.flag.stopValue)}`;
}

/** `kind` and what the rule reads from the verdict, e.g. `stopMissesLoop Worker.run stop (abort this.#ac) edit stop`. */
function summary(verdict: StopVerdict): string {
  switch (verdict.kind) {
    case 'stoppable':
      return 'stoppable';
    case 'endlessIterator':
    case 'endless':
      return `${verdict.kind} ${verdict.label}`;
    case 'flagNeverSet':
      return `flagNeverSet ${verdict.flag.key}`;
    case 'noStopMethod':
      return `noStopMethod ${verdict.classNode.id?.name ?? '?'}.${verdict.method.name ?? '?'} (${actionText(verdict.action)})`;
    case 'stopMissesLoop':
      return `stopMissesLoop ${verdict.classNode.id?.name ?? '?'}.${verdict.method.name ?? '?'} ${verdict.teardown.name ?? '?'} (${actionText(verdict.action)}) edit ${verdict.editable?.method.name ?? 'none'}`;
  }
}

/** The verdict for the loop around each `probe()` call, or `not checked` when the rule does not look at the loop. */
function probe(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
    const model = resourceModel(context);
    const facts = stoppableLoopOf(loopAround(call), model);
    found.push(facts ? summary(stopVerdictOf(facts, model)) : 'not checked');
  });
  return found;
}

describe('stoppableLoopOf', () => {
  it('checks awaiting loops of async functions and generators, not app-lifetime code or synchronous loops', () => {
    expect(
      probe(`declare function step(): Promise<void>;
export async function f() {
  while (true) { probe(); await step(); }
  while (true) { probe(); }
  while (check()) { probe(); await step(); }
}
export function g() { while (true) { probe(); } }
export async function* h() { while (true) { probe(); await step(); yield 1; } }
async function main() { while (true) { probe(); await step(); } }
void main();
for (;;) { probe(); await step(); }`),
    ).toEqual([
      'endless while (true)',
      'not checked',
      'not checked',
      'not checked',
      'stoppable',
      'not checked',
      'not checked',
    ]);
  });

  it("checks a worker thread's top-level loop and its main()", () => {
    expect(
      probe(`import { parentPort } from 'node:worker_threads';
declare function step(): Promise<void>;
async function main() { do { probe(); await step(); } while (1); }
void main();
for (;;) { probe(); await step(); }
parentPort?.postMessage('ready');`),
    ).toEqual(['endless do … while', 'endless for (;;)']);
  });
});

describe('stopVerdictOf', () => {
  it('tells the endless loops apart: an endless iterator, a flag nothing sets, nothing at all', () => {
    expect(
      probe(`import { setInterval as every } from 'node:timers/promises';
declare function step(): Promise<void>;
export async function f() {
  for await (const _ of every(10)) probe();
  const stopped = false;
  while (!stopped) { probe(); await step(); }
  for (let i = 0; ; i++) { probe(); await step(); }
  for (; true; ) { probe(); await step(); }
  while (1) { probe(); await step(); }
}
export async function g(signal: AbortSignal) {
  while (true) { probe(); await step(); if (signal.aborted) return; }
}`),
    ).toEqual([
      'endlessIterator setInterval()',
      'flagNeverSet stopped',
      'endless for (;;)',
      'endless for',
      'endless while (1)',
      'stoppable',
    ]);
  });

  it('asks the class whose own state stops the loop for a stop method that does it', () => {
    expect(
      probe(`declare function step(signal?: AbortSignal): Promise<void>;
export class NoStop {
  #ac = new AbortController();
  stopped = false;
  async run() { while (!this.stopped && !this.#ac.signal.aborted) { probe(); await step(); } }
  halt() { this.stopped = true; }
}
export class Misses {
  running = true;
  async run() { while (this.running) { probe(); await step(); } }
  stop = () => console.log('stopping');
  close() { console.log('closing'); }
  pause() { this.running = false; }
}
export class Stops {
  #ac = new AbortController();
  async run() { while (true) { probe(); await step(this.#ac.signal); } }
  stop() { this.#ac.abort(); }
}
export class ByCallback {
  #ac = new AbortController();
  start() { process.once('SIGTERM', () => this.#ac.abort()); }
  async run() { while (true) { probe(); await step(this.#ac.signal); } }
}
export class Compared {
  state = 'on';
  async run() { while (this.state === 'on') { probe(); await step(); } }
  pause() { this.state = 'off'; }
}`),
    ).toEqual([
      'noStopMethod NoStop.run (abort this.#ac)',
      'stopMissesLoop Misses.run stop (flag this.running=false) edit close',
      'stoppable',
      'stoppable',
      'noStopMethod Compared.run (flag this.state=null)',
    ]);
  });

  it("leaves loops that others stop to them: a caller's signal, a base class, an abstract stop, static methods", () => {
    expect(
      probe(`declare function step(signal?: AbortSignal): Promise<void>;
declare class Base { stop(): void; }
export class Caller {
  async run(signal: AbortSignal) { while (true) { probe(); await step(signal); } }
}
export class Sub extends Base {
  #ac = new AbortController();
  async run() { while (true) { probe(); await step(this.#ac.signal); } }
}
export class SubWithStop extends Base {
  #ac = new AbortController();
  async run() { while (true) { probe(); await step(this.#ac.signal); } }
  override stop() { super.stop(); }
}
export abstract class Abstract {
  #ac = new AbortController();
  async run() { while (true) { probe(); await step(this.#ac.signal); } }
  abstract stop(): void;
}
export class Reached {
  #ac = new AbortController();
  stop() { void this.drain(); }
  async drain() { while (true) { probe(); await step(this.#ac.signal); } }
}
export class Static {
  static stopped = false;
  static async run() { while (!Static.stopped) { probe(); await step(); } }
}
export class Local {
  async run() { const ac = new AbortController(); while (true) { probe(); await step(ac.signal); } }
}`),
    ).toEqual(['stoppable', 'stoppable', 'stoppable', 'stoppable', 'stoppable', 'stoppable', 'stoppable']);
  });

  it('prefers an abort, then a flag with a plain value, for the action a suggestion writes', () => {
    expect(
      probe(`declare function step(signal?: AbortSignal): Promise<void>;
export class Flags {
  mode = 'on';
  stopped = false;
  async run() { while (this.mode === 'on' && !this.stopped) { probe(); await step(); } }
  pause() { this.mode = 'off'; this.stopped = true; }
}
export class Both {
  stopped = false;
  #ac = new AbortController();
  async run() { while (!this.stopped) { probe(); await step(this.#ac.signal); } }
  pause() { this.stopped = true; }
}`),
    ).toEqual(['noStopMethod Flags.run (flag this.stopped=true)', 'noStopMethod Both.run (abort this.#ac)']);
  });
});

describe('fix/stops', () => {
  it('writes the stop action, and a stop() method only where the class has no member named stop', () => {
    expect.hasAssertions();
    withCalls(
      `declare function step(): Promise<void>;
export class A {
  mode = 'on';
  async run() { while (this.mode === 'on') { probe(); await step(); } }
  pause() { this.mode = 'off'; }
}
export class B {
  #ac = new AbortController();
  async run() { while (!this.#ac.signal.aborted) { probe(); await step(); } }
  declare stop: unknown;
}`,
      (call, context) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
        const model = resourceModel(context);
        const facts = stoppableLoopOf(loopAround(call), model);
        const verdict = facts ? stopVerdictOf(facts, model) : null;
        if (verdict?.kind !== 'noStopMethod') throw new Error('expected noStopMethod');
        const text = stopActionText(verdict.action);
        if (verdict.classNode.id?.name === 'A') {
          expect(text).toBeNull();
        } else {
          expect(text).toBe('this.#ac.abort();');
          expect(addStopMethod(context.sourceCode, verdict.classNode, 'x();')).toBeNull();
        }
      },
    );
  });
});
