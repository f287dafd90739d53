// The false shapes of the first repository sweep (bench/repo-classified.jsonl, issue 16) as valid cases, and the
// listener shapes next to them that must still be reported as invalid cases.
import rule from '../../src/rules/no-leaked-listener.js';
import { jsRuleTester, ruleTester } from '../RuleTester.js';

const jsx = { parserOptions: { ecmaFeatures: { jsx: true } } };

ruleTester.run('no-leaked-listener (precision)', rule, {
  valid: [
    {
      // listeners on the object the function has just made: each run listens on its own worker, which replaces the last
      code: `import { MultiWorker } from 'node-resque';
import { api } from './api';
export class ResqueInitializer {
  startMultiWorker = async () => {
    api.resque.multiWorker = new MultiWorker({ queues: ['*'] }, api.tasks.jobs);
    api.resque.multiWorker.on('start', (workerId: number) => console.log('started', workerId));
    api.resque.multiWorker.on('end', (workerId: number) => console.log('ended', workerId));
    await api.resque.multiWorker.start();
  };
  stop = async () => {
    await api.resque.multiWorker?.end();
  };
}`,
    },
    {
      // an injector's singletons: Angular's root-provided service and an \`@NgModule\` class are made once for the app
      code: `import { Injectable, NgModule } from '@angular/core';
@Injectable({ providedIn: 'root' })
export class TouchbarService {
  constructor(private readonly ipc: { on(type: string, fn: () => void): void }) {
    ipc.on('touchbar-selection', () => this.select());
  }
  select(): void {}
  async watch(sleep: (ms: number) => Promise<void>): Promise<void> {
    while (true) {
      await sleep(60_000);
      this.select();
    }
  }
}
@NgModule({})
export class AppModule {
  constructor() {
    window.addEventListener('error', (event) => console.error(event.error));
  }
}`,
    },
    {
      // `removeAllListeners(type)` removes a listener its target added with `addEventListener` (an Electron preload bridge)
      code: `import * as React from 'react';
export class Editors extends React.Component {
  public componentDidMount() {
    this.stopListening();
    window.ElectronFiddle.addEventListener('new-fiddle', async () => {
      await this.load();
    });
  }
  public componentWillUnmount() {
    this.stopListening();
  }
  private stopListening() {
    window.ElectronFiddle.removeAllListeners('new-fiddle');
  }
  async load() {}
}
declare global {
  interface Window {
    ElectronFiddle: { addEventListener(t: string, f: () => void): void; removeAllListeners(t: string): void };
  }
}`,
    },
    {
      // the registration's result is kept and removes the listener: an eventemitter2 listener object, unsubscribe functions
      code: `import { useEffect } from 'react';
import { EventEmitter2, type Listener } from 'eventemitter2';
const bus = new EventEmitter2();
export function useAliases(update: (payload: unknown) => void): void {
  useEffect(() => {
    const listener = bus.on('aliases', ({ payload }) => update(payload), { objectify: true }) as Listener;
    return () => {
      listener.off();
    };
  }, [update]);
}
export class Widget {
  subscriptions: Array<() => void> = [];
  constructor(private readonly events: { on(type: string, fn: () => void): () => void }) {
    this.subscriptions.push(events.on('tick', () => this.render()));
  }
  render(): void {}
  dispose(): void {
    for (const unsubscribe of this.subscriptions) unsubscribe();
  }
}`,
    },
    {
      // the static helpers of node:events take the emitter first and return an iterator: no handler is added
      code: `import { on } from 'node:events';
import events from 'events';
import { AsyncEventEmitter } from '@vladfrangu/async_event_emitter';
export class Client extends AsyncEventEmitter {
  async fetchAll(signal: AbortSignal) {
    const iterator = AsyncEventEmitter.on(this, Events.Chunk, { signal });
    for await (const [chunk] of iterator) console.log(chunk);
  }
}
export async function drain(emitter: NodeJS.EventEmitter, signal: AbortSignal) {
  for await (const [line] of events.on(emitter, Events.Line, { signal })) console.log(line);
  for await (const [line] of on(emitter, Events.Line, { signal })) console.log(line);
}
declare const Events: { Chunk: string; Line: string };`,
    },
    {
      // an exported class that its own module constructs once at the top level and exports as the instance: the
      // module's singleton, whose constructor listeners live as long as the app
      code: `import { ipcMain } from 'electron';
export class CallsWidget {
  constructor() {
    ipcMain.on('calls-resize', this.onResize);
    ipcMain.on('calls-focus', () => this.focus());
  }
  onResize = () => {};
  focus() {}
  close() {}
}
const callsWidget = new CallsWidget();
export default callsWidget;`,
    },
    {
      // the same with `export { X }` and `export default new X()`
      code: `import { ipcMain } from 'electron';
class Tray {
  constructor() {
    ipcMain.on('tray-update', this.update);
  }
  update = () => {};
  destroy() {}
}
export { Tray };
export default new Tray();`,
    },
    {
      // a preload bridge's subscribe helpers wrap the caller's listener: the caller subscribes, and how often is the
      // caller's to say (with `perCall`)
      code: `import { contextBridge, ipcRenderer } from 'electron';
contextBridge.exposeInMainWorld('desktop', {
  onServerAdded: (listener: (id: string) => void) => ipcRenderer.on('server-added', (_e, id: string) => listener(id)),
  onReload: (listener: () => void) => {
    ipcRenderer.on('reload', () => listener());
  },
  onTheme(listener: (theme: string) => void) {
    ipcRenderer.on('theme', (_e, theme: string) => listener.call(null, theme));
  },
});`,
      options: [{ perCall: true }],
    },
    {
      // a helper that adds the caller's own listener to the caller's signal: the caller keeps it and removes it
      code: `export function onabort(signal: AbortSignal, listener: () => void) {
  signal.addEventListener('abort', listener, { once: true });
}`,
    },
    {
      // drag listeners kept in a state object and removed through it when the pointer goes up
      code: `export class Canvas {
  onPointerDown(state: { listeners: { onMove?: () => void; onUp?: () => void } }) {
    const onMove = () => this.move();
    const onUp = () => {
      window.removeEventListener('pointermove', state.listeners.onMove!);
      window.removeEventListener('pointerup', state.listeners.onUp!);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    state.listeners.onMove = onMove;
    state.listeners.onUp = onUp;
  }
  move() {}
  componentWillUnmount() {}
}`,
    },
    {
      // an abort listener kept on a queued item and removed through the item when it settles
      code: `interface Item { abort?: { signal: AbortSignal; listener: () => void } }
export class CommandsQueue {
  add(options?: { abortSignal?: AbortSignal }) {
    const value: Item = {};
    const signal = options?.abortSignal;
    if (signal) {
      value.abort = { signal, listener: () => this.reject(value) };
      signal.addEventListener('abort', value.abort.listener, { once: true });
    }
    return value;
  }
  reject(value: Item) {}
  static removeAbortListener(command: Item) {
    command.abort!.signal.removeEventListener('abort', command.abort!.listener);
  }
}`,
    },
    {
      // two locals that alias one module-level subscriber: added in one method, removed in the teardown hook
      code: `import { Adapter } from './redis';
export class AuthenticationExtension {
  subscribed = false;
  async onConfigure() {
    if (this.subscribed) return;
    this.subscribed = true;
    const subscriber = Adapter.subscriber;
    subscriber.on('message', this.handleMessage);
  }
  async onDestroy() {
    const subscriber = Adapter.subscriber;
    subscriber.off('message', this.handleMessage);
  }
  handleMessage = () => {};
}`,
    },
    {
      // the event type is kept in a field, and the teardown removes the listener by that field
      code: `import { ipcMain } from 'electron';
export class Server {
  id?: string;
  constructor(uid: string) {
    this.id = uid;
    ipcMain.on(uid, this.ipcListener);
  }
  ipcListener = () => {};
  destroy() {
    if (this.id) ipcMain.removeListener(this.id, this.ipcListener);
  }
}`,
    },
    {
      // added and removed by the same run of the method: it does not outlive the call
      code: `import { ipcMain } from 'electron';
export class PerformanceMonitor {
  runMetrics = async (views: { send(): Promise<void> }[]) => {
    const listener = () => {};
    ipcMain.on('metrics', listener);
    await Promise.allSettled(views.map((view) => view.send()));
    ipcMain.off('metrics', listener);
  };
  stop() {}
}`,
    },
    {
      // the module replaces its instance and removes every handler of the old one's types first
      code: `import { ipcMain } from 'electron';
export class PermissionsManager {
  constructor() {
    ipcMain.on('open-camera-preferences', this.openCamera);
  }
  openCamera = () => {};
  close() {}
}
let manager = new PermissionsManager();
ipcMain.on('update-paths', () => {
  ipcMain.removeAllListeners('open-camera-preferences');
  manager = new PermissionsManager();
});
export default manager;`,
    },
    {
      // the root component of a page, rendered once by the page: its mount-only effect runs once
      code: `import { useEffect } from 'react';
import ReactDOM from 'react-dom';
function Root() {
  useEffect(() => {
    document.addEventListener('dragover', (event) => event.preventDefault());
  }, []);
  return <div />;
}
ReactDOM.render(<Root />, document.getElementById('app'));`,
      filename: 'file.tsx',
      languageOptions: jsx,
    },
    {
      // a class component that is the page's root: componentDidMount runs once per page
      code: `import React from 'react';
import { createRoot } from 'react-dom/client';
class DownloadsDropdown extends React.PureComponent {
  componentDidMount() {
    window.addEventListener('message', this.handleMessage);
  }
  handleMessage = () => {};
  render() {
    return <div />;
  }
}
createRoot(document.getElementById('app')!).render(<DownloadsDropdown />);`,
      filename: 'file.tsx',
      languageOptions: jsx,
    },
    {
      // a per-event handler of a class adds a listener that the class's teardown removes by the field holding its type
      code: `export class Client {
  id?: string;
  constructor(private readonly ipc: { on(type: string, h: () => void): void; removeAllListeners(type?: string): void }) {
    this.ipc.on('init', (uid: string) => {
      this.id = uid;
      this.ipc.on(uid, this.ipcListener);
    });
  }
  ipcListener = () => {};
  destroy() {
    this.ipc.removeAllListeners(this.id);
  }
}`,
    },
    {
      // a handler adds a listener only behind a once-only flag that outlives it: once per handshake, not per message
      code: `import { io } from 'socket.io-client';
const socket = io();
export function handshake() {
  let receivedClientVars = false;
  socket.on('message', (message: { type: string }) => {
    if (!receivedClientVars && message.type === 'CLIENT_VARS') {
      receivedClientVars = true;
      socket.on('liveupdate', () => location.reload());
    }
  });
}`,
    },
    {
      // a plain function's drag listeners kept on the pointer state and removed through it on pointer up (with
      // `perCall`)
      code: `export function onPointerDown(event: PointerEvent) {
  const state: { onMove?: () => void; onUp?: () => void } = {};
  const onPointerMove = () => move(event);
  const onPointerUp = () => {
    window.removeEventListener('pointermove', state.onMove!);
    window.removeEventListener('pointerup', state.onUp!);
  };
  window.addEventListener('pointermove', onPointerMove);
  window.addEventListener('pointerup', onPointerUp);
  state.onMove = onPointerMove;
  state.onUp = onPointerUp;
}
declare function move(event: PointerEvent): void;`,
      options: [{ perCall: true }],
    },
  ],
  invalid: [
    {
      // an exported class constructed per call by a function of its module: checked as usual
      code: `import { ipcMain } from 'electron';
export class Session {
  constructor() {
    ipcMain.on('ping', this.onPing);
  }
  onPing = () => {};
  close() {}
}
export function openSession() {
  return new Session();
}`,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 36,
          data: {
            type: 'ping',
            handler: 'this.onPing',
            owner: 'the constructor',
            target: '`ipcMain`',
            unit: 'instance',
            teardown: '`close()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // an exported class its module constructs twice: no singleton
      code: `import { ipcMain } from 'electron';
export class View {
  constructor() {
    ipcMain.on('resize', this.onResize);
  }
  onResize = () => {};
  close() {}
}
export const left = new View();
export const right = new View();`,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 40,
          data: {
            type: 'resize',
            handler: 'this.onResize',
            owner: 'the constructor',
            target: '`ipcMain`',
            unit: 'instance',
            teardown: '`close()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // the abort listener settles the call's own promise (`resolve` is the executor's, not the caller's listener)
      // and stays on the caller's signal when the iteration ends normally
      code: `export function eachAsync(next: () => Promise<unknown>, options: { signal?: AbortSignal }) {
  const signal = options.signal;
  return new Promise((resolve) => {
    signal?.addEventListener('abort', () => resolve(null), { once: true });
    void next().then(resolve);
  });
}`,
      errors: [
        {
          messageId: 'signalListener',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 75,
          data: {
            listener: 'inline `abort` listener',
            fn: '`eachAsync()`',
            target: '`signal`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a subscribe helper whose handler does not call the caller's listener: the helper's own listener piles up
      code: `import { ipcRenderer } from 'electron';
export const api = {
  watch(onChange: () => void) {
    ipcRenderer.on('changed', () => refresh());
    return onChange;
  },
};
declare function refresh(): void;`,
      options: [{ perCall: true }],
      errors: [
        {
          messageId: 'perCall',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 47,
          data: {
            listener: 'inline `changed` listener',
            fn: '`watch()`',
            target: '`ipcRenderer`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // two locals of the same name alias different objects: removing one does not remove the other
      code: `import { Adapter } from './redis';
export class Extension {
  onConfigure() {
    const subscriber = Adapter.subscriber;
    subscriber.on('message', this.handleMessage);
  }
  onDestroy() {
    const subscriber = Adapter.publisher;
    subscriber.off('message', this.handleMessage);
  }
  handleMessage = () => {};
}`,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 49,
          data: {
            type: 'message',
            handler: 'this.handleMessage',
            owner: '`onConfigure()`',
            target: '`subscriber`',
            unit: 'call',
            teardown: '`onDestroy()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a handler kept in a state object that nothing removes through it
      code: `export class Canvas {
  onPointerDown(state: { listeners: { onMove?: () => void } }) {
    const onMove = () => this.move();
    window.addEventListener('pointermove', onMove);
    state.listeners.onMove = onMove;
  }
  move() {}
  componentWillUnmount() {
    window.removeEventListener('pointerup', this.move);
  }
}`,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 51,
          data: {
            type: 'pointermove',
            handler: 'onMove',
            owner: '`onPointerDown()`',
            target: '`window`',
            unit: 'call',
            teardown: '`componentWillUnmount()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a root component's effect that re-runs when its dependency changes: a listener per run
      code: `import { useEffect } from 'react';
import ReactDOM from 'react-dom';
function Root({ theme }: { theme: string }) {
  useEffect(() => {
    window.addEventListener('resize', () => apply(theme));
  }, [theme]);
  return <div />;
}
declare function apply(theme: string): void;
ReactDOM.render(<Root theme="dark" />, document.getElementById('app'));`,
      filename: 'file.tsx',
      languageOptions: jsx,
      errors: [
        {
          messageId: 'inlineHandler',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 58,
          data: {
            type: 'resize',
            owner: 'this `useEffect`',
            target: '`window`',
            unit: 'effect run',
            teardown: 'the cleanup the effect returns',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a component rendered in two places is no page root: its mount-only effect runs per mount
      code: `import { useEffect } from 'react';
import ReactDOM from 'react-dom';
function Panel() {
  useEffect(() => {
    window.addEventListener('resize', () => layout());
  }, []);
  return <div />;
}
declare function layout(): void;
export const Both = () => <div><Panel /><Panel /></div>;
ReactDOM.render(<Both />, document.getElementById('app'));`,
      filename: 'file.tsx',
      languageOptions: jsx,
      errors: [
        {
          messageId: 'inlineHandler',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 54,
          data: {
            type: 'resize',
            owner: 'this `useEffect`',
            target: '`window`',
            unit: 'effect run',
            teardown: 'the cleanup the effect returns',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // the flag lives in the handler: every message makes a new one, so every message adds a listener
      code: `import { io } from 'socket.io-client';
const socket = io();
export function handshake() {
  socket.on('message', () => {
    let seen = false;
    if (!seen) {
      seen = true;
      socket.on('liveupdate', () => location.reload());
    }
  });
}`,
      errors: [
        {
          messageId: 'inlineHandler',
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 55,
          data: {
            type: 'liveupdate',
            owner: 'this handler',
            target: '`socket`',
            unit: 'call of the handler',
            teardown: 'the handler once its work is done',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('no-leaked-listener (precision, JavaScript)', rule, {
  valid: [
    {
      // the singleton shape in plain JavaScript
      code: `import { ipcMain } from 'electron';
export class MainWindow {
  constructor() {
    ipcMain.on('focus', this.onFocus);
  }
  onFocus = () => {};
  close() {}
}
const mainWindow = new MainWindow();
export default mainWindow;`,
    },
  ],
  invalid: [
    {
      // a plain-JavaScript class that a function constructs per call is no singleton, also with no decorators
      code: `class Widget {
  constructor() {
    this.init();
  }
  init() {
    document.addEventListener('fullscreenchange', () => this.sync());
  }
  sync() {}
}
module.exports = function mount() {
  return new Widget();
};`,
      output: null,
      errors: [
        {
          messageId: 'inlineHandler',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 69,
          data: {
            type: 'fullscreenchange',
            target: '`document`',
            owner: '`init()`',
            unit: 'call',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
          },
          suggestions: null,
        },
      ],
    },
  ],
});
