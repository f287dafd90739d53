import releaseInFinally from '../../src/rules/release-in-finally.js';
import rule from '../../src/rules/require-stop-signal.js';
import { sql } from '../fixtures/families/index.js';
import { jsRuleTester, ruleTester } from '../RuleTester.js';

/** A holder class whose loop stops on its own controller, and the start of a class that keeps it (issue 16). */
const consumer = `class Consumer {
  controller = new AbortController();
  async run() {
    while (!this.controller.signal.aborted) {
      await take();
    }
  }
}
export class Service {
  consumer = new Consumer();
  start() {
    void this.consumer.run();
  }
  stop() {
`;

ruleTester.run('require-stop-signal', rule, {
  valid: [
    {
      // a loop in a root-provided Angular service runs for the life of the application
      code: `import { Injectable } from '@angular/core';
@Injectable({ providedIn: 'root' })
export class ConfigSyncService {
  async pollForever(check: () => Promise<void>, sleep: (ms: number) => Promise<void>): Promise<void> {
    for (;;) {
      await check();
      await sleep(60_000);
    }
  }
}`,
    },
    {
      // a getter computed from other state, and a flag set by a listener the constructor registers: both change
      code: `import { Worker } from 'node:worker_threads';
export class Handler {
  #reset = 0;
  get limited(): boolean {
    return Date.now() < this.#reset;
  }
  async wait(sleep: (ms: number) => Promise<void>) {
    while (this.limited) {
      await sleep(100);
    }
  }
}
export class ThreadVm {
  workerExited = false;
  constructor(private readonly worker: Worker) {
    worker.on('exit', () => {
      this.workerExited = true;
    });
  }
  async destroy(sleep: (ms: number) => Promise<void>) {
    void this.worker.terminate();
    while (!this.workerExited) {
      await sleep(10);
    }
  }
}`,
    },
    {
      // the function releases the client after the loop, so `handle(client)` borrows it: release-in-finally reports
      // the release the loop skips when it throws (one defect, one finding)
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

async function handle(client: pg.PoolClient, id: number): Promise<void> {
  await client.query('update jobs set done = true where id = $1', [id]);
}

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    while (!signal.aborted) {
      const { rows } = await client.query('select id from jobs where not done limit 1');
      if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
      else await handle(client, rows[0].id);
    }
    client.release();
  }

  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}`,
    },
    {
      // the function releases the client after the loop, so `handle(client)` borrows it: release-in-finally reports
      // the release the loop skips when it throws (one defect, one finding)
      code: `${sql.pgPool.acquisition.defaultImport}
export async function run(signal, handle) {
  const client = await pool.connect();
  while (!signal.aborted) await handle(client);
  console.log('done');
  client.release();
}`,
    },
    {
      // the function releases the client after the loop, so `handle(client)` borrows it: release-in-finally reports
      // the release the loop skips when it throws (one defect, one finding)
      code: `import mysql from 'mysql2/promise';
export async function run(signal, handle) {
  const conn = await mysql.createConnection({});
  while (!signal.aborted) await handle(conn);
  await conn.end();
}`,
    },
    {
      // a holder class whose owning class aborts its controller, or sets its flag, at teardown (issue 16)
      code: `${consumer}    this.consumer.controller.abort();
  }
}
class Worker2 {
  running = true;
  async run() {
    while (this.running) {
      await take();
    }
  }
}
export class Service2 {
  worker = new Worker2();
  start() {
    void this.worker.run();
  }
  close() {
    this.worker.running = false;
  }
}`,
    },
    {
      // a load test the top level runs once, until Ctrl-C; a poller class constructed once at module level (issue 16)
      code: `async function loadTest() {
  while (true) {
    await fire();
  }
}
loadTest().catch((error) => {
  console.error(error);
  process.exit(1);
});
class Poller {
  async run() {
    while (true) {
      await poll();
    }
  }
}
const poller = new Poller();
void poller.run();`,
    },
    {
      // ManagedWorker: a loop that checks its signal, an AbortController that stop() aborts, a finally that releases
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

async function handle(client: pg.PoolClient, id: number): Promise<void> {
  await client.query('update jobs set done = true where id = $1', [id]);
}

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
        else await handle(client, rows[0].id);
      }
    } finally {
      client.release();
    }
  }

  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}`,
    },
    {
      // the loop checks the caller's signal: its condition, throwIfAborted(), or a guarded break
      code: `export async function a(signal: AbortSignal, step: () => Promise<void>) {
  while (!signal.aborted) await step();
}
export async function b(signal: AbortSignal, step: () => Promise<void>) {
  while (true) {
    signal.throwIfAborted();
    await step();
  }
}
export async function c(options: { signal?: AbortSignal }, step: () => Promise<void>) {
  for (;;) {
    if (options.signal?.aborted) break;
    await step();
  }
}
export async function d(signal: AbortSignal, step: () => Promise<void>) {
  do {
    await step();
  } while (signal.aborted === false);
}`,
    },
    {
      // the signal is passed to an awaited call whose abort is not swallowed (it rejects out of the loop)
      code: `import { setTimeout as sleep } from 'node:timers/promises';
export async function poll(url: string, signal: AbortSignal) {
  while (true) {
    const response = await fetch(url, { signal });
    console.log(response.status);
    await sleep(1000, undefined, { signal });
  }
}
export async function take(queue: { take(signal: AbortSignal): Promise<string> }, signal: AbortSignal) {
  while (true) {
    try {
      console.log(await queue.take(signal));
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
}`,
    },
    {
      // for await over a finite iterable, or over an endless one that a signal or a close event ends
      code: `import { on } from 'node:events';
import { setInterval } from 'node:timers/promises';
import type { Readable } from 'node:stream';
export async function lines(stream: Readable) {
  for await (const chunk of stream) console.log(chunk);
}
export async function ticks(signal: AbortSignal) {
  for await (const _ of setInterval(1000, undefined, { signal })) await Promise.resolve();
}
export async function events(emitter: NodeJS.EventEmitter, signal: AbortSignal) {
  for await (const [event] of on(emitter, 'data', { signal })) console.log(event);
  for await (const [event] of on(emitter, 'data', { close: ['end'] })) console.log(event);
}`,
    },
    {
      // loops that end on their data: a return, a break, a throw, process.exit(), a labelled break of an outer loop
      code: `export async function drain(queue: { next(): Promise<string | null> }) {
  while (true) {
    const job = await queue.next();
    if (!job) return;
    console.log(job);
  }
}
export async function connect(open: () => Promise<void>) {
  for (;;) {
    try {
      await open();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
export async function watch(check: () => Promise<boolean>) {
  while (true) {
    if (await check()) throw new Error('changed');
  }
}
export async function supervise(alive: () => Promise<boolean>) {
  while (true) {
    if (!(await alive())) process.exit(1);
  }
}
export async function scan(rows: string[][], find: (cell: string) => Promise<boolean>) {
  outer: for (const row of rows) {
    while (true) {
      if (await find(row[0]!)) break outer;
    }
  }
}`,
    },
    {
      // not long-running: bounded by data, synchronous, or a loop that never awaits
      code: `export async function copy(items: string[], save: (item: string) => Promise<void>) {
  let i = 0;
  while (i < items.length) await save(items[i++]!);
  let node: { next: unknown } | null = { next: null };
  while (node) node = await Promise.resolve(null);
}
export function parse(text: string) {
  for (;;) {
    if (text.length > 0) return text;
  }
}
export async function spin(ready: () => boolean) {
  while (true) {
    if (ready()) break;
  }
}`,
    },
    {
      // a generator loop is stopped by its consumer at the yield
      code: `export async function* ticks(next: () => Promise<number>) {
  while (true) {
    yield await next();
  }
}`,
    },
    {
      // app-lifetime code outside a worker entry: main() and a top-level loop run until the process exits
      code: `async function main(tick: () => Promise<void>) {
  while (true) await tick();
}
await main(async () => {});
while (true) await Promise.resolve();`,
    },
    {
      // a flag set from a callback, and a field flag that the class's stop method sets
      code: `export async function read(socket: NodeJS.EventEmitter, next: () => Promise<void>) {
  let closed = false;
  socket.once('close', () => {
    closed = true;
  });
  while (!closed) await next();
}
export class Consumer {
  private stopped = false;
  #running = true;
  constructor(private readonly next: () => Promise<void>) {}
  async run() {
    this.stopped = false;
    while (!this.stopped) await this.next();
  }
  async loop() {
    while (true) {
      if (!this.#running) return;
      await this.next();
    }
  }
  stop() {
    this.stopped = true;
    this.halt();
  }
  private halt() {
    this.#running = false;
  }
}`,
    },
    {
      // a state field compared with a constant, changed by close()
      code: `enum State { Running, Closed }
export class Session {
  state = State.Running;
  async serve(next: () => Promise<void>) {
    while (this.state !== State.Closed) await next();
  }
  close() {
    this.state = State.Closed;
  }
}`,
    },
    {
      // a base class (or code outside the class) may set the flag
      code: `declare class QueueBase {
  closing: Promise<void> | undefined;
  close(): Promise<void>;
}
export class QueueEvents extends QueueBase {
  async consume(read: () => Promise<void>) {
    while (!this.closing) await read();
  }
}
export class Job {
  stopped = false;
  async run(step: () => Promise<void>) {
    while (!this.stopped) await step();
  }
}
export function cancel(job: Job) {
  job.stopped = true;
}`,
    },
    {
      // the signal comes from the caller (a public method's parameter): the caller stops the loop
      code: `export class Sync {
  async run(signal: AbortSignal, step: () => Promise<void>) {
    while (!signal.aborted) await step();
  }
}`,
    },
    {
      // the controller is aborted by a SIGTERM handler registered in the constructor, or by dispose() through a helper
      code: `export class Daemon {
  #ac = new AbortController();
  constructor(private readonly step: (signal: AbortSignal) => Promise<void>) {
    process.once('SIGTERM', () => this.#ac.abort());
  }
  async run() {
    const signal = this.#ac.signal;
    while (!signal.aborted) await this.step(signal);
  }
}
export class Service {
  private controller = new AbortController();
  private readonly signal = this.controller.signal;
  async run(step: () => Promise<void>) {
    while (!this.signal.aborted) await step();
  }
  [Symbol.dispose]() {
    this.cancel();
  }
  private cancel() {
    this.controller?.abort();
  }
}`,
    },
    {
      // the stop method hands over to the base class (super.close())
      code: `declare class Base {
  close(): Promise<void>;
}
export class Worker2 extends Base {
  #ac = new AbortController();
  async run(step: () => Promise<void>) {
    while (!this.#ac.signal.aborted) await step();
  }
  override async close() {
    await super.close();
  }
}`,
    },
    {
      // Workers: kept in a field (dispose-owned-resources checks it), terminated, task workers, handed off
      code: `import { Worker } from 'node:worker_threads';
export class Workers {
  worker: Worker | undefined;
  readonly all: Worker[] = [];
  start(file: string) {
    this.worker = new Worker(file).on('error', console.error);
    const temp = new Worker(file);
    temp.once('message', () => temp.terminate());
    this.all.push(new Worker(file));
    const task = new Worker(file);
    task.on('exit', () => console.log('done'));
    new Worker(file).unref();
  }
  run(file: string) {
    return new Promise((resolve) => {
      const worker = new Worker(file);
      worker.once('message', resolve);
    });
  }
}
export function detached(file: string) {
  new Worker(file);
}`,
    },
    {
      // an interval a class starts is reported by no-floating-resource (dropped) or no-leaked-timer (kept), not here
      code: `export class Poller {
  constructor(poll: () => void) {
    setInterval(poll, 1000);
  }
}`,
    },
    {
      // a held client released in a finally around the loop
      code: `${sql.pgPool.acquisition.defaultImport}
export async function drain(signal: AbortSignal, handle: (client: pg.PoolClient) => Promise<void>) {
  const client = await pool.connect();
  try {
    while (!signal.aborted) await handle(client);
  } finally {
    client.release();
  }
}`,
    },
    {
      // release-in-finally reports this client (its release after the loop is skipped by a throw), not this rule
      code: `${sql.pgPool.acquisition.defaultImport}
export async function drain(signal: AbortSignal) {
  const client = await pool.connect();
  while (!signal.aborted) await client.query('select 1');
  client.release();
}`,
    },
    {
      // a client handed off outside the loop (returned) is the caller's
      code: `${sql.pgPool.acquisition.defaultImport}
export async function warm(signal: AbortSignal, ping: (client: pg.PoolClient) => Promise<void>) {
  const client = await pool.connect();
  while (!signal.aborted) await ping(client);
  return client;
}`,
    },
    {
      // a stop method through a protected hook (_destroy, as Node streams call it)
      code: `import { Readable } from 'node:stream';
export class Source extends Readable {
  #ac = new AbortController();
  async pump(read: () => Promise<string>) {
    while (!this.#ac.signal.aborted) this.push(await read());
  }
  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    this.#ac.abort();
    callback(error);
  }
}`,
    },
    {
      // a worker entry whose loop ends on a stop message
      code: `import { on } from 'node:events';
import { parentPort } from 'node:worker_threads';
for await (const [message] of on(parentPort!, 'message')) {
  if (message === 'stop') break;
  parentPort!.postMessage(await Promise.resolve(message));
}`,
    },
    {
      // with settings.cleanup.teardownMethods: halt() is the stop method and aborts the controller
      code: `export class Job {
  #ac = new AbortController();
  async run(step: () => Promise<void>) {
    while (!this.#ac.signal.aborted) await step();
  }
  halt() {
    this.#ac.abort();
  }
}`,
      settings: { cleanup: { teardownMethods: ['halt'] } },
    },
    {
      // shadowed names: a local setInterval is not the timers/promises one, a local Worker is not worker_threads'
      code: `function setInterval(ms: number): AsyncIterable<number> {
  return (async function* () {
    yield ms;
  })();
}
class Worker {
  constructor(readonly file: string) {}
}
export class Jobs {
  async ticks() {
    for await (const tick of setInterval(10)) console.log(tick);
  }
  start() {
    new Worker('job.js');
  }
}`,
    },
    {
      // non-null assertions and optional chaining on the signal
      code: `export async function run(options: { signal?: AbortSignal }, step: () => Promise<void>) {
  while (!options.signal!.aborted) await step();
  while (true) {
    options.signal?.throwIfAborted();
    await step();
  }
}`,
    },
    {
      // a class method loop that ends on its data only: nothing for a stop method to do
      code: `export class Drainer {
  constructor(private readonly next: () => Promise<string | null>) {}
  async drain() {
    while (true) {
      const item = await this.next();
      if (!item) break;
    }
  }
}`,
    },
    {
      // local Workers used in other ways: passed on, read, or asked for something a stop method may need
      code: `import { Worker } from 'node:worker_threads';
declare function track(worker: Worker): void;
export class Uses {
  a(file: string) {
    const worker = new Worker(file);
    track(worker);
  }
  b(file: string) {
    const worker = new Worker(file);
    console.log(worker.threadId);
  }
  c(file: string) {
    const worker = new Worker(file);
    void worker.getHeapSnapshot();
  }
  d(file: string) {
    return new Worker(file).postMessage('x');
  }
}`,
    },
    {
      // a mutex's wait loop: release() clears the promise the loop awaits (issue 16)
      code: `export class Mutex {
  #pending: Promise<void> | undefined;
  #resolve: (() => void) | undefined;
  async acquire(): Promise<void> {
    while (this.#pending) await this.#pending;
    this.#pending = new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
  }
  release(): void {
    const resolve = this.#resolve;
    this.#pending = undefined;
    resolve?.();
  }
}`,
    },
    {
      // wait loops that leave on a guard of the instance's flag, which unlock() and done() settle
      code: `import { setTimeout as sleep } from 'node:timers/promises';
export class Gate {
  #pending: Promise<void> | undefined;
  #busy = false;
  async lock(): Promise<void> {
    for (;;) {
      if (!this.#pending) break;
      await this.#pending;
    }
    this.#pending = sleep(10);
  }
  async idle(): Promise<void> {
    while (true) {
      if (!this.#busy) return;
      await sleep(10);
    }
  }
  unlock(): void {
    this.#pending = undefined;
  }
  begin(): void {
    this.#busy = true;
  }
  done(): void {
    this.#busy = false;
  }
}`,
    },
    {
      // a wait loop on a flag the finally of the same method clears: it waits for the running job, no stop needed
      code: `import { setTimeout as sleep } from 'node:timers/promises';
export class Serial {
  busy = false;
  async run(job: () => Promise<void>): Promise<void> {
    while (this.busy) await sleep(10);
    this.busy = true;
    try {
      await job();
    } finally {
      this.busy = false;
    }
  }
}`,
    },
    {
      // wait loops whose body only sleeps or awaits held promises: a local sleep helper, an imported one,
      // new Promise around setTimeout, a .catch() on the held promise, do … while; done() settles the state
      code: `import { delay } from './util.js';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
function nap(ms: number) {
  return new Promise<void>((resolve) => {
    setImmediate(resolve);
  });
}
export class Idle {
  private busy = false;
  private current: Promise<void> | null = null;
  async a() {
    while (this.busy) await sleep(10);
  }
  async b() {
    while (this.busy) {
      await delay(10);
    }
  }
  async c() {
    while (this.busy) await new Promise((r) => setTimeout(r, 5));
  }
  async d() {
    while (this.current) await this.current.catch(() => {});
  }
  async e() {
    do {
      await nap(1);
    } while (this.busy);
  }
  async f() {
    while (this.busy && this.current !== null) {
      await this.current;
      await new Promise((r) => queueMicrotask(r));
    }
  }
  begin(work: Promise<void>) {
    this.busy = true;
    this.current = work;
  }
  done() {
    this.busy = false;
    this.current = null;
  }
}`,
    },
  ],
  invalid: [
    {
      // a holder whose owning class never aborts its controller: the holder has no stop method (issue 16)
      code: `${consumer}    this.consumer.controller.signal.throwIfAborted();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noStopMethod',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 44,
          data: { className: 'Consumer', method: 'run', how: 'calls `this.controller.abort()`' },
          suggestions: [
            {
              messageId: 'suggestStopMethod',
              data: { how: 'calls `this.controller.abort()`' },
              output: `class Consumer {
  controller = new AbortController();
  async run() {
    while (!this.controller.signal.aborted) {
      await take();
    }
  }

  stop() {
    this.controller.abort();
  }
}
export class Service {
  consumer = new Consumer();
  start() {
    void this.consumer.run();
  }
  stop() {
    this.consumer.controller.signal.throwIfAborted();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // issue 16 neighbours: the same loop in an exported function, and in a function the top level calls twice
      code: `export async function loadTest() {
  while (true) {
    await fire();
  }
}
async function soak() {
  while (true) {
    await fire();
  }
}
void soak();
void soak();`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 15,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
        {
          messageId: 'endlessLoop',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 15,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
      ],
    },
    {
      // a worker loop is not a wait loop: its body works until the flag changes, and pause() is no stop method
      code: `export class Poller {
  running = false;
  async start() {
    this.running = true;
    while (this.running) {
      await this.work();
    }
  }
  async work() {}
  pause() {
    this.running = false;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noStopMethod',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 25,
          data: { className: 'Poller', method: 'start', how: 'sets `this.running = false`' },
          suggestions: [
            {
              messageId: 'suggestStopMethod',
              data: { how: 'sets `this.running = false`' },
              output: `export class Poller {
  running = false;
  async start() {
    this.running = true;
    while (this.running) {
      await this.work();
    }
  }
  async work() {}
  pause() {
    this.running = false;
  }

  stop() {
    this.running = false;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // sleeping and working in one body is a worker loop; so is a sleep loop on a flag nothing outside clears
      code: `import { setTimeout as sleep } from 'node:timers/promises';
export class Heartbeat {
  busy = false;
  alive = false;
  async beat(send: () => void) {
    while (this.alive) {
      await sleep(1000);
      send();
    }
  }
  async hold() {
    while (this.busy) await sleep(10);
  }
  mark() {
    this.busy = true;
    this.alive = false;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noStopMethod',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 23,
          data: { className: 'Heartbeat', method: 'beat', how: 'sets `this.alive = false`' },
          suggestions: [
            {
              messageId: 'suggestStopMethod',
              data: { how: 'sets `this.alive = false`' },
              output: `import { setTimeout as sleep } from 'node:timers/promises';
export class Heartbeat {
  busy = false;
  alive = false;
  async beat(send: () => void) {
    while (this.alive) {
      await sleep(1000);
      send();
    }
  }
  async hold() {
    while (this.busy) await sleep(10);
  }
  mark() {
    this.busy = true;
    this.alive = false;
  }

  stop() {
    this.alive = false;
  }
}`,
            },
          ],
        },
        {
          messageId: 'noStopMethod',
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 22,
          data: { className: 'Heartbeat', method: 'hold', how: 'sets `this.busy = false`' },
          suggestions: [
            {
              messageId: 'suggestStopMethod',
              data: { how: 'sets `this.busy = false`' },
              output: `import { setTimeout as sleep } from 'node:timers/promises';
export class Heartbeat {
  busy = false;
  alive = false;
  async beat(send: () => void) {
    while (this.alive) {
      await sleep(1000);
      send();
    }
  }
  async hold() {
    while (this.busy) await sleep(10);
  }
  mark() {
    this.busy = true;
    this.alive = false;
  }

  stop() {
    this.busy = false;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // while (true) in an async function: nothing leaves it, nothing checks a signal
      code: `export async function poll(queue: { take(): Promise<string> }) {
  while (true) {
    const job = await queue.take();
    console.log(job);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 15,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
      ],
    },
    {
      // for (;;) with a continue and a break of an inner switch: neither leaves the loop
      code: `export async function pump(read: () => Promise<string>) {
  for (;;) {
    const line = await read();
    switch (line) {
      case '':
        break;
      default:
        continue;
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 11,
          data: { loop: 'for (;;)' },
          suggestions: null,
        },
      ],
    },
    {
      // do … while (true): reported at the do keyword; a throw caught inside the loop does not leave it
      code: `export async function retry(task: () => Promise<void>) {
  do {
    try {
      await task();
      throw new Error('again');
    } catch (error) {
      console.error(error);
    }
  } while (true);
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 5,
          data: { loop: 'do … while' },
          suggestions: null,
        },
      ],
    },
    {
      // the abort is swallowed by .catch(): the loop goes on
      code: `import { setTimeout as sleep } from 'node:timers/promises';
export async function tick(signal: AbortSignal, work: () => void) {
  while (true) {
    work();
    await sleep(1000, undefined, { signal }).catch(() => {});
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 15,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
      ],
    },
    {
      // the abort is swallowed by a try/catch in the loop
      code: `export async function fetchAll(url: string, signal: AbortSignal) {
  while (1) {
    try {
      await fetch(url, { signal });
    } catch {
      // ignore and retry
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 12,
          data: { loop: 'while (1)' },
          suggestions: null,
        },
      ],
    },
    {
      // a flag that nothing ever sets: a const
      code: `export async function serve(next: () => Promise<void>) {
  const running = true;
  while (running) {
    await next();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'flagNeverSet',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          data: { flag: 'running' },
          suggestions: null,
        },
      ],
    },
    {
      // a field flag the class never sets (only initialised in the constructor)
      code: `export class Poller {
  private stopped = false;
  constructor(private readonly fetchOne: () => Promise<void>) {
    this.stopped = false;
  }
  async run() {
    while (!this.stopped) {
      await this.fetchOne();
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'flagNeverSet',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 26,
          data: { flag: 'this.stopped' },
          suggestions: null,
        },
      ],
    },
    {
      // for await over an endless timers/promises interval without a signal
      code: `import { setInterval } from 'node:timers/promises';
export async function heartbeat(send: () => Promise<void>) {
  for await (const _ of setInterval(5000)) {
    await send();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessIterator',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 43,
          data: { iterable: 'setInterval()' },
          suggestions: null,
        },
      ],
    },
    {
      // worker entry: a top-level for await over parentPort messages that nothing ends
      code: `import { on } from 'node:events';
import { parentPort } from 'node:worker_threads';
for await (const [message] of on(parentPort!, 'message')) {
  parentPort!.postMessage(message);
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessIterator',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 58,
          data: { iterable: 'on()' },
          suggestions: null,
        },
      ],
    },
    {
      // ManagedWorker without a stop method: nothing ever aborts its controller
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

async function handle(client: pg.PoolClient, id: number): Promise<void> {
  await client.query('update jobs set done = true where id = $1', [id]);
}

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
        else await handle(client, rows[0].id);
      }
    } finally {
      client.release();
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noStopMethod',
          line: 21,
          column: 7,
          endLine: 21,
          endColumn: 30,
          data: { className: 'ManagedWorker', method: '#run', how: 'calls `this.#controller.abort()`' },
          suggestions: [
            {
              messageId: 'suggestStopMethod',
              data: { how: 'calls `this.#controller.abort()`' },
              output: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

async function handle(client: pg.PoolClient, id: number): Promise<void> {
  await client.query('update jobs set done = true where id = $1', [id]);
}

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
        else await handle(client, rows[0].id);
      }
    } finally {
      client.release();
    }
  }

  stop() {
    this.#controller.abort();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // ManagedWorker whose stop() waits for the loop but never aborts it
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

async function handle(client: pg.PoolClient, id: number): Promise<void> {
  await client.query('update jobs set done = true where id = $1', [id]);
}

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
        else await handle(client, rows[0].id);
      }
    } finally {
      client.release();
    }
  }

  async stop(): Promise<void> {
    await this.#done;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'stopMissesLoop',
          line: 21,
          column: 7,
          endLine: 21,
          endColumn: 30,
          data: {
            teardown: 'stop',
            method: '#run',
            how: 'calls `this.#controller.abort()`',
            className: 'ManagedWorker',
          },
          suggestions: [
            {
              messageId: 'suggestAbortInTeardown',
              data: { controller: 'this.#controller', teardown: 'stop' },
              output: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

async function handle(client: pg.PoolClient, id: number): Promise<void> {
  await client.query('update jobs set done = true where id = $1', [id]);
}

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
        else await handle(client, rows[0].id);
      }
    } finally {
      client.release();
    }
  }

  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // ManagedWorker whose loop does not check the signal (the only signal use is swallowed)
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

async function handle(client: pg.PoolClient, id: number): Promise<void> {
  await client.query('update jobs set done = true where id = $1', [id]);
}

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (true) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
        else await handle(client, rows[0].id);
      }
    } finally {
      client.release();
    }
  }

  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 21,
          column: 7,
          endLine: 21,
          endColumn: 19,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
      ],
    },
    {
      // ManagedWorker whose finally does not release the client
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

async function handle(client: pg.PoolClient, id: number): Promise<void> {
  await client.query('update jobs set done = true where id = $1', [id]);
}

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
        else await handle(client, rows[0].id);
      }
    } finally {
      console.log('worker stopped');
    }
  }

  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'heldWithoutFinally',
          line: 19,
          column: 26,
          endLine: 19,
          endColumn: 40,
          data: { resource: 'client `client` from `pool.connect()`', line: '21' },
          suggestions: [
            {
              messageId: 'suggestWrapLoop',
              data: { noun: 'client' },
              output: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

async function handle(client: pg.PoolClient, id: number): Promise<void> {
  await client.query('update jobs set done = true where id = $1', [id]);
}

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
        else await handle(client, rows[0].id);
      }
    } finally {
      console.log('worker stopped');
      client.release();
    }
  }

  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // an exit guarded by a flag that no teardown sets
      code: `export class Reader {
  #closed = false;
  constructor(private readonly read: () => Promise<string>) {}
  async loop() {
    for (;;) {
      if (this.#closed) return;
      console.log(await this.read());
    }
  }
  markClosed() {
    this.#closed = true;
  }
  [Symbol.dispose]() {}
}`,
      output: null,
      errors: [
        {
          messageId: 'stopMissesLoop',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 13,
          data: {
            teardown: '[Symbol.dispose]',
            method: 'loop',
            how: 'sets `this.#closed = true`',
            className: 'Reader',
          },
          suggestions: [
            {
              messageId: 'suggestSetFlagInTeardown',
              data: { flag: 'this.#closed', value: 'true', teardown: '[Symbol.dispose]' },
              output: `export class Reader {
  #closed = false;
  constructor(private readonly read: () => Promise<string>) {}
  async loop() {
    for (;;) {
      if (this.#closed) return;
      console.log(await this.read());
    }
  }
  markClosed() {
    this.#closed = true;
  }
  [Symbol.dispose]() {
    this.#closed = true;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a controller kept in a field and its signal read through a local: dispose() does not abort it
      code: `export class Sync {
  private controller = new AbortController();
  async run(step: (signal: AbortSignal) => Promise<void>) {
    const { signal } = this.controller;
    while (!signal.aborted) {
      await step(signal);
    }
  }
  dispose() {
    console.log('disposed');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'stopMissesLoop',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 28,
          data: { teardown: 'dispose', method: 'run', how: 'calls `this.controller.abort()`', className: 'Sync' },
          suggestions: [
            {
              messageId: 'suggestAbortInTeardown',
              data: { controller: 'this.controller', teardown: 'dispose' },
              output: `export class Sync {
  private controller = new AbortController();
  async run(step: (signal: AbortSignal) => Promise<void>) {
    const { signal } = this.controller;
    while (!signal.aborted) {
      await step(signal);
    }
  }
  dispose() {
    this.controller.abort();
    console.log('disposed');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a Worker kept in a local that is only listened to
      code: `import * as threads from 'node:worker_threads';
export class Pool {
  start(file: string) {
    const worker = new threads.Worker(file);
    worker.on('message', (message) => console.log(message));
    worker.postMessage('go');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'workerNotKept',
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 44,
          data: { className: 'Pool', method: 'start' },
          suggestions: null,
        },
      ],
    },
    {
      // issue 16: a Worker a plain function starts on each call, posts work to, and never terminates
      code: `import { Worker } from 'node:worker_threads';
export function resize(image: Uint8Array, onDone: (result: unknown) => void) {
  const worker = new Worker('./resize.js');
  worker.on('message', onDone);
  worker.postMessage(image);
}
export const encode = (frame: Uint8Array) => {
  new Worker('./encode.js').postMessage(frame);
};`,
      output: null,
      errors: [
        {
          messageId: 'workerPerCall',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 43,
          data: { fn: '`resize()`' },
          suggestions: null,
        },
        {
          messageId: 'workerPerCall',
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 28,
          data: { fn: '`encode()`' },
          suggestions: null,
        },
      ],
    },
    {
      // with settings.cleanup.teardownMethods: halt() is the teardown, and it does not abort
      code: `export class Job {
  #ac = new AbortController();
  async run(step: () => Promise<void>) {
    while (!this.#ac.signal.aborted) await step();
  }
  halt() {}
  stop() {
    this.#ac.abort();
  }
}`,
      settings: { cleanup: { teardownMethods: ['halt'] } },
      output: null,
      errors: [
        {
          messageId: 'stopMissesLoop',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 37,
          data: { teardown: 'halt', method: 'run', how: 'calls `this.#ac.abort()`', className: 'Job' },
          suggestions: [
            {
              messageId: 'suggestAbortInTeardown',
              data: { controller: 'this.#ac', teardown: 'halt' },
              output: `export class Job {
  #ac = new AbortController();
  async run(step: () => Promise<void>) {
    while (!this.#ac.signal.aborted) await step();
  }
  halt() {
    this.#ac.abort();
  }
  stop() {
    this.#ac.abort();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a protected hook is a stop method too: _destroy() here, which does not abort
      code: `import { Readable } from 'node:stream';
export class Source extends Readable {
  #ac = new AbortController();
  async pump(read: () => Promise<string>) {
    while (!this.#ac.signal.aborted) this.push(await read());
  }
  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    callback(error);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'stopMissesLoop',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 37,
          data: { teardown: '_destroy', method: 'pump', how: 'calls `this.#ac.abort()`', className: 'Source' },
          suggestions: [
            {
              messageId: 'suggestAbortInTeardown',
              data: { controller: 'this.#ac', teardown: '_destroy' },
              output: `import { Readable } from 'node:stream';
export class Source extends Readable {
  #ac = new AbortController();
  async pump(read: () => Promise<string>) {
    while (!this.#ac.signal.aborted) this.push(await read());
  }
  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    this.#ac.abort();
    callback(error);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // parentheses and a comment in the head
      code: `export async function run(step: () => Promise<void>) {
  while (/* forever */ (true)) {
    await step();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 31,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
      ],
    },
    {
      // a flag read through as, ! and parentheses: still never set
      code: `export class Tail {
  private stopped?: boolean;
  async follow(read: () => Promise<void>) {
    while (!((this.stopped as boolean)!)) await read();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'flagNeverSet',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 42,
          data: { flag: 'this.stopped' },
          suggestions: null,
        },
      ],
    },
    {
      // a state compared with a constant and no stop method: no suggestion (the stopping value is not plain)
      code: `export class Session {
  state = 'open';
  async serve(next: () => Promise<void>) {
    while (this.state !== 'closed') await next();
  }
  expire() {
    this.state = 'closed';
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noStopMethod',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 36,
          data: { className: 'Session', method: 'serve', how: 'changes `this.state`' },
          suggestions: null,
        },
      ],
    },
    {
      // a state compared with a constant, and a teardown that does not change it: no suggestion
      code: `export class Session {
  state = 'open';
  async serve(next: () => Promise<void>) {
    while (this.state !== 'closed') await next();
  }
  expire() {
    this.state = 'closed';
  }
  close() {}
}`,
      output: null,
      errors: [
        {
          messageId: 'stopMissesLoop',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 36,
          data: { teardown: 'close', method: 'serve', how: 'changes `this.state`', className: 'Session' },
          suggestions: null,
        },
      ],
    },
    {
      // no stop method, and the class has a member called stop already: no suggestion
      code: `export class Runner {
  stop = 'SIGTERM';
  #ac = new AbortController();
  async run(step: () => Promise<void>) {
    while (!this.#ac.signal.aborted) await step();
  }
  cancel() {
    this.#ac.abort();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noStopMethod',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 37,
          data: { className: 'Runner', method: 'run', how: 'calls `this.#ac.abort()`' },
          suggestions: null,
        },
      ],
    },
    {
      // one held client, two loops: reported once; a declaration used after the loop: no suggestion
      code: `${sql.pgPool.acquisition.defaultImport}
export async function run(signal: AbortSignal, handle: (client: pg.PoolClient) => Promise<void>) {
  const client = await pool.connect();
  const started = Date.now();
  while (!signal.aborted) await handle(client);
  while (!signal.aborted) await handle(client);
  console.log(started);
}`,
      output: null,
      errors: [
        {
          messageId: 'heldWithoutFinally',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: { resource: 'client `client` from `pool.connect()`', line: '6' },
          suggestions: null,
        },
      ],
    },
    {
      // overload signatures of the stop method: the abort goes into the implementation
      code: `export class Job {
  #ac = new AbortController();
  async run(step: () => Promise<void>) {
    while (!this.#ac.signal.aborted) await step();
  }
  stop(): void;
  stop(reason: string): void;
  stop(reason?: string): void {
    console.log(reason);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'stopMissesLoop',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 37,
          data: { teardown: 'stop', method: 'run', how: 'calls `this.#ac.abort()`', className: 'Job' },
          suggestions: [
            {
              messageId: 'suggestAbortInTeardown',
              data: { controller: 'this.#ac', teardown: 'stop' },
              output: `export class Job {
  #ac = new AbortController();
  async run(step: () => Promise<void>) {
    while (!this.#ac.signal.aborted) await step();
  }
  stop(): void;
  stop(reason: string): void;
  stop(reason?: string): void {
    this.#ac.abort();
    console.log(reason);
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});

jsRuleTester.run('require-stop-signal', rule, {
  valid: [
    {
      // ManagedWorker in plain JavaScript: signal checked, controller aborted by stop(), client released in finally
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

export class ManagedWorker {
  #controller = new AbortController();
  #done = null;

  start() {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal) {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
        else await handle(client, rows[0].id);
      }
    } finally {
      client.release();
    }
  }

  async stop() {
    this.#controller.abort();
    await this.#done;
  }
}`,
    },
    {
      // CommonJS: a worker entry whose loop stops on a message, and a flag set by close()
      code: `const { parentPort } = require('node:worker_threads');
let stopping = false;
parentPort.on('message', (message) => {
  if (message === 'stop') stopping = true;
});
while (!stopping) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
class Tail {
  constructor(read) {
    this.read = read;
    this.closed = false;
  }
  async follow() {
    while (!this.closed) console.log(await this.read());
  }
  close() {
    this.closed = true;
  }
}
module.exports = { Tail };`,
    },
    {
      // for await over a finite iterable; every awaited call gets the signal
      code: `import { setTimeout as sleep } from 'node:timers/promises';
export async function copy(source, target, signal) {
  for await (const chunk of source) await target.write(chunk);
  while (true) {
    await sleep(100, undefined, { signal });
  }
}`,
    },
  ],
  invalid: [
    {
      // worker entry: a top-level while (true) that awaits
      code: `const { parentPort, workerData } = require('node:worker_threads');
const { setTimeout: sleep } = require('node:timers/promises');
while (true) {
  parentPort.postMessage(workerData);
  await sleep(1000);
}`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 13,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
      ],
    },
    {
      // a worker entry checks its main() too
      code: `import { parentPort } from 'worker_threads';
async function main() {
  while (true) {
    await new Promise((resolve) => parentPort.once('message', resolve));
  }
}
main();`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 15,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
      ],
    },
    {
      // a held client never released: the suggestion wraps the loop in try/finally
      code: `${sql.pgPool.acquisition.defaultImport}
export async function drain(signal, handle) {
  const client = await pool.connect();
  while (!signal.aborted) {
    await handle(client);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'heldWithoutFinally',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: { resource: 'client `client` from `pool.connect()`', line: '5' },
          suggestions: [
            {
              messageId: 'suggestWrapLoop',
              data: { noun: 'client' },
              output: `import pg from 'pg';
const pool = new pg.Pool();
export async function drain(signal, handle) {
  const client = await pool.connect();
  try {
    while (!signal.aborted) {
      await handle(client);
    }
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a flag only pause() sets, and close() does not: suggestion sets it in close()
      code: `export class Consumer {
  constructor(source) {
    this.source = source;
    this.paused = false;
  }
  async consume() {
    while (!this.paused) {
      await this.source.next();
    }
  }
  pause() {
    this.paused = true;
  }
  close() {
    this.source = null;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'stopMissesLoop',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 25,
          data: { teardown: 'close', method: 'consume', how: 'sets `this.paused = true`', className: 'Consumer' },
          suggestions: [
            {
              messageId: 'suggestSetFlagInTeardown',
              data: { flag: 'this.paused', value: 'true', teardown: 'close' },
              output: `export class Consumer {
  constructor(source) {
    this.source = source;
    this.paused = false;
  }
  async consume() {
    while (!this.paused) {
      await this.source.next();
    }
  }
  pause() {
    this.paused = true;
  }
  close() {
    this.paused = true;
    this.source = null;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a running flag and no stop method: suggestion adds stop() that clears it
      code: `export class Ticker {
  running = true;
  async run(tick) {
    while (this.running) {
      await tick();
    }
  }
  pause() {
    this.running = false;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noStopMethod',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 25,
          data: { className: 'Ticker', method: 'run', how: 'sets `this.running = false`' },
          suggestions: [
            {
              messageId: 'suggestStopMethod',
              data: { how: 'sets `this.running = false`' },
              output: `export class Ticker {
  running = true;
  async run(tick) {
    while (this.running) {
      await tick();
    }
  }
  pause() {
    this.running = false;
  }

  stop() {
    this.running = false;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a Worker started in the constructor and kept nowhere
      code: `import { Worker } from 'node:worker_threads';
export class Thumbnailer {
  constructor(file) {
    new Worker(file).on('message', (message) => this.onMessage(message));
  }
  onMessage(message) {
    console.log(message);
  }
  close() {}
}`,
      output: null,
      errors: [
        {
          messageId: 'workerNotKept',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 21,
          data: { className: 'Thumbnailer', method: 'constructor' },
          suggestions: null,
        },
      ],
    },
    {
      // ManagedWorker in plain JavaScript without a stop method
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

export class ManagedWorker {
  #controller = new AbortController();
  #done = null;

  start() {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal) {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
      }
    } finally {
      client.release();
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'noStopMethod',
          line: 17,
          column: 7,
          endLine: 17,
          endColumn: 30,
          data: { className: 'ManagedWorker', method: '#run', how: 'calls `this.#controller.abort()`' },
          suggestions: [
            {
              messageId: 'suggestStopMethod',
              data: { how: 'calls `this.#controller.abort()`' },
              output: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

export class ManagedWorker {
  #controller = new AbortController();
  #done = null;

  start() {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal) {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rows } = await client.query('select id from jobs where not done limit 1');
        if (rows.length === 0) await sleep(1000, undefined, { signal }).catch(() => {});
      }
    } finally {
      client.release();
    }
  }

  stop() {
    this.#controller.abort();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // while (true) in a plain JavaScript async arrow function
      code: `export const consume = async (queue) => {
  while (true) {
    await queue.take();
  }
};`,
      output: null,
      errors: [
        {
          messageId: 'endlessLoop',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 15,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
      ],
    },
    {
      // an empty finally around the loop gets the release
      code: `${sql.pgPool.acquisition.defaultImport}
export async function run(signal, handle) {
  const client = await pool.connect();
  try {
    while (!signal.aborted) await handle(client);
  } finally {}
}`,
      output: null,
      errors: [
        {
          messageId: 'heldWithoutFinally',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: { resource: 'client `client` from `pool.connect()`', line: '6' },
          suggestions: [
            {
              messageId: 'suggestWrapLoop',
              data: { noun: 'client' },
              output: `import pg from 'pg';
const pool = new pg.Pool();
export async function run(signal, handle) {
  const client = await pool.connect();
  try {
    while (!signal.aborted) await handle(client);
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a one-line teardown gets the abort first, on the same line
      code: `export class Job {
  #ac = new AbortController();
  async run(step) {
    while (!this.#ac.signal.aborted) await step();
  }
  stop() { console.log('stopping'); }
}`,
      output: null,
      errors: [
        {
          messageId: 'stopMissesLoop',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 37,
          data: { teardown: 'stop', method: 'run', how: 'calls `this.#ac.abort()`', className: 'Job' },
          suggestions: [
            {
              messageId: 'suggestAbortInTeardown',
              data: { controller: 'this.#ac', teardown: 'stop' },
              output: `export class Job {
  #ac = new AbortController();
  async run(step) {
    while (!this.#ac.signal.aborted) await step();
  }
  stop() { this.#ac.abort(); console.log('stopping'); }
}`,
            },
          ],
        },
      ],
    },
    {
      // a Worker used once and dropped
      code: `import { Worker } from 'node:worker_threads';
export class Fire {
  send(file, job) {
    new Worker(file).postMessage(job);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'workerNotKept',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 21,
          data: { className: 'Fire', method: 'send' },
          suggestions: null,
        },
      ],
    },
  ],
});

// The ManagedWorker without a `finally` whose loop uses its client directly is reported (and fixed) by
// release-in-finally, so require-stop-signal leaves it alone (see the valid cases): every way of breaking it is reported.
ruleTester.run('release-in-finally', releaseInFinally, {
  valid: [],
  invalid: [
    {
      // ManagedWorker without a finally, its loop using the client directly
      code: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    while (!signal.aborted) {
      const { rowCount } = await client.query("update jobs set done = true where not done limit 1");
      if (rowCount === 0) await sleep(1000, undefined, { signal }).catch(() => {});
    }
    client.release();
  }

  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}`,
      output: `import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pool = new pg.Pool();

export class ManagedWorker {
  readonly #controller = new AbortController();
  #done: Promise<void> | null = null;

  start(): void {
    this.#done = this.#run(this.#controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        const { rowCount } = await client.query("update jobs set done = true where not done limit 1");
        if (rowCount === 0) await sleep(1000, undefined, { signal }).catch(() => {});
      }
    } finally {
      client.release();
    }
  }

  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 15,
          column: 26,
          endLine: 15,
          endColumn: 40,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 17 rejects',
            releaseLine: '20',
          },
          suggestions: null,
        },
      ],
    },
  ],
});

// TypeScript declaration shapes (overload signatures, abstract and `declare` members, `declare class`, `accessor`,
// index signatures, parameter properties, decorators, enums, namespaces): the implementation's body counts, the
// signatures do not, and no rule assumes that a function has a body.
ruleTester.run('require-stop-signal', rule, {
  valid: [
    {
      // the overloaded `stop` implementation sets the flag; a subclass of an abstract class may set a non-private flag in the `stop()` it implements; a `declare class` has no loop; a namespace loop checks its signal
      code: `export abstract class Consumer {
  #stopped = false;
  declare readonly queue: { take(): Promise<string> };
  accessor handled = 0;
  protected abstract handle(job: string): Promise<void>;
  run(): Promise<void>;
  run(limit: number): Promise<void>;
  async run(_limit?: number): Promise<void> {
    while (!this.#stopped) {
      await this.handle(await this.queue.take());
    }
  }
  stop(): void;
  stop(reason: string): void;
  stop(_reason?: string): void { this.#stopped = true; }
}
export abstract class Loop {
  protected running = true;
  abstract stop(): void;
  async run(tick: () => Promise<void>): Promise<void> {
    while (this.running) await tick();
  }
}
export declare class Ambient {
  run(): Promise<void>;
  stop(): void;
}
export namespace Workers {
  export async function consume(queue: { take(): Promise<string> }, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      console.log(await queue.take());
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      // the implementation of `stop` sets nothing, so the `#private` flag is never set; a namespace function loops forever
      code: `export abstract class Consumer {
  #stopped = false;
  declare readonly queue: { take(): Promise<string> };
  accessor handled = 0;
  protected abstract handle(job: string): Promise<void>;
  run(): Promise<void>;
  run(limit: number): Promise<void>;
  async run(_limit?: number): Promise<void> {
    while (!this.#stopped) {
      await this.handle(await this.queue.take());
    }
  }
  stop(): void;
  stop(reason: string): void;
  stop(_reason?: string): void { /* forgets this.#stopped = true */ }
}
export namespace Workers {
  export async function consume(queue: { take(): Promise<string> }): Promise<void> {
    while (true) {
      console.log(await queue.take());
    }
  }
}
`,
      errors: [
        {
          messageId: 'flagNeverSet',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 27,
          data: { flag: 'this.#stopped' },
          suggestions: null,
        },
        {
          messageId: 'endlessLoop',
          line: 19,
          column: 5,
          endLine: 19,
          endColumn: 17,
          data: { loop: 'while (true)' },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});
