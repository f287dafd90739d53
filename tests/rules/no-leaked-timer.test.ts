import rule from '../../src/rules/no-leaked-timer.js';
import { jsRuleTester, ruleTester } from '../RuleTester.js';

/** An interval started at the end of a `try` block whose `catch` returns, cleared in the next `try`'s `finally`. */
const lockExtendedWhileMoving = `export async function moveMessages(server, lock, res) {
  let extendTimer;
  try {
    await server.lock.acquire(lock);
    extendTimer = setInterval(() => {
      server.lock.extend(lock).catch(() => {});
    }, 1000);
  } catch (err) {
    return res.status(500).json({ error: err.message });
  }
  try {
    return await server.moveAll();
  } finally {
    clearInterval(extendTimer);
  }
}`;

const jsx = { parserOptions: { ecmaFeatures: { jsx: true } } };

/** A teardown that calls the method that starts the interval, which clears it before it restarts. */
const heartbeatStoppedByItsSetter = `export class VoiceSocket {
  private heartbeatInterval?: ReturnType<typeof setInterval>;
  constructor(private readonly ws: { close(code?: number): void; send(data: string): void }) {}
  public destroy() {
    this.setHeartbeatInterval(-1);
    this.ws.close(1000);
  }
  public setHeartbeatInterval(ms: number) {
    if (this.heartbeatInterval !== undefined) clearInterval(this.heartbeatInterval);
    if (ms > 0) {
      this.heartbeatInterval = setInterval(() => this.ws.send('ping'), ms);
    }
  }
}
`;

/** A class that starts its interval again itself (`reconnect()`): an overwrite only `checkRestarts` reports. */
const pollerRestartedByItself = `export class Poller {
  timer?: NodeJS.Timeout;
  start() {
    this.timer = setInterval(() => this.tick(), 1000);
  }
  tick() {}
  reconnect() {
    this.start();
  }
  stop() {
    clearInterval(this.timer);
  }
}`;

