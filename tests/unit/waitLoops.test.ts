import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { loopFactsOf, type LoopNode } from '../../src/analysis/loops.js';
import { isWaitLoop } from '../../src/analysis/waitLoops.js';
import { resourceModel } from '../../src/resources/match.js';
import { runProbe } from './probe.js';

/** For each loop in source order: `wait`, `loop` (long-running, not a wait loop), or `-` (no long-running head). */
function verdicts(code: string): string[] {
  const found: { start: number; verdict: string }[] = [];
  runProbe(code, (context) => {
    const visit = (loop: LoopNode): void => {
      const model = resourceModel(context);
      const facts = loopFactsOf(loop, model);
      found.push({ start: loop.range[0], verdict: facts ? (isWaitLoop(facts, model) ? 'wait' : 'loop') : '-' });
    };
    return {
      WhileStatement: visit,
      DoWhileStatement: visit,
      ForStatement: visit,
      'ForOfStatement[await=true]': (node: TSESTree.ForOfStatement) => visit(node),
    };
  });
  return found.sort((a, b) => a.start - b.start).map(({ verdict }) => verdict);
}

/** A class whose `done()` and `begin()` settle `busy` and `current`, with `loops` as the body of `wait()`. */
function inClass(loops: string, preamble = ''): string {
  return `${preamble}
export class Holder {
  busy = false;
  current: Promise<void> | null = null;
  async wait() {
${loops}
  }
  begin(work: Promise<void>) { this.busy = true; this.current = work; }
  done() { this.busy = false; this.current = null; }
}`;
}

