import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { workerVerdictOf } from '../../src/analysis/workers.js';
import { resourceModel } from '../../src/resources/match.js';
import { isWorkerConstruction } from '../../src/resources/owned.js';
import { walk } from '../../src/util/walk.js';
import { withCalls } from './harness.js';

/** The verdict for each `Worker` constructed in `code` (which ends with a `done()` call), in source order. */
function verdicts(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'done') return;
    const model = resourceModel(context);
    walk(context.sourceCode.visitorKeys, context.sourceCode.ast, (node: TSESTree.Node) => {
      if (node.type !== AST_NODE_TYPES.NewExpression || !isWorkerConstruction(model, node)) return;
      const verdict = workerVerdictOf(node, model);
      found.push(
        verdict.kind === 'kept'
          ? 'kept'
          : verdict.kind === 'perCall'
            ? `perCall ${verdict.fn.type === AST_NODE_TYPES.FunctionDeclaration ? (verdict.fn.id?.name ?? '?') : '?'}`
            : `notKept ${verdict.classNode.id?.name ?? '?'}.${verdict.method.isConstructor ? 'constructor' : (verdict.method.name ?? '?')}`,
      );
    });
  });
  return found;
}

describe('workerVerdictOf', () => {
  it('finds the workers a class method starts and keeps nowhere', () => {
    expect(
      verdicts(`import { Worker } from 'node:worker_threads';
export class Pool {
  worker: Worker | null = null;
  constructor() { new Worker('./a.js'); }
  start() { new Worker('./a.js').on('error', console.error).once('online', () => {}); }
  post() { new Worker('./a.js').postMessage('job'); }
  listen() {
    const worker = new Worker('./a.js');
    worker.on('message', console.log);
    worker.postMessage('job');
  }
  keep() { this.worker = new Worker('./a.js'); }
  terminate() { new Worker('./a.js').on('error', console.error).terminate(); }
  task() { new Worker('./a.js').on('exit', () => {}); }
  handOn() { return new Worker('./a.js').on('error', console.error); }
  postThenKeep() { const sent = new Worker('./a.js').postMessage('x'); return sent; }
  stopLater() { const worker = new Worker('./a.js'); setTimeout(() => worker.terminate(), 10); }
  passOn() { const worker = new Worker('./a.js'); register(worker); }
  unref() { const worker = new Worker('./a.js'); worker.unref(); }
  exitListener() { const worker = new Worker('./a.js'); worker.once('exit', () => {}); }
  other() { const worker = new Worker('./a.js'); console.log(worker.threadId); }
  promise() { return new Promise((resolve) => { const worker = new Worker('./a.js'); worker.on('message', resolve); }); }
  static create() { new Worker('./a.js'); }
}
export function plain() { new Worker('./a.js'); }
declare function register(worker: Worker): void;
done();`),
    ).toEqual([
      'notKept Pool.constructor',
      'notKept Pool.start',
      'notKept Pool.post',
      'notKept Pool.listen',
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
      'kept',
    ]);
  });

  // Issue 16: a worker that a plain function starts on each call, posts work to and drops is reported.
  it('finds the workers a plain function starts on each call, posts to and drops', () => {
    expect(
      verdicts(`import { Worker } from 'node:worker_threads';
export function thumbnail(file: string) {
  const worker = new Worker('./thumb.js');
  worker.on('message', (result) => console.log(result));
  worker.postMessage(file);
}
export function chained(file: string) {
  new Worker('./thumb.js').on('error', console.error).postMessage(file);
}
export function selfEnding(file: string) {
  const worker = new Worker('./thumb.js', { workerData: file });
  worker.on('message', (result) => console.log(result));
}
export function awaited(file: string) {
  const worker = new Worker('./thumb.js', { workerData: file });
  return once(worker, 'exit');
}
export function task(file: string) {
  return new Promise((resolve, reject) => {
    const worker = new Worker('./thumb.js', { workerData: file });
    worker.on('message', resolve);
    worker.on('error', reject);
  });
}
export function returned(file: string) {
  const worker = new Worker('./thumb.js', { workerData: file });
  worker.on('error', console.error);
  return worker;
}
export function endsItself(file: string) {
  new Worker('./thumb.js', { workerData: file }).on('exit', (code) => console.log(code));
}
async function main() {
  const worker = new Worker('./server.js');
  worker.on('message', console.log);
}
void main();
const appWorker = new Worker('./app.js');
appWorker.on('message', console.log);
declare function once(emitter: unknown, event: string): Promise<unknown[]>;
done();`),
    ).toEqual(['perCall thumbnail', 'perCall chained', 'kept', 'kept', 'kept', 'kept', 'kept', 'kept', 'kept']);
  });
});