ruleTester.run('no-leaked-timer', rule, {
  valid: [
    {
      // a restart that calls the starting method again is judged only with \`checkRestarts\` (issue 16: 0 of 8 such
      // findings were true on the repository sweeps: a \`connect()\` path, a restart after a clear)
      code: pollerRestartedByItself,
    },
    {
      // the teardown calls the starting method, whose clear runs before it restarts (issue 16: measured false on the
      // repository sweeps: discord.js's voice socket)
      code: heartbeatStoppedByItsSetter,
    },
    {
      // a subclass of a project class that declares its fields but not this one (the base class's), with no teardown of
      // its own: the base class's teardown may clear the field
      code: `import LocalTrack from './LocalTrack';
import { Component } from 'react';
export default class LocalAudioTrack extends LocalTrack {
  private prevStats?: number;
  startMonitor() {
    if (this.monitorInterval) return;
    this.monitorInterval = setInterval(() => this.monitorSender(), 2000);
  }
  monitorSender() {}
}`,
    },
    {
      // a lifecycle pair that the owner calls (a framework's start()/stop()): start() twice without stop() is the
      // owner's misuse, not a leak of this class
      code: `export class Health {
  #checkTimer?: NodeJS.Timeout;
  start() {
    this.#checkTimer = setInterval(() => this.check(), 60_000);
  }
  check() {}
  stop() {
    clearInterval(this.#checkTimer);
  }
}`,
    },
    {
      // started in an \`if\` branch, cleared in the \`finally\` of a \`try\` after the \`if\`: nothing between can throw
      code: `export async function run(n: number, work: () => Promise<void>) {
  let timer: ReturnType<typeof setInterval> | null = null;
  if (n > 0) {
    timer = setInterval(() => {}, 1000);
  }
  let done = false;
  try {
    await work();
    done = true;
  } finally {
    if (timer) clearInterval(timer);
  }
  return done;
}`,
    },
    {
      // a one-shot function the top level runs once, whose rejection ends the process (issue 16)
      code: `async function run() {
  const id = setInterval(report, 1000);
  await work();
}
run().catch((error) => {
  console.error(error);
  process.exit(1);
});
const serve = async () => {
  const id = setInterval(report, 1000);
};
serve().then(ready, fail);
function loadTest() {
  const id = setInterval(fire, 10);
}
await loadTest();`,
    },
    {
      // a dev server class constructed once at module level: what its methods start lives as long as the program
      code: `class DevServer {
  timer?: NodeJS.Timeout;
  start() {
    this.timer = setInterval(() => this.rebuild(), 500);
  }
  rebuild() {}
}
const server: DevServer = new DevServer();
server.start();`,
    },
    {
      // a store that a module-level root store constructs once: its constructor's timer lives as long as the page
      code: `class UiStore {
  timer: ReturnType<typeof setInterval>;
  constructor(readonly root: RootStore) {
    this.timer = setInterval(() => this.tick(), 1000);
  }
  tick() {}
}
class RootStore {
  ui: UiStore;
  constructor() {
    this.ui = new UiStore(this);
  }
}
export const root = new RootStore();`,
    },
    {
      // Angular's ngOnInit runs once per instance too
      code: `export class ClockComponent {
  timer?: ReturnType<typeof setInterval>;
  ngOnInit() {
    this.timer = setInterval(() => this.tick(), 1000);
  }
  ngOnDestroy() {
    clearInterval(this.timer);
  }
  tick() {}
}`,
    },
    {
      // componentDidMount runs once per instance: it never overwrites a running timer
      code: `export class Clock extends React.Component {
  timer?: ReturnType<typeof setInterval>;
  componentDidMount() {
    this.timer = setInterval(() => this.tick(), 1000);
  }
  componentWillUnmount() {
    clearInterval(this.timer);
  }
  tick() {}
}`,
    },
    {
      // issue 15: `unref()` still excuses a module-level, app-lifetime interval (it no longer keeps the process alive)
      code: `export const sweeper = setInterval(() => sweepSessions(), 60_000).unref();
declare function sweepSessions(): void;`,
    },
    {
      // module top level: an app-lifetime timer
      code: `setInterval(() => refreshCache(), 60_000);
const heartbeat = setInterval(beat, 1000);
heartbeat.unref();`,
    },
    {
      // main() and a module-level IIFE run once for the whole program
      code: `async function main() {
  setInterval(report, 1000);
}
(async () => {
  const id = setInterval(report, 1000);
})();
void main();`,
    },
    {
      // the id is handed off: returned, returned in a cleanup closure, or passed to a registry
      code: `export function every(ms: number, tick: () => void) {
  const id = setInterval(tick, ms);
  return id;
}
export function poll(tick: () => void) {
  const id = setInterval(tick, 1000);
  return () => clearInterval(id);
}
export function track(registry: Set<unknown>) {
  const id = setInterval(tick, 1000);
  registry.add(id);
}
export function direct() {
  return setInterval(tick, 1000);
}`,
    },
    {
      // the interval clears itself, or a registered callback clears it
      code: `export function countdown(n: number) {
  const id = setInterval(() => {
    if (--n === 0) clearInterval(id);
  }, 1000);
}
export function whileOpen(socket: { on(event: string, cb: () => void): void }) {
  const id = setInterval(ping, 1000);
  socket.on('close', () => clearInterval(id));
}`,
    },
    {
      // cleared in a finally block on every exit
      code: `export async function withProgress(task: () => Promise<void>) {
  const id = setInterval(printProgress, 500);
  try {
    await task();
  } finally {
    clearInterval(id);
  }
}`,
    },
    {
      // timers/promises: cancelled by its signal or by leaving the loop; a local setInterval is not the timer
      code: `import { setInterval as every } from 'node:timers/promises';
export async function poll(signal: AbortSignal) {
  for await (const _ of every(1000, undefined, { signal })) await check();
}
export function local() {
  const setInterval = (fn: () => void) => fn;
  setInterval(check);
}`,
    },
    {
      // a class clears its field in stop(), close() (through a helper) or [Symbol.dispose]()
      code: `export class Poller {
  private timer?: ReturnType<typeof setInterval>;
  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 1000);
  }
  stop() {
    clearInterval(this.timer);
  }
  tick() {}
}
export class Client {
  #ping?: NodeJS.Timeout;
  connect() {
    this.#stopPing();
    this.#ping = setInterval(() => this.send('ping'), 30_000);
  }
  #stopPing() {
    clearInterval(this.#ping);
  }
  close() {
    this.#stopPing();
  }
  send(_message: string) {}
}
export class Sweeper {
  #timer = setInterval(() => this.sweep(), 1000);
  sweep() {}
  [Symbol.dispose]() {
    clearInterval(this.#timer);
  }
}`,
    },
    {
      // restart pattern: cleared before it is started again, and cleared in the teardown
      code: `export class Reconnector {
  timer: NodeJS.Timeout | undefined;
  schedule() {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.retry(), 5000);
  }
  retry() {}
  destroy() {
    clearInterval(this.timer);
  }
}`,
    },
    {
      // guarded starts (`??=`, a condition), and a start only the constructor calls, cannot overwrite a running timer
      code: `export class A {
  timer?: NodeJS.Timeout;
  start() {
    this.timer ??= setInterval(() => this.tick(), 1000);
  }
  tick() {}
  stop() { clearInterval(this.timer); }
}
export class B {
  running = false;
  timer?: NodeJS.Timeout;
  start() {
    if (!this.running) {
      this.running = true;
      this.timer = setInterval(() => this.tick(), 1000);
    }
  }
  tick() {}
  stop() { clearInterval(this.timer); this.running = false; }
}
export class C {
  timer?: NodeJS.Timeout;
  constructor() {
    this.init();
  }
  private init() {
    this.timer = setInterval(() => this.tick(), 1000);
  }
  tick() {}
  close() { clearInterval(this.timer); }
}`,
    },
    {
      // no teardown method: the method that clears it is the class's own way to stop it
      code: `export class Blinker {
  timer?: NodeJS.Timeout;
  begin() {
    if (this.timer) return;
    this.timer = setInterval(() => this.toggle(), 500);
  }
  toggle() {}
  pause() {
    clearInterval(this.timer);
  }
}`,
    },
    {
      // cleared by an event callback, by Node's `timer.close()`, or handed to other code
      code: `export class Session {
  heartbeat?: NodeJS.Timeout;
  ttl?: NodeJS.Timeout;
  retry?: NodeJS.Timeout;
  constructor(private socket: { on(event: string, cb: () => void): void }) {
    this.heartbeat = setInterval(() => this.beat(), 1000);
    this.socket.on('close', () => clearInterval(this.heartbeat));
    this.ttl = setInterval(() => this.expire(), 1000);
    this.retry = setInterval(() => this.expire(), 1000);
    timers.add(this.retry);
  }
  beat() {}
  expire() {}
  close() {
    this.ttl?.close();
  }
}`,
    },
    {
      // fields of other objects, prototype-style classes and static fields are someone else's
      code: `export function attach(state: { timer?: unknown }) {
  state.timer = setInterval(tick, 1000);
}
function Legacy(this: { timer?: unknown }) {}
Legacy.prototype.start = function (this: { timer?: unknown }) {
  this.timer = setInterval(tick, 1000);
};
export class Registry {
  static sweeper = setInterval(sweep, 60_000);
}`,
    },
    {
      // an outer variable that some other function clears
      code: `let timer: NodeJS.Timeout | undefined;
export function start() {
  timer = setInterval(tick, 1000);
}
export function stop() {
  clearInterval(timer);
}`,
    },
    {
      // effects whose cleanup clears the interval (inline, named, through a ref, layout effect)
      code: `import { useEffect, useLayoutEffect, useRef, useState } from 'react';
export function Clock() {
  const [now, setNow] = useState(Date.now());
  const ref = useRef<ReturnType<typeof setInterval>>();
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  useLayoutEffect(() => {
    const id = setInterval(measure, 100);
    function stop() {
      clearInterval(id);
    }
    return stop;
  }, []);
  useEffect(() => {
    ref.current = setInterval(measure, 100);
    return () => clearInterval(ref.current);
  }, []);
  useEffect(() => {
    let id: ReturnType<typeof setInterval> | undefined;
    const begin = () => {
      id = setInterval(measure, 100);
    };
    begin();
    return () => clearInterval(id);
  }, []);
  return <time>{now}</time>;
}`,
      filename: 'react.tsx',
    },
    {
      // an effect returning a cleanup it names but the rule cannot see is trusted
      code: `import { useEffect } from 'react';
export function useTicker(register: (id: unknown) => () => void) {
  useEffect(() => {
    const id = setInterval(tick, 1000);
    const cleanup = register(id);
    return cleanup;
  }, [register]);
}`,
    },
    {
      // timeouts are not checked by default
      code: `export function later(fn: () => void) {
  const t = setTimeout(fn, 1000);
}
export class Debouncer {
  t?: NodeJS.Timeout;
  schedule() { this.t = setTimeout(() => this.flush(), 100); }
  flush() {}
}`,
    },
    {
      // with checkTimeouts: fire-and-forget and unrefed timeouts are not the owner's to cancel, and cleared ones are fine
      code: `export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
export function later(fn: () => void) {
  setTimeout(fn, 1000);
  const t = setTimeout(fn, 1000);
  t.unref();
}
export async function fetchWithTimeout(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}`,
      options: [{ checkTimeouts: true }],
    },
    {
      // a custom teardown name
      code: `export class Machine {
  timer?: NodeJS.Timeout;
  run() {
    if (this.timer) return;
    this.timer = setInterval(() => this.step(), 10);
  }
  step() {}
  halt() {
    clearInterval(this.timer);
  }
}`,
      settings: { cleanup: { teardownMethods: ['halt'] } },
    },
    {
      // a hook that is not an effect by default is a plain callback: its interval is handed to the returned cleanup
      code: `export function useTick() {
  useIsomorphicLayoutEffect(() => {
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  });
}`,
    },
    {
      // unusual holders are handed off: using, destructuring, arrays, compound and guarded assignments, other objects' keys
      code: `export function shapes(store: Record<string, unknown>, key: string) {
  using disposable = setInterval(tick, 1000);
  const [first] = [setInterval(tick, 1000)];
  const { ref } = setInterval(tick, 1000) as unknown as { ref: unknown };
  let total = 0;
  total += setInterval(tick, 1000) as unknown as number;
  let id: NodeJS.Timeout | undefined;
  id ??= setInterval(tick, 1000);
  store[key] = setInterval(tick, 1000);
  void setInterval(tick, 1000);
}
export class Keys {
  'quoted' = setInterval(tick, 1000);
  ['computed'] = setInterval(tick, 1000);
}`,
    },
    {
      // a field guarded with ||=, and one started in an arrow-function member, then cleared in teardown
      code: `export class Pump {
  timer?: NodeJS.Timeout;
  other?: NodeJS.Timeout;
  start = () => {
    this.timer ||= setInterval(() => this.tick(), 100);
  };
  later() {
    queueMicrotask(() => {
      this.other = setInterval(() => this.tick(), 100);
    });
  }
  tick() {}
  stop() {
    clearInterval(this.timer);
    clearInterval(this.other);
  }
}`,
    },
    {
      // an effect id handed to state or unref'd is managed elsewhere; an outer id cleared anywhere
      code: `import { useEffect } from 'react';
export function useTimers(setTimer: (id: unknown) => void) {
  let outer: NodeJS.Timeout | undefined;
  useEffect(() => {
    const id = setInterval(tick, 1000);
    setTimer(id);
  }, [setTimer]);
  useEffect(() => {
    const id = setInterval(tick, 1000);
    id.unref();
  }, []);
  useEffect(() => {
    outer = setInterval(tick, 1000);
  }, []);
  const stop = () => clearInterval(outer);
  return stop;
}`,
    },
    {
      // checkTimeouts: an outer variable a timeout is stored in is not checked
      code: `let pending: NodeJS.Timeout | undefined;
export function schedule(fn: () => void) {
  pending = setTimeout(fn, 100);
}`,
      options: [{ checkTimeouts: true }],
    },
    {
      // a discarded interval (no id at all) is reported by no-floating-resource, not here
      code: `export function startPolling() {
  setInterval(() => poll(), 1000);
}`,
    },
    {
      // started at the end of an earlier \`try\` block whose \`catch\` returns: that \`catch\` runs only when no
      // interval was started, and the next \`try\`'s \`finally\` clears it
      code: lockExtendedWhileMoving,
    },
  ],
  invalid: [
    {
      // the same, with an \`await\` after the start inside that block: its rejection reaches the \`catch\`
      code: lockExtendedWhileMoving.replace('    }, 1000);\n', "    }, 1000);\n    await server.notify('moving');\n"),
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 5,
          column: 19,
          endLine: 7,
          endColumn: 13,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'extendTimer',
            path: 'the `await` on line 8 rejects',
            line: '15',
          },
        },
      ],
    },
    {
      // the same class whose teardown does not call it: the clear only restarts the interval
      code: heartbeatStoppedByItsSetter.replace('    this.setHeartbeatInterval(-1);\n', ''),
      errors: [
        {
          messageId: 'fieldNeverCleared',
          line: 10,
          column: 32,
          endLine: 10,
          endColumn: 75,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.heartbeatInterval',
            className: 'VoiceSocket',
            teardown: '`destroy()`',
          },
          suggestions: [
            {
              messageId: 'suggestClearInTeardown',
              data: { id: 'this.heartbeatInterval', teardown: 'destroy' },
              output: `export class VoiceSocket {
  private heartbeatInterval?: ReturnType<typeof setInterval>;
  constructor(private readonly ws: { close(code?: number): void; send(data: string): void }) {}
  public destroy() {
    clearInterval(this.heartbeatInterval);
    this.ws.close(1000);
  }
  public setHeartbeatInterval(ms: number) {
    if (this.heartbeatInterval !== undefined) clearInterval(this.heartbeatInterval);
    if (ms > 0) {
      this.heartbeatInterval = setInterval(() => this.ws.send('ping'), ms);
    }
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // a subclass that assigns its own field (it declares none): its base class's teardown does not know it
      code: `import BaseReporter from './base';
export class ConsoleReporter extends BaseReporter {
  init(registry: unknown) {
    super.init(registry);
    this.timer = setInterval(() => this.print(), 5000);
  }
  print() {}
}`,
      output: null,
      errors: [
        {
          messageId: 'fieldNeverCleared',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 55,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.timer',
            className: 'ConsoleReporter',
            teardown: 'a teardown method such as `stop()` or `[Symbol.dispose]()`',
          },
          suggestions: null,
        },
      ],
    },
    {
      // started in an \`if\` branch that then awaits before the \`try\` whose \`finally\` clears it
      code: `export async function run(n: number, work: () => Promise<void>, warm: () => Promise<void>) {
  let timer: ReturnType<typeof setInterval> | null = null;
  if (n > 0) {
    timer = setInterval(() => {}, 1000);
    await warm();
  }
  try {
    await work();
  } finally {
    if (timer) clearInterval(timer);
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 40,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'timer',
            path: 'the \`await\` on line 5 rejects',
            line: '10',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      options: [{ checkRestarts: true }],
      // issue 16 neighbours: a function run per file, a class constructed twice, a method run per update
      code: `function watch(file: string) {
  const id = setInterval(() => check(file), 1000);
}
for (const file of files) watch(file);
class Poller {
  timer?: NodeJS.Timeout;
  start() {
    this.timer = setInterval(() => this.poll(), 500);
  }
  poll() {}
}
new Poller().start();
new Poller().start();
export class Clock extends React.Component {
  timer?: ReturnType<typeof setInterval>;
  componentDidUpdate() {
    this.timer = setInterval(() => this.tick(), 1000);
  }
  componentWillUnmount() {
    clearInterval(this.timer);
  }
  tick() {}
}`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 50,
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`watch()`' },
          suggestions: null,
        },
        {
          messageId: 'fieldNeverCleared',
          line: 8,
          column: 18,
          endLine: 8,
          endColumn: 53,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.timer',
            className: 'Poller',
            teardown: 'a teardown method such as `stop()` or `[Symbol.dispose]()`',
          },
          suggestions: null,
        },
        {
          messageId: 'overwritten',
          line: 17,
          column: 18,
          endLine: 17,
          endColumn: 54,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.timer', method: 'componentDidUpdate' },
          suggestions: [
            {
              messageId: 'suggestClearFirst',
              data: { id: 'this.timer', timer: 'interval' },
              output: `function watch(file: string) {
  const id = setInterval(() => check(file), 1000);
}
for (const file of files) watch(file);
class Poller {
  timer?: NodeJS.Timeout;
  start() {
    this.timer = setInterval(() => this.poll(), 500);
  }
  poll() {}
}
new Poller().start();
new Poller().start();
export class Clock extends React.Component {
  timer?: ReturnType<typeof setInterval>;
  componentDidUpdate() {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.tick(), 1000);
  }
  componentWillUnmount() {
    clearInterval(this.timer);
  }
  tick() {}
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // stored but never cleared nor handed off (in a constructor too)
      code: `export function watch(file: string) {
  const id = setInterval(() => check(file), 1000);
  log(\`watching \${file}\`);
}
export class Watcher {
  constructor() {
    const id = setInterval(() => this.check(), 1000);
  }
  check() {}
}`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 50,
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`watch()`' },
          suggestions: null,
        },
        {
          messageId: 'neverCleared',
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 53,
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: 'the constructor' },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // cleared after an await that can reject
      code: `export async function withProgress(task: () => Promise<void>) {
  const id = setInterval(printProgress, 500);
  await task();
  clearInterval(id);
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 45,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'id',
            path: 'the `await` on line 3 rejects',
            line: '4',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // cleared on some paths only
      code: `export function poll(done: boolean) {
  const id = setInterval(check, 500);
  if (done) {
    clearInterval(id);
  }
}`,
      errors: [
        {
          messageId: 'somePaths',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 37,
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`poll()`', line: '4' },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a class field no teardown clears: suggestion adds the clear to close()
      code: `export class Poller {
  private timer?: NodeJS.Timeout;
  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 1000);
  }
  tick() {}
  close() {
    this.socket.end();
  }
  socket = { end() {} };
}`,
      errors: [
        {
          messageId: 'fieldNeverCleared',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 54,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.timer',
            className: 'Poller',
            teardown: '`close()`',
          },
          suggestions: [
            {
              messageId: 'suggestClearInTeardown',
              data: { id: 'this.timer', teardown: 'close' },
              output: `export class Poller {
  private timer?: NodeJS.Timeout;
  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 1000);
  }
  tick() {}
  close() {
    clearInterval(this.timer);
    this.socket.end();
  }
  socket = { end() {} };
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // issue 15: `unref()` does not excuse an interval a class holds: each instance's timer runs until the process ends
      code: `export class SessionStore {
  private sweeper = setInterval(() => this.sweep(), 60_000).unref();
  sweep() {}
  close() {
    this.sessions.clear();
  }
  sessions = new Map();
}`,
      errors: [
        {
          messageId: 'fieldNeverCleared',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 60,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.sweeper',
            className: 'SessionStore',
            teardown: '`close()`',
          },
          suggestions: [
            {
              messageId: 'suggestClearInTeardown',
              data: { id: 'this.sweeper', teardown: 'close' },
              output: `export class SessionStore {
  private sweeper = setInterval(() => this.sweep(), 60_000).unref();
  sweep() {}
  close() {
    clearInterval(this.sweeper);
    this.sessions.clear();
  }
  sessions = new Map();
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // a class field, no teardown method at all: no suggestion
      code: `export class Ticker {
  timer?: NodeJS.Timeout;
  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 1000);
  }
  tick() {}
}`,
      errors: [
        {
          messageId: 'fieldNeverCleared',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 54,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.timer',
            className: 'Ticker',
            teardown: 'a teardown method such as `stop()` or `[Symbol.dispose]()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a field initializer and an empty [Symbol.dispose]()
      code: `export class Sweeper {
  #timer = setInterval(() => this.sweep(), 1000);
  sweep() {}
  [Symbol.dispose]() {}
}`,
      errors: [
        {
          messageId: 'fieldNeverCleared',
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 49,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.#timer',
            className: 'Sweeper',
            teardown: '`[Symbol.dispose]()`',
          },
          suggestions: [
            {
              messageId: 'suggestClearInTeardown',
              data: { id: 'this.#timer', teardown: '[Symbol.dispose]' },
              output: `export class Sweeper {
  #timer = setInterval(() => this.sweep(), 1000);
  sweep() {}
  [Symbol.dispose]() {
    clearInterval(this.#timer);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // cleared by pause() only, not by close()
      code: `export class Player {
  timer?: NodeJS.Timeout;
  play() {
    if (this.timer) return;
    this.timer = setInterval(() => this.frame(), 16);
  }
  frame() {}
  pause() {
    clearInterval(this.timer);
  }
  close() {
    this.frame();
  }
}`,
      errors: [
        {
          messageId: 'teardownMissesClear',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 53,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.timer', method: 'pause', teardown: '`close()`' },
          suggestions: [
            {
              messageId: 'suggestClearInTeardown',
              data: { id: 'this.timer', teardown: 'close' },
              output: `export class Player {
  timer?: NodeJS.Timeout;
  play() {
    if (this.timer) return;
    this.timer = setInterval(() => this.frame(), 16);
  }
  frame() {}
  pause() {
    clearInterval(this.timer);
  }
  close() {
    clearInterval(this.timer);
    this.frame();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      options: [{ checkRestarts: true }],
      // overwritten when start() runs twice: the class itself starts it again on each reconnect
      code: pollerRestartedByItself,
      errors: [
        {
          messageId: 'overwritten',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 54,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.timer', method: 'start' },
          suggestions: [
            {
              messageId: 'suggestClearFirst',
              data: { id: 'this.timer', timer: 'interval' },
              output: `export class Poller {
  timer?: NodeJS.Timeout;
  start() {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.tick(), 1000);
  }
  tick() {}
  reconnect() {
    this.start();
  }
  stop() {
    clearInterval(this.timer);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // cleared only to restart: nothing stops it
      code: `export class Reconnector {
  timer?: NodeJS.Timeout;
  schedule() {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.retry(), 5000);
  }
  retry() {}
}`,
      errors: [
        {
          messageId: 'fieldNeverCleared',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 55,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.timer',
            className: 'Reconnector',
            teardown: 'a teardown method such as `stop()` or `[Symbol.dispose]()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // an outer variable nobody clears
      code: `let sweeper: NodeJS.Timeout | undefined;
export function ensureSweeper() {
  if (sweeper) return;
  sweeper = setInterval(sweep, 60_000);
}`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 39,
          data: { timer: 'interval', clear: 'clearInterval', id: 'sweeper', owner: '`ensureSweeper()`' },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // wrappers, optional chaining, comments, window.setInterval and a node:timers alias
      code: `import { setInterval as every } from 'node:timers';
export class Monitor {
  timer?: number;
  other?: NodeJS.Timeout;
  start() {
    if (this.timer) return;
    this.timer = (window.setInterval(/* tick */ () => this.tick(), 1000) as unknown) as number;
    this.other = every(() => this.tick(), 1000)!;
  }
  tick() {}
  stop() {
    clearInterval(this.timer!);
  }
}`,
      errors: [
        {
          messageId: 'fieldNeverCleared',
          line: 8,
          column: 18,
          endLine: 8,
          endColumn: 48,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.other',
            className: 'Monitor',
            teardown: '`stop()`',
          },
          suggestions: [
            {
              messageId: 'suggestClearInTeardown',
              data: { id: 'this.other', teardown: 'stop' },
              output: `import { setInterval as every } from 'node:timers';
export class Monitor {
  timer?: number;
  other?: NodeJS.Timeout;
  start() {
    if (this.timer) return;
    this.timer = (window.setInterval(/* tick */ () => this.tick(), 1000) as unknown) as number;
    this.other = every(() => this.tick(), 1000)!;
  }
  tick() {}
  stop() {
    clearInterval(this.other);
    clearInterval(this.timer!);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // effects: no cleanup, a cleanup that does not clear, a ref (a discarded interval is no-floating-resource's)
      code: `import { useEffect, useRef } from 'react';
export function Dashboard() {
  const ref = useRef<ReturnType<typeof setInterval>>();
  useEffect(() => {
    setInterval(refresh, 5000);
  }, []);
  useEffect(() => {
    const id = setInterval(refresh, 5000);
    refresh();
  }, []);
  useEffect(() => {
    const id = setInterval(refresh, 5000);
    return () => {
      log('unmount');
    };
  }, []);
  useEffect(() => {
    ref.current = setInterval(refresh, 5000);
    subscribe();
  }, []);
  return <div />;
}`,
      filename: 'react.tsx',
      errors: [
        {
          messageId: 'effectNotCleared',
          line: 8,
          column: 16,
          endLine: 8,
          endColumn: 42,
          data: { timer: 'interval', clear: 'clearInterval', hook: 'useEffect', id: 'id' },
          suggestions: [
            {
              messageId: 'suggestReturnCleanup',
              data: { id: 'id' },
              output: `import { useEffect, useRef } from 'react';
export function Dashboard() {
  const ref = useRef<ReturnType<typeof setInterval>>();
  useEffect(() => {
    setInterval(refresh, 5000);
  }, []);
  useEffect(() => {
    const id = setInterval(refresh, 5000);
    refresh();
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    const id = setInterval(refresh, 5000);
    return () => {
      log('unmount');
    };
  }, []);
  useEffect(() => {
    ref.current = setInterval(refresh, 5000);
    subscribe();
  }, []);
  return <div />;
}`,
            },
          ],
        },
        {
          messageId: 'effectNotCleared',
          line: 12,
          column: 16,
          endLine: 12,
          endColumn: 42,
          data: { timer: 'interval', clear: 'clearInterval', hook: 'useEffect', id: 'id' },
          suggestions: [
            {
              messageId: 'suggestClearInCleanup',
              data: { id: 'id' },
              output: `import { useEffect, useRef } from 'react';
export function Dashboard() {
  const ref = useRef<ReturnType<typeof setInterval>>();
  useEffect(() => {
    setInterval(refresh, 5000);
  }, []);
  useEffect(() => {
    const id = setInterval(refresh, 5000);
    refresh();
  }, []);
  useEffect(() => {
    const id = setInterval(refresh, 5000);
    return () => {
      clearInterval(id);
      log('unmount');
    };
  }, []);
  useEffect(() => {
    ref.current = setInterval(refresh, 5000);
    subscribe();
  }, []);
  return <div />;
}`,
            },
          ],
        },
        {
          messageId: 'effectNotCleared',
          line: 18,
          column: 19,
          endLine: 18,
          endColumn: 45,
          data: { timer: 'interval', clear: 'clearInterval', hook: 'useEffect', id: 'ref.current' },
          suggestions: [
            {
              messageId: 'suggestReturnCleanup',
              data: { id: 'ref.current' },
              output: `import { useEffect, useRef } from 'react';
export function Dashboard() {
  const ref = useRef<ReturnType<typeof setInterval>>();
  useEffect(() => {
    setInterval(refresh, 5000);
  }, []);
  useEffect(() => {
    const id = setInterval(refresh, 5000);
    refresh();
  }, []);
  useEffect(() => {
    const id = setInterval(refresh, 5000);
    return () => {
      log('unmount');
    };
  }, []);
  useEffect(() => {
    ref.current = setInterval(refresh, 5000);
    subscribe();
    return () => clearInterval(ref.current);
  }, []);
  return <div />;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // checkTimeouts: a timeout in an effect, a debounce that overwrites its timeout, a kept id never cleared
      code: `import { useEffect } from 'react';
export function useLater(fn: () => void) {
  useEffect(() => {
    setTimeout(fn, 1000);
  }, [fn]);
}
export class Saver {
  t?: NodeJS.Timeout;
  schedule() {
    this.t = setTimeout(() => this.flush(), 100);
  }
  flush() {}
  close() {
    clearTimeout(this.t);
  }
}
export function remind(fn: () => void) {
  const reminder = setTimeout(fn, 1000);
  if (reminder) log('scheduled');
}`,
      options: [{ checkTimeouts: true }],
      errors: [
        {
          messageId: 'effectNotStored',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 25,
          data: { timer: 'timeout', clear: 'clearTimeout', hook: 'useEffect' },
          suggestions: null,
        },
        {
          messageId: 'overwritten',
          line: 10,
          column: 14,
          endLine: 10,
          endColumn: 49,
          data: { timer: 'timeout', clear: 'clearTimeout', id: 'this.t', method: 'schedule' },
          suggestions: [
            {
              messageId: 'suggestClearFirst',
              data: { id: 'this.t', timer: 'timeout' },
              output: `import { useEffect } from 'react';
export function useLater(fn: () => void) {
  useEffect(() => {
    setTimeout(fn, 1000);
  }, [fn]);
}
export class Saver {
  t?: NodeJS.Timeout;
  schedule() {
    clearTimeout(this.t);
    this.t = setTimeout(() => this.flush(), 100);
  }
  flush() {}
  close() {
    clearTimeout(this.t);
  }
}
export function remind(fn: () => void) {
  const reminder = setTimeout(fn, 1000);
  if (reminder) log('scheduled');
}`,
            },
          ],
        },
        {
          messageId: 'neverCleared',
          line: 18,
          column: 20,
          endLine: 18,
          endColumn: 40,
          data: { timer: 'timeout', clear: 'clearTimeout', id: 'reminder', owner: '`remind()`' },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // custom teardown names
      code: `export class Machine {
  timer?: NodeJS.Timeout;
  run() {
    if (this.timer) return;
    this.timer = setInterval(() => this.step(), 10);
  }
  step() {}
  pause() {
    clearInterval(this.timer);
  }
  halt() {
    this.step();
  }
}`,
      settings: { cleanup: { teardownMethods: ['halt'] } },
      errors: [
        {
          messageId: 'teardownMissesClear',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 52,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.timer', method: 'pause', teardown: '`halt()`' },
          suggestions: [
            {
              messageId: 'suggestClearInTeardown',
              data: { id: 'this.timer', teardown: 'halt' },
              output: `export class Machine {
  timer?: NodeJS.Timeout;
  run() {
    if (this.timer) return;
    this.timer = setInterval(() => this.step(), 10);
  }
  step() {}
  pause() {
    clearInterval(this.timer);
  }
  halt() {
    clearInterval(this.timer);
    this.step();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // custom effect hooks
      code: `export function useTick() {
  useIsomorphicLayoutEffect(() => {
    const id = setInterval(tick, 1000);
    tick();
  });
}`,
      settings: { cleanup: { effectHooks: ['useIsomorphicLayoutEffect'] } },
      errors: [
        {
          messageId: 'effectNotCleared',
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 39,
          data: { timer: 'interval', clear: 'clearInterval', hook: 'useIsomorphicLayoutEffect', id: 'id' },
          suggestions: [
            {
              messageId: 'suggestReturnCleanup',
              data: { id: 'id' },
              output: `export function useTick() {
  useIsomorphicLayoutEffect(() => {
    const id = setInterval(tick, 1000);
    tick();
    return () => clearInterval(id);
  });
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // an outer id tested on the right of `&&` is only tested (the one reference classifier: an identity read)
      code: `let timer: NodeJS.Timeout | undefined;
declare const ready: boolean;
export function start() {
  if (ready && timer) return;
  timer = setInterval(tick, 1000);
}`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 34,
          data: { timer: 'interval', clear: 'clearInterval', id: 'timer', owner: '`start()`' },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // an outer id only tested, never cleared; a shadowed clearInterval gets no suggestion
      code: `let timer: NodeJS.Timeout | undefined;
export function start() {
  if (timer !== undefined) return;
  timer = setInterval(tick, 1000);
}
export class Clock {
  timer?: NodeJS.Timeout;
  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 1000);
  }
  tick() {}
  close() {
    const clearInterval = (_id: unknown) => {};
    clearInterval(1);
  }
}`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 34,
          data: { timer: 'interval', clear: 'clearInterval', id: 'timer', owner: '`start()`' },
          suggestions: null,
        },
        {
          messageId: 'fieldNeverCleared',
          line: 10,
          column: 18,
          endLine: 10,
          endColumn: 54,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.timer',
            className: 'Clock',
            teardown: '`close()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // an effect with an expression-body cleanup, an effect with an expression body, a clear of another id
      code: `import { useEffect } from 'react';
export function Widget() {
  useEffect(() => {
    const id = setInterval(tick, 1000);
    return () => log(id === undefined);
  }, []);
  useEffect(() => void (window.timer = setInterval(tick, 1000)), []);
  useEffect(() => {
    let id = setInterval(tick, 1000);
    const other = setInterval(tick, 1000);
    clearInterval(other);
    if (!id) return;
  }, []);
  return null;
}`,
      filename: 'react.tsx',
      errors: [
        {
          messageId: 'effectNotCleared',
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 39,
          data: { timer: 'interval', clear: 'clearInterval', hook: 'useEffect', id: 'id' },
          suggestions: null,
        },
        {
          messageId: 'effectNotCleared',
          line: 7,
          column: 40,
          endLine: 7,
          endColumn: 63,
          data: { timer: 'interval', clear: 'clearInterval', hook: 'useEffect', id: 'window.timer' },
          suggestions: null,
        },
        {
          messageId: 'effectNotCleared',
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 37,
          data: { timer: 'interval', clear: 'clearInterval', hook: 'useEffect', id: 'id' },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      options: [{ checkRestarts: true }],
      // a one-line overwrite, and an init method that is also called outside the constructor
      code: `export class Beacon {
  timer?: NodeJS.Timeout;
  ping() { this.timer = setInterval(() => this.send(), 1000); }
  send() {}
  onOpen() { this.ping(); }
  stop() { clearInterval(this.timer); }
}
export class Once {
  timer?: NodeJS.Timeout;
  constructor() { this.init(); }
  init() { this.timer = setInterval(() => this.send(), 1000); }
  reinit() { this.init(); }
  send() {}
  stop() { clearInterval(this.timer); }
}`,
      errors: [
        {
          messageId: 'overwritten',
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 61,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.timer', method: 'ping' },
          suggestions: [
            {
              messageId: 'suggestClearFirst',
              data: { id: 'this.timer', timer: 'interval' },
              output: `export class Beacon {
  timer?: NodeJS.Timeout;
  ping() { clearInterval(this.timer);
this.timer = setInterval(() => this.send(), 1000); }
  send() {}
  onOpen() { this.ping(); }
  stop() { clearInterval(this.timer); }
}
export class Once {
  timer?: NodeJS.Timeout;
  constructor() { this.init(); }
  init() { this.timer = setInterval(() => this.send(), 1000); }
  reinit() { this.init(); }
  send() {}
  stop() { clearInterval(this.timer); }
}`,
            },
          ],
        },
        {
          messageId: 'overwritten',
          line: 11,
          column: 25,
          endLine: 11,
          endColumn: 61,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.timer', method: 'init' },
          suggestions: [
            {
              messageId: 'suggestClearFirst',
              data: { id: 'this.timer', timer: 'interval' },
              output: `export class Beacon {
  timer?: NodeJS.Timeout;
  ping() { this.timer = setInterval(() => this.send(), 1000); }
  send() {}
  onOpen() { this.ping(); }
  stop() { clearInterval(this.timer); }
}
export class Once {
  timer?: NodeJS.Timeout;
  constructor() { this.init(); }
  init() { clearInterval(this.timer);
this.timer = setInterval(() => this.send(), 1000); }
  reinit() { this.init(); }
  send() {}
  stop() { clearInterval(this.timer); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // functions named by variables, object methods and anonymous callbacks
      code: `export const poll = () => {
  const id = setInterval(check, 1000);
};
export const api = {
  watch() {
    const id = setInterval(check, 1000);
  },
};
list.forEach(function () {
  const id = setInterval(check, 1000);
});`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 38,
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`poll()`' },
          suggestions: null,
        },
        {
          messageId: 'neverCleared',
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 40,
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`watch()`' },
          suggestions: null,
        },
        {
          messageId: 'neverCleared',
          line: 10,
          column: 14,
          endLine: 10,
          endColumn: 38,
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: 'this function' },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('no-leaked-timer (JavaScript)', rule, {
  valid: [
    {
      // the only caller returns early when already started (no condition around the call itself)
      code: `class Ticker {
  init() {
    if (this.started) return;
    this.started = true;
    this.watch();
  }
  watch() {
    this.handle = setInterval(tick, 1000);
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Ticker;`,
    },
    {
      // the only caller runs it once: init() returns early when already initiated, and calls it under a condition
      code: `class Transport {
  init() {
    if (this.initiated === true) return this;
    this.initiated = true;
    if (isPrimary) this.watch();
    return this;
  }
  watch() {
    this.handle = setInterval(check, 3000);
    this.handle.unref();
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Transport;`,
    },
    {
      // JavaScript: cleared in the teardown, handed off, or app-lifetime
      code: `const { setInterval: every } = require('node:timers');
setInterval(flush, 1000);
export class Pool {
  constructor() {
    this.reaper = every(() => this.reap(), 1000);
  }
  reap() {}
  end() {
    clearInterval(this.reaper);
  }
}
export function ticker(fn) {
  const id = setInterval(fn, 10);
  return { stop: () => clearInterval(id) };
}`,
    },
    {
      // JSX: an effect that clears in its cleanup
      code: `import { useEffect, useState } from 'react';
export function Clock() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return <time>{now}</time>;
}`,
      filename: 'react.jsx',
      languageOptions: jsx,
    },
  ],
  invalid: [
    {
      options: [{ checkRestarts: true }],
      // a guarded caller that calls it from a callback still runs it any number of times
      code: `class Ticker {
  constructor(socket) {
    this.watch();
    this.socket = socket;
  }
  restart() {
    if (this.stopped) return;
    setTimeout(() => this.watch(), 100);
  }
  watch() {
    this.handle = setInterval(tick, 1000);
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Ticker;`,
      errors: [
        {
          messageId: 'overwritten',
          line: 11,
          column: 19,
          endLine: 11,
          endColumn: 42,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.handle', method: 'watch' },
          suggestions: [
            {
              messageId: 'suggestClearFirst',
              data: { id: 'this.handle', timer: 'interval' },
              output: `class Ticker {
  constructor(socket) {
    this.watch();
    this.socket = socket;
  }
  restart() {
    if (this.stopped) return;
    setTimeout(() => this.watch(), 100);
  }
  watch() {
    clearInterval(this.handle);
    this.handle = setInterval(tick, 1000);
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Ticker;`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      options: [{ checkRestarts: true }],
      // a call in a callback of the constructor runs on every event
      code: `class Ticker {
  constructor(socket) {
    socket.on('reconnect', () => this.watch());
  }
  watch() {
    this.handle = setInterval(tick, 1000);
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Ticker;`,
      errors: [
        {
          messageId: 'overwritten',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 42,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.handle', method: 'watch' },
          suggestions: [
            {
              messageId: 'suggestClearFirst',
              data: { id: 'this.handle', timer: 'interval' },
              output: `class Ticker {
  constructor(socket) {
    socket.on('reconnect', () => this.watch());
  }
  watch() {
    clearInterval(this.handle);
    this.handle = setInterval(tick, 1000);
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Ticker;`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      options: [{ checkRestarts: true }],
      // a return that makes the call is not an early exit before it
      code: `class Ticker {
  init() {
    return this.watch();
  }
  watch() {
    this.handle = setInterval(tick, 1000);
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Ticker;`,
      errors: [
        {
          messageId: 'overwritten',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 42,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.handle', method: 'watch' },
          suggestions: [
            {
              messageId: 'suggestClearFirst',
              data: { id: 'this.handle', timer: 'interval' },
              output: `class Ticker {
  init() {
    return this.watch();
  }
  watch() {
    clearInterval(this.handle);
    this.handle = setInterval(tick, 1000);
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Ticker;`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      options: [{ checkRestarts: true }],
      // the caller is itself a public method with no guard: watch() runs on every init()
      code: `class Transport {
  init() {
    this.watch();
    return this;
  }
  watch() {
    this.handle = setInterval(check, 3000);
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Transport;`,
      errors: [
        {
          messageId: 'overwritten',
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 43,
          data: { timer: 'interval', clear: 'clearInterval', id: 'this.handle', method: 'watch' },
          suggestions: [
            {
              messageId: 'suggestClearFirst',
              data: { id: 'this.handle', timer: 'interval' },
              output: `class Transport {
  init() {
    this.watch();
    return this;
  }
  watch() {
    clearInterval(this.handle);
    this.handle = setInterval(check, 3000);
  }
  destroy() {
    clearInterval(this.handle);
  }
}
module.exports = Transport;`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // JavaScript: a function, a class and a constructor that never clear
      code: `export function startPolling() {
  const id = setInterval(poll, 1000);
}
export class Pool {
  constructor() {
    this.reaper = setInterval(() => this.reap(), 1000);
  }
  reap() {}
  end() {
    this.closed = true;
  }
}`,
      errors: [
        {
          messageId: 'neverCleared',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 37,
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`startPolling()`' },
          suggestions: null,
        },
        {
          messageId: 'fieldNeverCleared',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 55,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.reaper',
            className: 'Pool',
            teardown: '`end()`',
          },
          suggestions: [
            {
              messageId: 'suggestClearInTeardown',
              data: { id: 'this.reaper', teardown: 'end' },
              output: `export function startPolling() {
  const id = setInterval(poll, 1000);
}
export class Pool {
  constructor() {
    this.reaper = setInterval(() => this.reap(), 1000);
  }
  reap() {}
  end() {
    clearInterval(this.reaper);
    this.closed = true;
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // JSX: an effect without cleanup, and one without returns gets a returned cleanup suggested
      code: `import { useEffect, useState } from 'react';
export function Clock() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
  }, []);
  return <time>{now}</time>;
}`,
      filename: 'react.jsx',
      languageOptions: jsx,
      errors: [
        {
          messageId: 'effectNotCleared',
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 59,
          data: { timer: 'interval', clear: 'clearInterval', hook: 'useEffect', id: 'id' },
          suggestions: [
            {
              messageId: 'suggestReturnCleanup',
              data: { id: 'id' },
              output: `import { useEffect, useState } from 'react';
export function Clock() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return <time>{now}</time>;
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

// TypeScript declaration shapes (overload signatures, abstract and `declare` members, `declare class`, `accessor`,
// index signatures, parameter properties, decorators, enums, namespaces): the implementation's body counts, the
// signatures do not, and no rule assumes that a function has a body.
ruleTester.run('no-leaked-timer', rule, {
  valid: [
    {
      // the implementation of the overloaded `stop` clears the field (its signatures have no body); an abstract `stop()` is the subclass's to write; a `declare class` has no code; a namespace function returns its clearer
      code: `export class Poller {
  private handle?: NodeJS.Timeout;
  declare readonly label: string;
  accessor ticks = 0;
  [key: string]: unknown;
  constructor(private readonly everyMs: number, @inject() public readonly name = 'poller') {}
  start(): void;
  start(everyMs: number): void;
  start(everyMs = this.everyMs): void { if (this.handle) return; this.handle = setInterval(() => this.ticks++, everyMs); }
  stop(): void;
  stop(reason: string): void;
  stop(_reason?: string): void { clearInterval(this.handle); }
}
export abstract class Job {
  protected timer?: NodeJS.Timeout;
  abstract stop(): void;
  start(): void { this.timer = setInterval(() => this.tick(), 1000); }
  protected abstract tick(): void;
}
export declare class Ambient {
  private timer: NodeJS.Timeout;
  start(): void;
  stop(): void;
}
export namespace Scheduler {
  export function every(ms: number, tick: () => void): () => void {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  }
}
export enum Period { Second = 1_000, Minute = 60 * Second }
declare function inject(): ParameterDecorator;
`,
    },
  ],
  invalid: [
    {
      // only the implementation of `stop` counts and it clears nothing (the suggestion keeps its comment); a namespace function keeps an id it never clears
      code: `export class Poller {
  private handle?: NodeJS.Timeout;
  declare readonly label: string;
  accessor ticks = 0;
  start(): void;
  start(everyMs: number): void;
  start(everyMs = 1_000): void { this.handle = setInterval(() => this.ticks++, everyMs); }
  stop(): void;
  stop(reason: string): void;
  stop(_reason?: string): void { /* forgets clearInterval(this.handle) */ }
}
export namespace Metrics {
  export function report(send: (n: number) => void): void {
    const id = setInterval(() => send(Date.now()), 1000);
  }
}
`,
      errors: [
        {
          messageId: 'fieldNeverCleared',
          line: 7,
          column: 48,
          endLine: 7,
          endColumn: 88,
          data: {
            timer: 'interval',
            clear: 'clearInterval',
            id: 'this.handle',
            className: 'Poller',
            teardown: '`stop()`',
          },
          suggestions: [
            {
              messageId: 'suggestClearInTeardown',
              data: { id: 'this.handle', teardown: 'stop' },
              output: `export class Poller {
  private handle?: NodeJS.Timeout;
  declare readonly label: string;
  accessor ticks = 0;
  start(): void;
  start(everyMs: number): void;
  start(everyMs = 1_000): void { this.handle = setInterval(() => this.ticks++, everyMs); }
  stop(): void;
  stop(reason: string): void;
  stop(_reason?: string): void { clearInterval(this.handle); /* forgets clearInterval(this.handle) */ }
}
export namespace Metrics {
  export function report(send: (n: number) => void): void {
    const id = setInterval(() => send(Date.now()), 1000);
  }
}
`,
            },
          ],
        },
        {
          messageId: 'neverCleared',
          line: 14,
          column: 16,
          endLine: 14,
          endColumn: 57,
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`report()`' },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

// One teardown set for every rule (issue 13): a protected hook such as `_close()` (which the owner of the object
// calls) is a teardown method here too, as in require-stop-signal and dispose-owned-resources. This rule used to
// report that `close()` misses the release that `_close()` makes, while the other two accepted it.
ruleTester.run('no-leaked-timer', rule, {
  valid: [
    {
      // released in the protected hook `_close()`
      code: `export class Channel {
  #timer = setInterval(() => this.ping(), 1000);
  ping(): void {}
  close(): void {
    this.closed = true;
  }
  closed = false;
  // Called by the transport that owns this channel, after close().
  _close(): void {
    clearInterval(this.#timer);
    window.removeEventListener('online', this.onOnline);
  }
  listen(): void {
    window.addEventListener('online', this.onOnline);
  }
  onOnline = (): void => this.ping();
}
`,
    },
  ],
  invalid: [],
});