describe('isWaitLoop', () => {
  it('knows the wait loops of a mutex and of a busy flag', () => {
    expect(
      verdicts(`import { setTimeout as sleep, scheduler } from 'node:timers/promises';
export class Mutex {
  #pending?: Promise<void>;
  async lock() {
    while (this.#pending) await this.#pending;
    this.#pending = new Promise((resolve) => setTimeout(resolve, 1));
    for (; this.#pending; ) await this.#pending;
  }
  unlock() { this.#pending = undefined; }
}
export class Serial {
  busy = false;
  async run(job: () => Promise<void>) {
    while (this.busy) await sleep(10);
    while (this.busy) await scheduler.wait(10);
    this.busy = true;
    try { await job(); } finally { this.busy = false; }
  }
}
export function local() {
  let busy = true;
  const settle = () => { busy = false; };
  return async () => {
    while (busy) await sleep(1);
    settle();
  };
}`),
    ).toEqual(['wait', 'wait', 'wait', 'wait', 'wait']);
  });

  it('reads the sleeps a body may await', () => {
    expect(
      verdicts(
        inClass(
          `    while (this.busy) await sleepy(1);
    while (this.busy) await napping(1);
    while (this.busy) await imported(1);
    while (this.busy) await delay(1);
    while (this.busy) await utils.sleep(1);
    while (this.busy) await globalThis.pause(1);
    while (this.busy) await wait(1);
    while (this.busy) await new Promise((r) => process.nextTick(r));
    while (this.busy) { await new Promise((r) => { setImmediate(r); }); }
    while (this.busy) { ; await this.current; }
    while (this.busy) await this.current?.then(() => {}, () => {});
    while (this.busy) await this.current?.finally(() => {});`,
          `import { delay } from './util.js';
import { setTimeout as later } from 'node:timers/promises';
import * as utils from './util.js';
const sleepy = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
function napping(ms: number) { return later(ms); }
import { imported } from './util.js';`,
        ),
      ),
    ).toEqual(['wait', 'wait', 'loop', 'wait', 'wait', 'wait', 'wait', 'wait', 'wait', 'wait', 'wait', 'wait']);
  });

  it('takes any other body for work', () => {
    expect(
      verdicts(
        inClass(
          `    while (this.busy) { await sleep(1); tick(); }
    while (this.busy) await work();
    while (this.busy) await sleep(() => tick());
    while (this.busy) await utils.run(1);
    while (this.busy) await notSleep(1);
    while (this.busy) await helper(1);
    while (this.busy) await longer(1);
    while (this.busy) await twice(1);
    while (this.busy) await block(1);
    while (this.busy) await [this.current];
    while (this.busy) await every(1);
    while (this.busy) await new Promise((r) => setInterval(r, 1));
    while (this.busy) await new Promise((r) => { tick(); setTimeout(r, 1); });
    while (this.busy) await new Promise(executor);
    while (this.busy) await new Promise((r) => later(1).then(r));
    while (this.busy) await new Deferred();
    while (this.busy) await new Promise((r) => r());
    while (this.busy) await this.current?.catch(handle);
    while (this.busy) await this.queue().catch(() => {});
    while (this.busy) await (0, this.current);
    while (this.busy) { if (this.current) break; await sleep(1); }
    while (this.busy) {}
    while (this.busy) tick();
    while (this.busy) if (this.current) await sleep(1);
    for (; this.busy; tick()) await sleep(1);`,
          `import { setTimeout as later, setInterval as every } from 'node:timers/promises';
declare function sleep(ms: number | (() => void)): Promise<void>;
declare function tick(): void;
declare function work(): Promise<void>;
declare function handle(): void;
declare const executor: () => void;
declare class Deferred {}
declare const utils: { run(ms: number): Promise<void> };
let notSleep = (ms: number) => later(ms);
notSleep = (ms: number) => later(ms * 2);
const helper = (ms: number) => later(ms).then(tick);
const longer = 5;
function twice(ms: number) { tick(); return later(ms); }
function block(ms: number) { later(ms); }`,
        ),
      ),
    ).toEqual(Array<string>(25).fill('loop'));
  });

  it("takes exit guards on the instance's flags for a head", () => {
    expect(
      verdicts(`import { setTimeout as sleep } from 'node:timers/promises';
export class Guards {
  busy = false;
  kept = false;
  #pending?: Promise<void>;
  async a(local: boolean) {
    for (;;) {
      if (!this.#pending) break;
      await this.#pending;
    }
    while (true) {
      if (!this.busy) {
        return;
      }
      await sleep(10);
    }
    while (this.busy) {
      if (this.#pending === undefined) break;
      await this.#pending;
    }
    while (true) await sleep(10);
    while (true) {
      if (!this.busy) break;
      await this.work();
    }
    while (true) {
      if (!local) break;
      await sleep(10);
    }
    while (true) {
      if (!this.busy) break;
      else await sleep(10);
    }
    while (true) {
      if (!this.busy) throw new Error('idle');
      await sleep(10);
    }
    while (true) {
      if (!this.busy) { console.log('idle'); break; }
      await sleep(10);
    }
    while (true) {
      if (this.busy && local) break;
      await sleep(10);
    }
    while (true) {
      if (!this.kept) break;
      await sleep(10);
    }
  }
  async work() {}
  unlock() { this.#pending = undefined; this.busy = false; this.kept = true; }
}`),
    ).toEqual(['wait', 'wait', 'wait', 'loop', 'loop', 'loop', 'loop', 'loop', 'loop', 'loop', 'loop']);
  });

  it('needs every flag of the head settled from outside the loop by a write that can end it', () => {
    expect(
      verdicts(`import { setTimeout as sleep } from 'node:timers/promises';
export class Flags {
  busy = false;
  done = false;
  held = false;
  count = 0;
  state = 'idle';
  pattern: unknown = null;
  other: unknown = null;
  #pending?: Promise<void>;
  #only?: Promise<void>;
  async a(signal: AbortSignal) {
    while (this.busy) await sleep(1);
    while (!this.done) await sleep(1);
    while (this.held) await sleep(1);
    while (this.#pending) await this.#pending;
    while (this.count) await sleep(1);
    while (this.state === 'busy') await sleep(1);
    while (this.pattern) await sleep(1);
    while (this.#only) await this.#only;
    while (this.other) await sleep(1);
    while (this.busy && !signal.aborted) await sleep(1);
    while (true) await sleep(1);
    while (this.busy) { await sleep(1); if (!this.held) return; }
    while (this.busy) { this.busy = false; await sleep(1); }
  }
  async *g() {
    while (this.busy) yield await sleep(1);
  }
  mark() {
    this.busy = true;
    this.done = true;
    this.held = true;
    this.#pending = new Promise(() => {});
    this.count += 1;
    this.state = 'idle';
    this.pattern = /x/u;
    this.other = Math.random();
  }
  clear() {
    this.busy = false;
    delete this.#only;
  }
}`),
    ).toEqual([
      'wait',
      'wait',
      'loop',
      'loop',
      'wait',
      'wait',
      'loop',
      'wait',
      'wait',
      'loop',
      'loop',
      'loop',
      'loop',
      'loop',
    ]);
  });
});
